"""Peer matching: scores and reasons for a small constructed case, unpublished findings left
out, the organisation page and the members' dashboard, and the rebuild command."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.enums import AccessRole
from events.enums import EventStatus
from findings import matching, services
from findings.enums import FindingStatus
from findings.models import OrganisationMatch
from tests.factories import (
    BreakoutFactory,
    ConsortiumAccessFactory,
    ConsortiumFactory,
    ContributionFactory,
    EventFactory,
    FindingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
    sdg,
)


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    settings.PLP_PAGE_CACHE = False


@pytest.fixture
def world(db):
    """SILK (Coop, Partner) and RRR (Town): SILK's two findings and RRR's one share legal
    frameworks and Spain; SILK's second and RRR's share SDG 8."""
    silk, rrr, lone = (ConsortiumFactory(short_name=name) for name in ("SILK", "RRR", "LONE"))
    coop = OrganisationFactory(name="Coop", slug="coop")
    partner = OrganisationFactory(name="Partner", slug="partner")
    town = OrganisationFactory(name="Town", slug="town")
    hermit = OrganisationFactory(name="Hermit", slug="hermit")
    MembershipFactory(consortium=silk, organisation=coop)
    MembershipFactory(consortium=silk, organisation=partner)
    MembershipFactory(consortium=rrr, organisation=town)
    MembershipFactory(consortium=lone, organisation=hermit)
    legal = ThemeFactory(name="Legal frameworks", slug="legal")
    places = ThemeFactory(name="Local ecosystems", slug="places")
    PublishedFindingFactory(consortium=silk, themes=[legal], countries=["ES"])
    PublishedFindingFactory(
        consortium=silk, themes=[legal, places], sdgs=[sdg(8)], countries=["ES", "FR"]
    )
    PublishedFindingFactory(consortium=rrr, themes=[legal], sdgs=[sdg(8)], countries=["ES"])
    PublishedFindingFactory(consortium=lone, themes=[places], countries=["IT"])
    return locals()


def stored() -> dict[tuple[str, str], tuple[int, dict]]:
    return {
        (m.organisation.slug, m.other.slug): (m.score, m.shared)
        for m in OrganisationMatch.objects.select_related("organisation", "other")
    }


def test_scores_and_shared_features_are_exact(world):
    legal, places = str(world["legal"].pk), str(world["places"].pk)
    assert matching.rebuild() == 8
    matches = stored()
    # Coop and Town: legal frameworks min(2, 1) x 3, SDG 8 min(1, 1) x 2, Spain min(2, 1) x 1.
    assert matches[("coop", "town")] == (
        6,
        {"theme": [[legal, 1]], "sdg": [["8", 1]], "country": [["ES", 1]]},
    )
    assert matches[("town", "coop")] == matches[("coop", "town")]
    assert matches[("partner", "town")] == matches[("coop", "town")]
    # Hermit and SILK's organisations: local ecosystems min(1, 1) x 3.
    assert matches[("hermit", "coop")] == (3, {"theme": [[places, 1]]})
    # Partners in one consortium are not matched; Town and Hermit share nothing.
    assert ("coop", "partner") not in matches
    assert ("town", "hermit") not in matches
    assert len(matches) == 8


def test_reason_names_the_strongest_shared_features(world):
    matching.rebuild()
    best = matching.best_matches([world["coop"], world["hermit"]])
    coop = best[world["coop"].pk]
    assert [(m.other.name, m.score) for m in coop] == [("Town", 6), ("Hermit", 3)]
    assert coop[0].reasons == [
        "Both found something about Legal frameworks, in Spain.",
        "Both worked towards SDG 8: Decent Work and Economic Growth.",
    ]
    assert best[world["hermit"].pk][0].reasons == ["Both found something about Local ecosystems."]


def test_unpublished_findings_add_no_overlap(world):
    for status in (
        FindingStatus.DRAFT,
        FindingStatus.SUBMITTED,
        FindingStatus.REJECTED,
        FindingStatus.WITHDRAWN,
    ):
        FindingFactory(
            consortium=world["lone"], status=status, themes=[world["legal"]], countries=["ES"]
        )
    matching.rebuild()
    assert stored()[("hermit", "coop")][0] == 3
    assert ("hermit", "town") not in stored()


def test_shared_published_events_count_and_are_named(world):
    event = EventFactory(title="Final PLP event")
    draft = EventFactory(title="Secret event", status=EventStatus.DRAFT)
    for chosen in (event, draft):
        ContributionFactory(
            session=SessionFactory(event=chosen),
            person=PersonFactory(affiliation=world["town"]),
            consortium=world["rrr"],
        )
        BreakoutFactory(session=SessionFactory(event=chosen)).participants.set(
            [PersonFactory(affiliation=world["hermit"])]
        )
    matching.rebuild()
    assert stored()[("hermit", "town")] == (2, {"event": [[str(event.pk), 1]]})
    best = matching.best_matches([world["town"]])[world["town"].pk]
    assert best[-1].other.name == "Hermit"
    assert best[-1].reasons == ["Both took part in Final PLP event."]


def test_publishing_and_withdrawing_rebuild_the_consortiums_matches(
    world, django_capture_on_commit_callbacks
):
    matching.rebuild()
    curator = UserFactory(is_staff=True, is_superuser=True)
    finding = FindingFactory(
        consortium=world["lone"], status=FindingStatus.SUBMITTED, themes=[world["legal"]]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.finding_publish(finding=finding, user=curator, comment="")
    assert stored()[("hermit", "town")] == (3, {"theme": [[str(world["legal"].pk), 1]]})
    finding.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.finding_withdraw(finding=finding, user=curator, comment="Out of date.")
    assert ("hermit", "town") not in stored()


def test_organisation_page_shows_matches_with_reasons(client, world, django_assert_max_num_queries):
    matching.rebuild()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("consortia:organisation_detail", args=["coop"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Organisations to talk to" in html
    assert '<a href="/en/organisations/town/">Town</a>' in html
    assert "Both found something about Legal frameworks, in Spain." in html


def test_members_dashboard_shows_matches_of_their_own_organisations_only(client, world):
    matching.rebuild()
    member = UserFactory()
    ConsortiumAccessFactory(user=member, consortium=world["rrr"], role=AccessRole.MEMBER)
    client.force_login(member)
    response = client.get(reverse("members:dashboard"))
    assert response.status_code == 200
    shown = [(o.name, [m.other.name for m in ms]) for o, ms in response.context["matches"]]
    assert shown == [("Town", ["Coop", "Partner"])]
    assert "Organisations to talk to" in response.content.decode()


def test_compute_matches_command_reports_progress(world):
    out = io.StringIO()
    call_command("compute_matches", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "organisations with findings or events 4"
    assert lines[1].startswith("organisations matched 4/4 (")
    assert lines[-2:] == ["matches stored 8", "8 matches stored."]
    again = io.StringIO()
    call_command("compute_matches", stdout=again)
    assert "matches unchanged 8" in again.getvalue()


def test_compute_matches_refuses_an_unknown_organisation(world):
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("compute_matches", "--organisation", "nobody", stderr=err)
    assert err.getvalue() == "No organisation with the slug: nobody\n"


def test_levers_targets_and_applied_findings_count_with_their_reasons(world):
    from findings.models import PolicyLever, SDGTarget
    from findings.reactions.models import Reaction

    procurement = PolicyLever.objects.get(slug="public-procurement")
    target = SDGTarget.objects.get(code="8.3")
    silk_finding = world["silk"].findings.order_by("pk").first()
    town_finding = world["rrr"].findings.get()
    for finding in (silk_finding, town_finding):
        finding.levers.set([procurement])
        finding.sdg_targets.set([target])
    # The Hermit applied SILK's finding (published), and Town's (only submitted: not counted).
    Reaction.objects.create(
        finding=silk_finding, organisation=world["hermit"], kind="applied", status="published"
    )
    Reaction.objects.create(finding=town_finding, organisation=world["hermit"], kind="applied")
    matching.rebuild()
    score, shared = stored()[("coop", "town")]
    # 6 as before, lever 4 x 1, target 2 x 1.
    assert score == 12
    assert shared["lever"] == [[str(procurement.pk), 1]]
    assert shared["sdg_target"] == [["8.3", 1]]
    hermit_coop = stored()[("hermit", "coop")]
    assert hermit_coop == (
        3 + 5,
        {"theme": [[str(world["places"].pk), 1]], "applied": [[str(silk_finding.pk), 1]]},
    )
    best = matching.best_matches([world["coop"]])[world["coop"].pk]
    assert [(m.other.name, m.score) for m in best] == [("Town", 12), ("Hermit", 8)]
    assert best[0].reasons == [
        "Both found something about the policy lever Public procurement.",
        "Both found something about Legal frameworks, in Spain.",
    ]
    assert best[1].reasons[0] == (
        f"“{silk_finding.title}” links them: one found it and the other applied it, or both "
        "applied it."
    )


def test_members_dashboard_reads_matches_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    member = UserFactory()
    ConsortiumAccessFactory(user=member, consortium=world["silk"], role=AccessRole.MEMBER)
    client.force_login(member)
    matching.rebuild()
    # The workspace's own reads (session, user, consortia, roles, findings, sign-off queue,
    # outputs), then the organisations, their matches, and one query per feature the reasons
    # name.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("members:dashboard"))
    shown = [(o.name, [m.other.name for m in ms]) for o, ms in response.context["matches"]]
    assert shown == [("Coop", ["Town", "Hermit"]), ("Partner", ["Town", "Hermit"])]
    for number in range(8):
        other = OrganisationFactory(name=f"Other {number}")
        MembershipFactory(consortium=world["rrr"], organisation=other)
    matching.rebuild()
    with django_assert_max_num_queries(14):
        response = client.get(reverse("members:dashboard"))
    assert [len(ms) for _o, ms in response.context["matches"]] == [3, 3]


# ---------------------------------------------------------------- kept up to date cheaply


def test_an_organisation_keeps_its_best_matches_only(world, monkeypatch):
    from findings import match_ranking

    monkeypatch.setattr(match_ranking, "KEPT_PER_ORGANISATION", 1)
    matching.rebuild()
    # Coop's best is Town (6), not Hermit (3); Hermit's best is Coop (3, before Partner by age).
    assert {key: score for key, (score, _shared) in stored().items()} == {
        ("coop", "town"): 6,
        ("partner", "town"): 6,
        ("town", "coop"): 6,
        ("hermit", "coop"): 3,
    }


def test_ranking_merges_changed_scores_and_rescores_only_when_a_kept_match_fell():
    from findings.match_ranking import best, updated

    def never():
        raise AssertionError("rescored")

    stored = [(1, 9), (2, 7), (3, 5)]
    # 4 rose above 2, 3 fell, but the list was not full: everyone it could hold is in it.
    assert updated(stored, {4: 8, 3: 1}, never, kept=4) == [(1, 9), (4, 8), (2, 7), (3, 1)]
    # Full, nothing fell: 4 enters, 3 leaves.
    assert updated(stored, {4: 8}, never, kept=3) == [(1, 9), (4, 8), (2, 7)]
    # Full, 2 fell to nothing: only scoring everyone again can tell who comes third.
    assert updated(stored, {2: 0}, lambda: [(1, 9), (2, 0), (3, 5), (5, 4)], kept=3) == [
        (1, 9),
        (3, 5),
        (5, 4),
    ]
    # Ties go to the older organisation; no score, no match.
    assert best([(7, 2), (6, 2), (8, 0)], kept=5) == [(6, 2), (7, 2)]


@pytest.mark.parametrize("kept", [2, 20])
def test_publishing_and_withdrawing_leave_the_matches_a_full_rebuild_would_compute(
    db, django_capture_on_commit_callbacks, monkeypatch, kept
):
    """On generated data, each publication and withdrawal updates the stored matches in
    place; a full rebuild afterwards finds nothing to change. Withdrawing one consortium's
    findings one by one makes its members fall in others' lists, down to nothing."""
    from django.db.models import Count

    from findings import match_ranking
    from findings.models import Finding

    monkeypatch.setattr(match_ranking, "KEPT_PER_ORGANISATION", kept)
    call_command("generate_data", consortia=6, findings=120, seed=3, verbosity=0)
    curator = UserFactory(is_staff=True, is_superuser=True)
    busiest = (
        Finding.objects.published()
        .values_list("consortium")
        .annotate(n=Count("pk"))
        .order_by("-n", "consortium")[0][0]
    )
    to_withdraw = list(Finding.objects.published().filter(consortium=busiest).order_by("pk"))
    to_publish = list(Finding.objects.filter(status=FindingStatus.SUBMITTED).order_by("pk")[:3])
    assert len(to_withdraw) >= 5 and len(to_publish) == 3
    steps = [(services.finding_publish, finding, "") for finding in to_publish] + [
        (services.finding_withdraw, finding, "Out of date.") for finding in to_withdraw
    ]
    for decide, finding, comment in steps:
        with django_capture_on_commit_callbacks(execute=True):
            decide(finding=finding, user=curator, comment=comment)
        kept_now = stored()

        assert matching.rebuild() == 0, (decide.__name__, finding.pk)
        assert stored() == kept_now


def test_publishing_recounts_its_own_consortium_only(world, django_capture_on_commit_callbacks):
    from findings.models import ConsortiumMatchProfile

    matching.rebuild()
    before = dict(
        ConsortiumMatchProfile.objects.values_list("consortium__short_name", "computed_at")
    )
    assert ConsortiumMatchProfile.objects.get(consortium=world["lone"]).features == {
        "theme": {str(world["places"].pk): 1},
        "country": {"IT": 1},
    }
    curator = UserFactory(is_staff=True, is_superuser=True)
    finding = FindingFactory(
        consortium=world["lone"], status=FindingStatus.SUBMITTED, themes=[world["legal"]]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.finding_publish(finding=finding, user=curator, comment="")

    after = dict(
        ConsortiumMatchProfile.objects.values_list("consortium__short_name", "computed_at")
    )
    assert [name for name in after if after[name] != before[name]] == ["LONE"]
    assert ConsortiumMatchProfile.objects.get(consortium=world["lone"]).features["theme"] == {
        str(world["places"].pk): 1,
        str(world["legal"].pk): 1,
    }


def test_a_consortium_never_counted_is_counted_when_first_needed(world):
    from findings.models import ConsortiumMatchProfile

    matching.rebuild_for_consortium(world["rrr"].pk)

    # Every consortium's members were scored against Town: all were counted once.
    assert ConsortiumMatchProfile.objects.count() == 3
    assert stored()[("town", "coop")][0] == 6
