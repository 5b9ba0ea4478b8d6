"""`manage.py generate_data`: realistic data of any size, the same for the same seed."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils.html import escape

from consortia.models import (
    Consortium,
    ConsortiumAccess,
    Membership,
    Organisation,
    Person,
    Programme,
)
from events.models import Breakout, Contribution, Event, KeyPoint, Session
from findings.enums import FindingStatus, ReviewDecision
from findings.models import SDG, Finding, OrganisationMatch, Review, Source, Theme
from findings.output_models import Output
from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import Reaction
from findings.workflow import TRANSITIONS, check_transition

SMALL = {"consortia": 5, "findings": 60, "events": 2}


def generate(**options):
    call_command("generate_data", **{**SMALL, "seed": 1, "verbosity": 0, **options})


@pytest.fixture
def generated(db):
    generate()


class Rollback(Exception):
    pass


def snapshot() -> dict[str, list]:
    """Everything generated, by natural keys (primary keys differ between databases)."""

    def rows(queryset, *fields):
        return list(queryset.order_by(*fields).values_list(*fields))

    return {
        "organisations": rows(Organisation.objects, "slug", "name", "acronym", "country", "kind"),
        "people": rows(Person.objects, "slug", "given_name", "family_name", "affiliation__slug"),
        "consortia": rows(Consortium.objects, "slug", "title", "topic", "start_date", "end_date"),
        "memberships": rows(Membership.objects, "consortium__slug", "organisation__slug", "role"),
        "accounts": rows(ConsortiumAccess.objects, "consortium__slug", "user__username", "role"),
        "findings": rows(
            Finding.objects,
            "slug",
            "title",
            "summary",
            "body",
            "status",
            "consortium__slug",
            "countries",
            "author__username",
            "created_at",
            "updated_at",
            "published_at",
            "version",
        ),  # fmt: skip
        "finding_themes": rows(Finding.themes.through.objects, "finding__slug", "theme__slug"),
        "finding_sdgs": rows(Finding.sdgs.through.objects, "finding__slug", "sdg__number"),
        "sources": rows(Source.objects, "finding__slug", "position", "label", "url"),
        "reviews": rows(
            Review.objects,
            "finding__slug",
            "created_at",
            "decision",
            "reviewer__username",
            "comment",
        ),  # fmt: skip
        "reactions": rows(
            Reaction.objects,
            "finding__slug",
            "organisation__slug",
            "kind",
            "status",
            "created_at",
        ),  # fmt: skip
        # Not what they share: its keys include primary keys, which differ between runs.
        "matches": rows(OrganisationMatch.objects, "organisation__slug", "other__slug", "score"),
        "events": rows(Event.objects, "slug", "title", "starts_at", "ends_at", "status"),
        "sessions": rows(Session.objects, "event__slug", "position", "title", "moderator__slug"),
        "contributions": rows(
            Contribution.objects,
            "session__event__slug",
            "session__position",
            "position",
            "person__slug",
            "consortium__slug",
            "findings__slug",
        ),  # fmt: skip
        "breakouts": rows(
            Breakout.objects,
            "session__event__slug",
            "position",
            "title",
            "theme__slug",
            "rapporteur__slug",
            "participants__slug",
            "findings__slug",
        ),  # fmt: skip
        "key_points": rows(
            KeyPoint.objects,
            "breakout__session__event__slug",
            "breakout__position",
            "position",
            "text",
            "findings__slug",
            "themes__slug",
        ),  # fmt: skip
    }


def snapshot_of_run(**options) -> dict[str, list]:
    """Generate, read everything, and undo it, so that the next run starts from the same place."""
    try:
        with transaction.atomic():
            generate(**options)
            taken = snapshot()
            raise Rollback
    except Rollback:
        return taken


# ---------------------------------------------------------------- what is made


def test_generate_data_makes_exact_counts(generated):
    user_model = get_user_model()

    assert {
        "programmes": Programme.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "consortia": Consortium.objects.count(),
        "memberships": Membership.objects.count(),
        "accounts": user_model.objects.count(),
        "curators": user_model.objects.filter(groups__name="Curators", is_staff=True).count(),
        "member accounts": ConsortiumAccess.objects.count(),
        "themes": Theme.objects.count(),
        "sdgs": SDG.objects.count(),
        "findings": Finding.objects.count(),
        "history records": Finding.history.count(),
        "sources": Source.objects.count(),
        "reviews": Review.objects.count(),
        "events": Event.objects.count(),
        "sessions": Session.objects.count(),
        "contributions": Contribution.objects.count(),
        "breakouts": Breakout.objects.count(),
        "key points": KeyPoint.objects.count(),
    } == {
        "programmes": 1,
        "organisations": 20,
        "people": 41,
        "consortia": 5,
        "memberships": 27,
        "accounts": 13,
        "curators": 3,
        "member accounts": 10,
        "themes": 25,
        "sdgs": 17,
        "findings": 60,
        "history records": 60,
        "sources": 81,
        "reviews": 146,
        "events": 2,
        "sessions": 9,
        "contributions": 14,
        "breakouts": 7,
        "key points": 23,
    }


def test_generate_data_has_findings_in_every_state(generated):
    statuses = set(Finding.objects.values_list("status", flat=True))

    # The generator (events/generate) writes one-stage trails: no finding waits for a
    # coordinator's sign-off there.
    assert statuses == set(FindingStatus.values) - {FindingStatus.AWAITING_SIGNOFF}


def test_generate_data_gives_each_consortium_one_lead_and_partners(generated):
    for consortium in Consortium.objects.prefetch_related("memberships"):
        roles = sorted(m.role for m in consortium.memberships.all())

        assert roles.count("lead") == 1, consortium
        assert roles.count("partner") >= 2, consortium


def test_generate_data_findings_belong_to_consortia_with_lead_and_partners(generated):
    consortia_of_findings = set(Finding.objects.values_list("consortium", flat=True))
    with_lead = set(Membership.objects.filter(role="lead").values_list("consortium", flat=True))

    assert consortia_of_findings <= with_lead


def test_generate_data_review_trails_follow_the_workflow(generated):
    for finding in Finding.objects.prefetch_related("reviews"):
        status = FindingStatus.DRAFT
        for review in finding.reviews.all():
            status = check_transition(status, review.decision).target
            if TRANSITIONS[review.decision].comment_required:
                assert review.comment, review
            is_curator = review.reviewer.groups.filter(name="Curators").exists()
            assert is_curator == (review.decision != ReviewDecision.SUBMIT), review

        assert status == finding.status, finding.slug


def test_generate_data_published_findings_carry_their_publication(generated):
    public = Finding.objects.filter(
        status__in=[FindingStatus.PUBLISHED, FindingStatus.WITHDRAWN]
    ).prefetch_related("reviews")

    for finding in public:
        publish = [r for r in finding.reviews.all() if r.decision == ReviewDecision.PUBLISH]
        assert [r.created_at for r in publish] == [finding.published_at], finding.slug
        assert finding.created_at < finding.published_at <= finding.updated_at
    assert not Finding.objects.exclude(status__in=["published", "withdrawn"]).exclude(
        published_at=None
    )
    years = {finding.published_at.year for finding in public}
    assert min(years) >= 2019 and max(years) <= 2026


def test_generate_data_versions_count_every_save(generated):
    finding = Finding.objects.filter(status=FindingStatus.PUBLISHED).first()
    decisions = list(finding.reviews.values_list("decision", flat=True))
    answered = decisions.count(ReviewDecision.REQUEST_CHANGES)

    assert finding.version == 1 + len(decisions) + answered


def test_generate_data_writes_one_history_record_per_finding(generated):
    theme_history = apps.get_model("findings", "HistoricalFinding_themes")
    finding = Finding.objects.filter(status=FindingStatus.WITHDRAWN).first()
    record = finding.history.get()

    assert (record.history_type, record.history_change_reason) == ("+", "generated")
    assert (record.status, record.title, record.version) == (
        finding.status,
        finding.title,
        finding.version,
    )
    assert record.history_date == finding.updated_at
    assert record.history_user == finding.reviews.last().reviewer
    assert set(theme_history.objects.filter(history=record).values_list("theme", flat=True)) == set(
        finding.themes.values_list("pk", flat=True)
    )


def test_generate_data_fills_the_search_vector_on_postgresql_only(generated):
    without_vector = Finding.objects.filter(search_vector=None).count()

    assert without_vector == (0 if connection.vendor == "postgresql" else 60)


def test_generate_data_events_present_published_findings_of_the_presenting_consortium(generated):
    contributions = Contribution.objects.exclude(consortium=None).prefetch_related("findings")

    presented = [f for c in contributions for f in c.findings.all()]
    assert presented
    for contribution in contributions:
        for finding in contribution.findings.all():
            assert finding.status == FindingStatus.PUBLISHED
            assert finding.consortium_id == contribution.consortium_id


def test_generate_data_consortia_present_at_most_once_per_event(generated):
    for event in Event.objects.all():
        presenting = list(
            Contribution.objects.filter(session__event=event)
            .exclude(consortium=None)
            .values_list("consortium", flat=True)
        )

        assert presenting
        assert len(presenting) == len(set(presenting)), event


def test_generate_data_sessions_fit_their_event_and_breakouts_report_back(generated):
    for session in Session.objects.select_related("event"):
        assert session.event.starts_at <= session.starts_at < session.ends_at
        assert session.ends_at <= session.event.ends_at
    for breakout in Breakout.objects.prefetch_related("key_points", "participants"):
        assert breakout.session.kind == "breakouts"
        assert breakout.rapporteur_id is not None
        assert len(breakout.key_points.all()) >= 2
        assert len(breakout.participants.all()) >= 3


def test_generate_data_without_findings_still_makes_events(db):
    generate(findings=0)

    assert Finding.objects.count() == 0
    assert Event.objects.count() == 2
    assert Contribution.objects.exclude(consortium=None).exists()


# ---------------------------------------------------------------- reproducible


def test_generate_data_same_seed_gives_the_same_data(db):
    first = snapshot_of_run(seed=7)
    second = snapshot_of_run(seed=7)

    assert first == second
    assert len(first["findings"]) == 60


def test_generate_data_another_seed_gives_other_data(db):
    first = snapshot_of_run(seed=7)
    other = snapshot_of_run(seed=8)

    assert [row[0] for row in first["findings"]] != [row[0] for row in other["findings"]]


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"consortia": 0}, "--consortia must be at least 1: findings and events need consortia."),
        ({"consortia": -3}, "--consortia must be at least 1: findings and events need consortia."),
        ({"findings": -1}, "--findings must be zero or more."),
        ({"events": -1}, "--events must be zero or more."),
    ],
)
def test_generate_data_refuses_bad_sizes(db, options, message):
    with pytest.raises(CommandError) as refused:
        generate(**options)

    assert str(refused.value) == message
    assert not Finding.objects.exists()


def test_generate_data_refuses_a_second_run(generated):
    with pytest.raises(CommandError) as refused:
        generate(seed=2)

    assert str(refused.value) == (
        "This database already holds generated data: generate into a fresh database, "
        "or empty this one with `manage.py flush` first."
    )
    assert Finding.objects.count() == 60


def test_generate_data_command_line_rejects_a_non_number(db):
    with pytest.raises(CommandError, match="argument --findings: invalid int value: 'many'"):
        call_command("generate_data", "--findings", "many")


# ---------------------------------------------------------------- beside the demo


def test_generate_data_after_the_demo_keeps_both(demo):
    demo_findings = Finding.objects.count()

    generate()

    assert Finding.objects.count() == demo_findings + 60
    assert Consortium.objects.count() == 6 + 5
    assert Finding.objects.filter(slug="silk-collaborators-and-intangible-assets").exists()


def test_generate_data_then_the_demo_keeps_both(db):
    generate()

    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)

    assert Consortium.objects.count() == 5 + 6
    assert Theme.objects.count() == 25  # the demo's themes were generated as the demo has them


# ---------------------------------------------------------------- output


def test_generate_data_reports_progress_and_a_summary(db):
    out, err = io.StringIO(), io.StringIO()

    call_command("generate_data", **SMALL, stdout=out, stderr=err)

    assert out.getvalue().startswith("Generated with seed 1 in ")
    assert out.getvalue().endswith(": consortia 5, findings 60, events 2.\n")
    lines = err.getvalue().splitlines()
    assert lines[:3] == ["organisations 20", "people 41", "consortia 5"]
    assert lines[3].startswith("findings 60/60 (")
    assert lines[4:7] == ["outputs 14", "reactions 2", "events 2"]
    assert lines[7] == "organisations with findings or events 19"
    assert lines[8].startswith("organisations matched 19/19 (")
    assert lines[9] == f"matches stored {OrganisationMatch.objects.count():,}"


def test_generate_data_is_quiet_at_verbosity_zero(db):
    out, err = io.StringIO(), io.StringIO()

    call_command("generate_data", **SMALL, verbosity=0, stdout=out, stderr=err)

    assert (out.getvalue(), err.getvalue()) == ("", "")


# ---------------------------------------------------------------- the public pages


def test_public_pages_show_generated_data(client, generated):
    finding = Finding.objects.published().order_by("slug").first()
    consortium = Consortium.objects.order_by("slug").first()
    event = Event.objects.published().order_by("slug").first()
    person = Contribution.objects.filter(session__event=event).first().person
    latest = Finding.objects.published().order_by("-published_at", "title").first()
    pages = {
        "/en/": latest.title,
        "/en/findings/": latest.title,
        finding.get_absolute_url(): finding.title,
        "/en/consortia/": consortium.short_name,
        consortium.get_absolute_url(): consortium.title,
        consortium.memberships.first().organisation.get_absolute_url(): consortium.short_name,
        "/en/events/": event.title,
        event.get_absolute_url(): event.sessions.first().title,
        person.get_absolute_url(): event.title,
        "/en/themes/": finding.themes.first().name,
        finding.themes.first().get_absolute_url(): finding.themes.first().name,
    }
    for url, text in pages.items():
        response = client.get(url)

        assert response.status_code == 200, url
        assert escape(text) in response.content.decode(), url


def test_api_lists_generated_findings(client, generated):
    response = client.get("/api/v1/findings/")

    assert response.status_code == 200
    assert response.json()["count"] == Finding.objects.published().count()


@pytest.mark.django_db(transaction=True)
def test_generating_data_retires_every_cached_value():
    from plp_portal.content_changes import cached

    runs = []
    cached("home-figures", ["findings.finding"], lambda: runs.append(1))

    call_command("generate_data", consortia=2, findings=5, seed=1, verbosity=0)
    cached("home-figures", ["findings.finding"], lambda: runs.append(1))

    assert runs == [1, 1]


def test_generated_outputs_are_bounded_and_mostly_published(db):
    call_command("generate_data", **SMALL, stdout=io.StringIO(), stderr=io.StringIO())

    outputs = Output.objects.all()
    assert outputs.count() == 14
    assert outputs.published().count() == 12
    # Every finding an output names is of its consortium and published.
    assert not Output.findings.through.objects.exclude(
        finding__consortium=F("output__consortium"), finding__status="published"
    ).exists()


def test_generated_reactions_come_from_outside_the_consortium_on_published_findings(db):
    call_command("generate_data", consortia=8, findings=400, seed=1, verbosity=0)

    reactions = Reaction.objects.all()
    assert reactions.count() == 35
    assert reactions.published().count() == 29
    assert set(reactions.values_list("kind", flat=True)) == set(ReactionKind.values)
    assert not reactions.exclude(finding__status=FindingStatus.PUBLISHED).exists()
    # Never from a member of the writing consortium.
    assert not reactions.filter(
        organisation__memberships__consortium=F("finding__consortium")
    ).exists()
    # Every "found otherwise" says what it found; every "applied" says where.
    assert not reactions.filter(kind=ReactionKind.OTHERWISE, evidence="").exists()
    assert not reactions.filter(kind=ReactionKind.APPLIED, country="").exists()
    # Decided ones say when and by whom; the queue's do not.
    assert not reactions.published().filter(decided_at=None).exists()
    assert not reactions.filter(status=ReactionStatus.SUBMITTED).exclude(decided_at=None).exists()
    # Contested findings exist for the filter to find.
    assert (
        Finding.objects.published()
        .filter(reactions__kind=ReactionKind.OTHERWISE, reactions__status=ReactionStatus.PUBLISHED)
        .exists()
    )


def test_generated_data_comes_with_its_matches(generated):
    """Stored as a full rebuild computes them: the score of a stored pair is the pair's."""
    from findings import matching

    stored = set(OrganisationMatch.objects.values_list("organisation_id", "other_id", "score"))

    assert len(stored) > 0
    assert matching.rebuild() == 0  # nothing to change: already as computed
    assert stored == set(
        OrganisationMatch.objects.values_list("organisation_id", "other_id", "score")
    )
