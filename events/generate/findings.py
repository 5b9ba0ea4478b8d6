"""Findings in batches: the rows, their themes, SDGs, sources, review trail and history.

A batch is planned, inserted and dropped before the next one, so memory stays flat whatever
the number of findings. History: one record per finding holding its current state (change
reason "generated", dated at its last change, by whoever made that change), with the
matching theme and SDG records; that is what ``bulk_create_with_history`` would write, but
with each finding's own date and author, and with the many-to-many history it leaves out.
On PostgreSQL the search vector is filled by the database's insert trigger.
"""

import datetime as dt
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.apps import apps
from django.db import reset_queries

from findings.enums import FindingStatus
from findings.models import Evidence, Finding, PolicyLever, Review, SDGTarget, Source
from plp_portal.progress import Progress

from .bulk import BATCH_SIZE, dates_as_given, insert
from .directory import Directory
from .finding_plan import FindingPlan, FindingPlanner

HISTORY_REASON = "generated"

ThemeLink = Finding.themes.through
SDGLink = Finding.sdgs.through
LeverLink = Finding.levers.through
LevelLink = Finding.levels.through
TargetLink = Finding.sdg_targets.through
#: The claim's links: (link model, its value's column, the plan's values, history model).
CLAIM_LINKS = (
    (LeverLink, "policylever_id", lambda claim: claim.lever_ids, "HistoricalFinding_levers"),
    (LevelLink, "governmentlevel_id", lambda claim: claim.level_codes, "HistoricalFinding_levels"),
    (TargetLink, "sdgtarget_id", lambda claim: claim.target_codes,
     "HistoricalFinding_sdg_targets"),
)  # fmt: skip
# The model behind ``Finding.history``; the descriptor builds a new manager on every access.
HistoricalFinding = Finding.history.model

#: Per consortium pk: its published findings as (published_at, pk), oldest first.
PublishedFindings = dict[int, list[tuple[dt.datetime, int]]]


def _finding(plan: FindingPlan) -> Finding:
    trail = plan.trail
    row = Finding(
        consortium_id=plan.consortium.pk,
        title=plan.title,
        slug=plan.slug,
        summary=plan.summary,
        body=plan.body,
        countries=plan.countries,
        status=plan.status,
        kind=plan.claim.kind if plan.claim else "",
        author_id=plan.author_id,
        created_at=trail.created_at,
        updated_at=trail.steps[-1].at if trail.steps else trail.created_at,
        published_at=trail.published_at,
        version=trail.version,
    )
    # Generated text is English, the original: the unsuffixed columns hold it and the
    # language columns stay empty (plp_portal.content_language reads it from there), so the
    # bulk insert writes each text once.
    for field in ("title", "summary", "body"):
        setattr(row, f"{field}_en", None)
    return row


def _history(row: Finding, plan: FindingPlan):
    return HistoricalFinding(
        **{
            field.attname: getattr(row, field.attname) for field in HistoricalFinding.tracked_fields
        },
        history_date=row.updated_at,
        history_user_id=plan.last_actor_id,
        history_change_reason=HISTORY_REASON,
        history_type="+",
    )


def _insert_batch(plans: list[FindingPlan]) -> list[Finding]:
    rows = insert(Finding, [_finding(plan) for plan in plans])
    themes = [
        [ThemeLink(finding_id=row.pk, theme_id=theme_id) for theme_id in plan.theme_ids]
        for row, plan in zip(rows, plans, strict=True)
    ]
    sdgs = [
        [SDGLink(finding_id=row.pk, sdg_id=number) for number in plan.sdg_numbers]
        for row, plan in zip(rows, plans, strict=True)
    ]
    insert(ThemeLink, [link for links in themes for link in links])
    insert(SDGLink, [link for links in sdgs for link in links])
    insert(
        Source,
        [
            Source(finding_id=row.pk, label=label, url=url, position=position)
            for row, plan in zip(rows, plans, strict=True)
            for position, (label, url) in enumerate(plan.sources)
        ],
    )
    insert(
        Review,
        [
            Review(
                finding_id=row.pk,
                reviewer_id=actor_id,
                decision=step.decision,
                comment=step.comment,
                created_at=step.at,
            )
            for row, plan in zip(rows, plans, strict=True)
            for step, actor_id in zip(plan.trail.steps, plan.actor_ids, strict=True)
        ],
    )
    records = insert(
        HistoricalFinding, [_history(row, plan) for row, plan in zip(rows, plans, strict=True)]
    )
    theme_history = apps.get_model("findings", "HistoricalFinding_themes")
    sdg_history = apps.get_model("findings", "HistoricalFinding_sdgs")
    insert(
        theme_history,
        [
            theme_history(id=link.pk, history_id=record.pk, finding_id=link.finding_id,
                          theme_id=link.theme_id)
            for record, links in zip(records, themes, strict=True)
            for link in links
        ],
    )  # fmt: skip
    insert(
        sdg_history,
        [
            sdg_history(id=link.pk, history_id=record.pk, finding_id=link.finding_id,
                        sdg_id=link.sdg_id)
            for record, links in zip(records, sdgs, strict=True)
            for link in links
        ],
    )  # fmt: skip
    _insert_claims(rows, plans, records)
    return rows


def _insert_claims(rows: list[Finding], plans: list[FindingPlan], records) -> None:
    """The claim's links, their history, and the evidence: one insert each per batch."""
    pairs = [(row, plan.claim) for row, plan in zip(rows, plans, strict=True) if plan.claim]
    for model, column, values, history_name in CLAIM_LINKS:
        links = [
            [model(finding_id=row.pk, **{column: value}) for value in values(claim)]
            for row, claim in pairs
        ]
        insert(model, [link for group in links for link in group])
        history = apps.get_model("findings", history_name)
        record_of = {record.id: record for record in records}
        insert(
            history,
            [
                history(id=link.pk, history_id=record_of[row.pk].pk, finding_id=row.pk,
                        **{column: getattr(link, column)})
                for (row, _claim), group in zip(pairs, links, strict=True)
                for link in group
            ],
        )  # fmt: skip
    insert(
        Evidence,
        [
            Evidence(finding_id=row.pk, kind=kind, count=count)
            for row, claim in pairs
            for kind, count in claim.evidence
        ],
    )


def insert_findings(
    *, seed: int, total: int, directory: Directory, topic_theme_ids: list[int], progress: Progress
) -> PublishedFindings:
    targets_by_goal: dict[int, list[str]] = defaultdict(list)
    for code, goal in SDGTarget.objects.order_by("goal", "position").values_list("code", "goal"):
        targets_by_goal[goal].append(code)
    planner = FindingPlanner(
        seed=seed,
        consortia=directory.consortia,
        topic_theme_ids=topic_theme_ids,
        curator_ids=directory.curator_ids,
        lever_ids=list(PolicyLever.objects.order_by("pk").values_list("pk", flat=True)),
        targets_by_goal=dict(targets_by_goal),
    )
    published: PublishedFindings = defaultdict(list)
    counter = progress.counter("findings", total)
    timestamps = [
        Finding._meta.get_field("created_at"),
        Finding._meta.get_field("updated_at"),
        Review._meta.get_field("created_at"),
    ]
    batches = [
        range(start, min(start + BATCH_SIZE, total)) for start in range(0, total, BATCH_SIZE)
    ]
    # The next batch is written while the database stores this one (the driver lets go of
    # the GIL while it waits); one batch ahead at most, so memory stays flat.
    with ThreadPoolExecutor(max_workers=1) as planning, dates_as_given(*timestamps):
        upcoming = planning.submit(planner.plan_batch, batches[0] if batches else range(0))
        for following in [*batches[1:], None]:
            plans = upcoming.result()
            if following is not None:
                upcoming = planning.submit(planner.plan_batch, following)
            rows = _insert_batch(plans)
            for plan, row in zip(plans, rows, strict=True):
                if plan.status == FindingStatus.PUBLISHED:
                    published[plan.consortium.pk].append((plan.trail.published_at, row.pk))
            counter.advance(len(plans))
            # With DEBUG on, Django keeps every query's SQL: megabytes per batch here.
            reset_queries()
    for findings in published.values():
        findings.sort()
    return dict(published)
