"""API list items kept in the cache until the content they show changes.

A list of 50 findings is mostly the same 50 representations from one request to the next.
Each item is stored under the versions of the content kinds it shows (plp_portal.
content_changes), so any change to one of them retires it, like a page fragment. The
relations an item needs are prefetched for the items not found only.

    class Meta:
        list_serializer_class = CachedItemsListSerializer
        cached_item_tags = ["findings.finding", "findings.theme", ...]
        cached_item_prefetch = ["themes", "sdgs"]

Whatever an item shows must be covered by its tags, counts of related rows included (a
finding's reactions are read by a prefetch and retired with the reactions' tag): an item
served from the cache costs no query and no annotation on the list's own query.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import translation
from rest_framework import serializers

from .content_changes import fingerprint, tag_versions

ITEM_SECONDS = 24 * 3600


class CachedItemsListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        if not items:
            return []
        meta = self.child.Meta
        request = self.context.get("request")
        # The items' URLs are absolute: one set of items per scheme and host; and per language,
        # which their labels and the addresses of their pages (/fr/…) are written in.
        origin = request.build_absolute_uri("/") if request is not None else ""
        stamp = fingerprint(tag_versions(meta.cached_item_tags))
        language = translation.get_language()
        prefix = f"api-item:{type(self.child).__name__}:{origin}:{language}:{stamp}:"
        keys = [f"{prefix}{item.pk}" for item in items]
        found = cache.get_many(keys)
        missing = [item for item, key in zip(items, keys, strict=True) if key not in found]
        if missing:
            prefetch_related_objects(missing, *meta.cached_item_prefetch)
            made = {
                f"{prefix}{item.pk}": _plain(self.child.to_representation(item)) for item in missing
            }
            cache.set_many(made, ITEM_SECONDS)
            found.update(made)
        return [found[key] for key in keys]


def cached_representation(
    request, name: str, pk, tags: Iterable[str], build: Callable[[], dict]
) -> dict:
    """A detail's representation (`build()`), kept like a list item until one of `tags`
    changes: for details whose nesting costs more to serialise than to fetch."""
    origin = request.build_absolute_uri("/") if request is not None else ""
    stamp = fingerprint(tag_versions(tags))
    key = f"api-detail:{name}:{origin}:{translation.get_language()}:{stamp}:{pk}"
    representation = cache.get(key)
    if representation is None:
        representation = _plain(build())
        cache.set(key, representation, ITEM_SECONDS)
    return representation


def _plain(value):
    """The representation as plain dicts, lists and strings: DRF's Hyperlink is a str that
    holds its model instance, which would be pickled (and unpickled) with it."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
