"""Links and nested references for API lists, built once per response instead of per item.

A list of 50 findings names the same few consortia, themes and SDGs again and again, and each
reference carries a URL: building those with DRF's reverse() per item was most of the list's
time. These give the same JSON.
"""

import copy

from rest_framework import serializers

from .object_urls import object_url


class ObjectLinkField(serializers.HyperlinkedIdentityField):
    """A HyperlinkedIdentityField whose URL comes from a per-route template (object_urls)."""

    def get_url(self, obj, view_name, request, format):
        if format or getattr(request, "versioning_scheme", None) is not None:
            return super().get_url(obj, view_name, request, format)
        if hasattr(obj, "pk") and obj.pk in (None, ""):
            return None  # unsaved: as DRF's own field answers
        lookup_value = getattr(obj, self.lookup_field)
        url = object_url(view_name, lookup_value, kwarg=self.lookup_url_kwarg)
        return request.build_absolute_uri(url) if request is not None else url


# No docstring: drf-spectacular would publish it as every reference's description.
class SharedRefMixin:
    # A nested reference represented once per object and response: every later item that
    # names the same object reuses the first representation (the context lives as long as
    # the response).

    # Its fields are built from the model once per process, not once per nesting: a detail
    # that nests a reference in several places (an event's moderators, speakers, rapporteurs
    # and participants) otherwise re-reads the model's field info for each of them.
    def get_fields(self):
        built = _BUILT_FIELDS.get(type(self))
        if built is None:
            built = _BUILT_FIELDS[type(self)] = super().get_fields()
        return copy.deepcopy(built)  # unbound copies, as DRF's own declared fields are

    def to_representation(self, instance):
        memo = self.context.setdefault("shared_refs", {})
        key = (type(self), instance.pk)
        representation = memo.get(key)
        if representation is None:
            representation = memo[key] = super().to_representation(instance)
        return representation


_BUILT_FIELDS: dict[type, dict] = {}
