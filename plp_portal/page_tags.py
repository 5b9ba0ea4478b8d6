"""What a cached page shows: the content tags each route declares, next to the route.

A route becomes cacheable by naming the kinds of content it shows (see plp_portal.page_cache):

    path("themes/", shows(Theme, Finding)(views.ThemeListView.as_view()), name="theme_list")

or, on a view class (a DRF viewset, a Django class-based view), ``@shows(Theme, Finding)``.
A kind is a model (its tag is ``app_label.model_name``, as ``content_signals`` bumps it) or a
tag string. The page is served from the cache until any of its tags changes, so a route must
name *every* kind whose rows it reads: tests/site/test_page_tags.py checks that against the
tables each page queries.

A page that changes by itself at some time (an upcoming event becomes past) also names a
function that answers when: ``shows(Event, changes_at=selectors.next_event_end)``.
"""

import functools
from collections.abc import Callable
from typing import NamedTuple

from .content_signals import kind_tag

# DRF viewsets are cached for their reads only; custom actions (a review thread) are not.
CACHED_VIEWSET_ACTIONS = {"list", "retrieve"}


class PageDeclaration(NamedTuple):
    tags: frozenset[str]
    # () -> datetime | None: when the page next changes without any content changing.
    changes_at: Callable | None = None


def shows(*kinds, changes_at: Callable | None = None):
    """Declare the content a view shows, making its anonymous GETs cacheable."""
    declaration = PageDeclaration(
        frozenset(kind if isinstance(kind, str) else kind_tag(kind) for kind in kinds),
        changes_at,
    )

    def declare(view):
        if isinstance(view, type):
            view.page_cache = declaration
            return view

        # A new function, so a view shared elsewhere (Django's sitemap) is left unmarked.
        @functools.wraps(view)
        def declared_view(*args, **kwargs):
            return view(*args, **kwargs)

        declared_view.page_cache = declaration
        return declared_view

    return declare


def declaration_of(view_func) -> PageDeclaration | None:
    """What a resolved view declared, or None when its pages are not cacheable."""
    declaration = getattr(view_func, "page_cache", None)
    if declaration is not None:
        return declaration
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    declaration = getattr(view_class, "page_cache", None)
    actions = getattr(view_func, "actions", None)  # set by DRF's ViewSet.as_view()
    if actions is not None and actions.get("get") not in CACHED_VIEWSET_ACTIONS:
        return None
    return declaration
