"""One generation run, in one transaction: refused when generated data is already there."""

from django.db import connection, transaction
from django.utils import translation

from consortia.models import Programme
from findings import matching
from plp_portal.content_changes import ALL, content_changed
from plp_portal.progress import Progress

from .directory import build_directory
from .event_plan import EventPlanner
from .event_rows import insert_events
from .findings import insert_findings
from .outputs import insert_outputs
from .plan import PROGRAMME_SLUG, Sizes
from .reactions import insert_reactions
from .themes import ensure_themes


class AlreadyGenerated(Exception):
    pass


def already_generated() -> bool:
    return Programme.objects.filter(slug=PROGRAMME_SLUG).exists()


@transaction.atomic
def _generate(sizes: Sizes, progress: Progress) -> None:
    if already_generated():
        raise AlreadyGenerated
    themes = ensure_themes()
    directory = build_directory(sizes, themes.topics, progress)
    published = insert_findings(
        seed=sizes.seed,
        total=sizes.findings,
        directory=directory,
        topic_theme_ids=themes.topics,
        progress=progress,
    )
    progress.done(
        "outputs", insert_outputs(seed=sizes.seed, directory=directory, published=published)
    )
    progress.done(
        "reactions", insert_reactions(seed=sizes.seed, directory=directory, published=published)
    )
    planner = EventPlanner(
        seed=sizes.seed,
        total=sizes.events,
        directory=directory,
        published=published,
        topic_themes=themes.topic_names,
        event_theme_ids=themes.events,
    )
    insert_events([planner.plan(number) for number in range(sizes.events)])
    progress.done("events", sizes.events)
    # Last: matches read the findings, the reactions and the events.
    matching.rebuild(write=progress.write)
    # Bulk inserts send no model signals: retire every cached page and count at once.
    content_changed(ALL)


def generate(sizes: Sizes, progress: Progress) -> None:
    """Generate ``sizes`` worth of data; raises AlreadyGenerated if a run did so before."""
    # Country names go into texts: the same words whatever the reader's language.
    with translation.override("en"):
        _generate(sizes, progress)
    if connection.vendor == "postgresql":
        # Fresh statistics, so that the planner knows the tables grew from nothing; and, where
        # no transaction is open, VACUUM's visibility map, without which the covering indexes'
        # "index-only" scans (deep pages) still visit every row until autovacuum comes by.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
