"""How many published findings each consortium, theme and goal has: one grouped query each,
cached until a finding changes (``plp_portal.content_changes``).

Pages and API lists read these instead of annotating every row with a count over all
findings, which costs a scan of the findings on every request at programme scale.
"""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from consortia.models import Consortium
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag

from .models import Finding
from .states import LISTED_STATES

# A finding's save, delete, or change of themes or SDGs bumps this tag, from either side of
# the relation (plp_portal.content_signals).
FINDINGS = kind_tag(Finding)


def _grouped(rows) -> dict[int, int]:
    return {key: count for key, count in rows}


def published_by_consortium() -> dict[int, int]:
    """{consortium id: published findings}; consortia without any are left out."""
    return cached(
        "findings.count.by-consortium",
        [FINDINGS],
        lambda: _grouped(
            Finding.objects.published()
            .order_by()
            .values_list("consortium_id")
            .annotate(count=Count("pk"))
        ),
    )


def published_by_theme() -> dict[int, int]:
    """{theme id: published findings}; themes without any are left out."""
    through = Finding.themes.through
    return cached(
        "findings.count.by-theme",
        [FINDINGS],
        lambda: _grouped(
            through.objects.filter(finding__status__in=LISTED_STATES)
            .order_by()
            .values_list("theme_id")
            .annotate(count=Count("finding_id"))
        ),
    )


def published_by_sdg() -> dict[int, int]:
    """{SDG number: published findings}; goals without any are left out."""
    through = Finding.sdgs.through
    return cached(
        "findings.count.by-sdg",
        [FINDINGS],
        lambda: _grouped(
            through.objects.filter(finding__status__in=LISTED_STATES)
            .order_by()
            .values_list("sdg_id")
            .annotate(count=Count("finding_id"))
        ),
    )


def published_total() -> int:
    return cached(
        "findings.count.published", [FINDINGS], lambda: Finding.objects.published().count()
    )


def published_in_theme_by_consortium(theme_id: int) -> list[tuple[int, int]]:
    """[(consortium id, published findings on the theme)], most findings first."""
    return cached(
        f"findings.count.theme-by-consortium:{theme_id}",
        [FINDINGS],
        lambda: list(
            Finding.objects.published()
            .filter(themes=theme_id)
            .order_by()
            .values_list("consortium_id")
            .annotate(count=Count("pk"))
            .order_by("-count", "consortium__short_name")
        ),
    )


def published_by_consortium_and_year() -> list[tuple[int, int, int]]:
    """[(consortium id, year published in the site's time zone, published findings)]."""
    return cached(
        "findings.count.by-consortium-and-year",
        [FINDINGS],
        lambda: list(
            Finding.objects.published()
            .exclude(published_at=None)
            .order_by()
            .annotate(year=ExtractYear("published_at"))
            .values_list("consortium_id", "year")
            .annotate(count=Count("pk"))
        ),
    )


def published_per_consortium_on(*, theme_id: int | None = None, sdg_number: int | None = None):
    """[(consortium short name, slug, published findings)] on one theme or one goal, most
    findings first, then by name: one grouped query, cached until a finding or a consortium
    changes."""
    if (theme_id is None) == (sdg_number is None):
        raise ValueError("Name one theme or one goal.")
    on = {"themes": theme_id} if theme_id is not None else {"sdgs": sdg_number}
    key = f"theme:{theme_id}" if theme_id is not None else f"sdg:{sdg_number}"
    return cached(
        f"findings.count.per-consortium-on:{key}",
        [FINDINGS, kind_tag(Consortium)],
        lambda: list(
            Finding.objects.published()
            .filter(**on)
            .order_by()
            .values_list("consortium__short_name", "consortium__slug")
            .annotate(count=Count("pk"))
            .order_by("-count", "consortium__short_name")
        ),
    )
