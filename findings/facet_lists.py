"""The facets as the findings list shows them: leading values, and a way to see all."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .facets import FACETS
from .selectors import FacetItem, FacetSummary, leading_items

FACET_TITLES = {
    "theme": _("Theme"),
    "sdg": _("SDG"),
    "consortium": _("Consortium"),
    "country": _("Country"),
    "year": _("Year"),
    "kind": _("Kind of claim"),
    "lever": _("Policy lever"),
    "level": _("Level of government"),
    "evidence": _("Evidence"),
    "sdg_target": _("SDG target"),
}


@dataclass
class FacetList:
    name: str
    title: str
    items: list[FacetItem]  # those shown
    hidden: int  # values not shown ("see all")
    expanded: bool  # every value shown on request ("show fewer")
    has_selection: bool


def facet_lists(summary: FacetSummary, *, expanded: str = "") -> dict[str, FacetList]:
    """Each facet by name, with its leading values, or all of them for the facet named
    `expanded`."""
    lists = {}
    for name in FACETS:
        items = summary.facets[name]
        shown = items if name == expanded else leading_items(items)
        lists[name] = FacetList(
            name=name,
            title=FACET_TITLES[name],
            items=shown,
            hidden=len(items) - len(shown),
            expanded=name == expanded and len(leading_items(items)) < len(items),
            has_selection=any(item.selected for item in items),
        )
    return lists
