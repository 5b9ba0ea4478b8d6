"""The themes generated findings and events use: the demo's themes, and more topic themes.

A theme that already exists (by slug, or by name) is reused as it is, so the generator and
``load_demo`` can run in either order; a missing one is created exactly as the demo would.
"""

from dataclasses import dataclass

from findings.enums import ThemeKind
from findings.models import Theme

from ..demo.programme import THEMES as DEMO_THEMES

# (slug, name, description): topic themes beyond the demo's six.
MORE_TOPIC_THEMES = [
    ("public-procurement", "Public procurement", "Social clauses and reserved contracts."),
    ("access-to-finance", "Access to finance", "Loans, equity and blended finance for the SSE."),
    ("cooperative-development", "Cooperative development", "Starting and growing cooperatives."),
    ("work-integration", "Work integration", "Jobs for people far from the labour market."),
    ("platform-cooperatives", "Platform cooperatives", "Digital platforms owned by their users."),
    ("community-energy", "Community energy", "Citizens producing and sharing renewable energy."),
    ("circular-economy", "Circular economy", "Repair, re-use and recycling run by the SSE."),
    ("care-services", "Care services", "Care for children, elders and people with disabilities."),
    ("affordable-housing", "Affordable housing", "Housing cooperatives and community land."),
    ("food-systems", "Food systems", "Short supply chains and food cooperatives."),
    ("youth-employment", "Youth employment", "Young people as workers and founders in the SSE."),
    ("skills-and-training", "Skills and training", "Learning to manage SSE organisations."),
    ("rural-development", "Rural development", "The SSE where markets and services are thin."),
    ("migrant-inclusion", "Migrant inclusion", "Newcomers finding work and voice through the SSE."),
    ("sse-statistics", "SSE statistics", "Counting the sector: satellite accounts and registers."),
    ("social-innovation", "Social innovation", "New answers to social needs and how they spread."),
]


@dataclass(frozen=True)
class ThemeIds:
    #: Topic themes' names by id, in a fixed order.
    topic_names: dict[int, str]
    events: list[int]

    @property
    def topics(self) -> list[int]:
        return list(self.topic_names)


def _wanted() -> list[tuple[str, str, str, str, int]]:
    """(slug, name, kind, description, position) of every theme the generator uses."""
    wanted = [
        (slug, name, kind, description, position)
        for position, (slug, name, kind, description) in enumerate(DEMO_THEMES)
    ]
    start = len(wanted)
    wanted += [
        (slug, name, ThemeKind.TOPIC, description, start + offset)
        for offset, (slug, name, description) in enumerate(MORE_TOPIC_THEMES)
    ]
    return wanted


def ensure_themes() -> ThemeIds:
    wanted = _wanted()
    existing = Theme.objects.filter(slug__in=[w[0] for w in wanted]) | Theme.objects.filter(
        name__in=[w[1] for w in wanted]
    )
    by_slug = {theme.slug: theme for theme in existing}
    by_name = {theme.name: theme for theme in existing}
    missing = [
        Theme(slug=slug, name=name, kind=kind, description=description, position=position)
        for slug, name, kind, description, position in wanted
        if slug not in by_slug and name not in by_name
    ]
    for theme in Theme.objects.bulk_create(missing):
        by_slug[theme.slug] = theme
    themes = [by_slug.get(slug) or by_name[name] for slug, name, *_ in wanted]
    kinds = [kind for _, _, kind, _, _ in wanted]
    return ThemeIds(
        topic_names={
            t.pk: t.name for t, kind in zip(themes, kinds, strict=True) if kind == ThemeKind.TOPIC
        },
        events=[t.pk for t, kind in zip(themes, kinds, strict=True) if kind == ThemeKind.EVENT],
    )
