"""What a page's ``{% cachedfragment %}`` needs to be as fresh as the page cache would be.

A view hands its template ``fragment = page_fragment(request, …)``: the content tags its route
declares (plp_portal.page_tags, checked by tests against the tables each page reads), and a
``vary`` value that also names the moment the page next changes by itself (an upcoming event
becoming past), so a fragment rendered before that moment is not served after it.

    {% cachedfragment "home" tags=fragment.tags vary=fragment.vary %}…{% endcachedfragment %}
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from .content_changes import fingerprint, tag_versions
from .page_tags import declaration_of

_MISSING = object()
NEXT_CHANGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PageFragment:
    tags: str
    vary: str


def page_fragment(request, *vary) -> PageFragment:
    """The fragment options of the page `request` asks for; `vary` tells its objects apart."""
    match = request.resolver_match
    declaration = declaration_of(match.func)
    parts = [str(value) for value in vary]
    if declaration.changes_at is not None:
        parts.append(_next_change(match.view_name, declaration))
    return PageFragment(tags=" ".join(sorted(declaration.tags)), vary=":".join(parts))


def _next_change(route: str, declaration) -> str:
    """When the route's pages next change by themselves, asked of the database once per
    content version and again once that moment has passed."""
    key = f"fragment-next-change:{route}:{fingerprint(tag_versions(declaration.tags))}"
    moment = cache.get(key, _MISSING)
    if moment is _MISSING or (moment is not None and moment <= timezone.now()):
        moment = declaration.changes_at()
        cache.set(key, moment, NEXT_CHANGE_SECONDS)
    return moment.isoformat() if moment is not None else "never"
