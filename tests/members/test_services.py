import pytest

from findings import services
from findings.enums import FindingStatus, ReviewDecision
from findings.exceptions import CommentRequired, NotPermitted, StaleVersion, TransitionNotAllowed
from findings.models import Finding
from tests.factories import PublishedFindingFactory, ThemeFactory, UserFactory, sdg


def test_finding_create_makes_a_draft_with_slug_sources_and_relations(member_a, consortium_a):
    theme = ThemeFactory(name="Legal frameworks")
    finding = services.finding_create(
        user=member_a,
        consortium=consortium_a,
        title="  Legal frameworks embed the SSE  ",
        summary="Advanced frameworks embed SSE in market rules.",
        body="Many *legal entities*.",
        themes=[theme],
        sdgs=[sdg(8)],
        countries=["ES", "BE"],
        sources=[{"label": "White paper", "url": "https://example.org/wp.pdf"}],
    )
    finding.refresh_from_db()
    assert finding.title == "Legal frameworks embed the SSE"
    assert finding.slug == "legal-frameworks-embed-the-sse"
    assert finding.status == FindingStatus.DRAFT
    assert finding.version == 1
    assert finding.author == member_a
    assert [t.name for t in finding.themes.all()] == ["Legal frameworks"]
    assert [s.number for s in finding.sdgs.all()] == [8]
    assert [c.code for c in finding.countries] == ["BE", "ES"]
    assert list(finding.sources.values_list("label", "url")) == [
        ("White paper", "https://example.org/wp.pdf")
    ]
    records = list(finding.history.order_by("history_id"))
    # One record for the new draft, then one as its themes and one as its SDGs were set.
    assert [(r.history_type, r.history_user) for r in records] == [
        ("+", member_a),
        ("~", member_a),
        ("~", member_a),
    ]
    assert [row.theme.name for row in records[-1].themes.all()] == ["Legal frameworks"]
    assert [row.sdg.number for row in records[-1].sdgs.all()] == [8]


def test_finding_create_gives_a_unique_slug_when_the_title_repeats(member_a, consortium_a):
    first = services.finding_create(
        user=member_a, consortium=consortium_a, title="Cities", summary="S"
    )
    second = services.finding_create(
        user=member_a, consortium=consortium_a, title="Cities", summary="S"
    )
    assert (first.slug, second.slug) == ("cities", "cities-2")


def test_finding_create_refuses_a_consortium_the_user_does_not_belong_to(member_b, consortium_a):
    with pytest.raises(NotPermitted) as error:
        services.finding_create(user=member_b, consortium=consortium_a, title="T", summary="S")
    assert str(error.value) == "You can only write findings for a consortium you belong to."
    assert Finding.objects.count() == 0


def test_finding_update_bumps_version_and_keeps_history(draft_a, member_a):
    updated = services.finding_update(
        finding=draft_a, user=member_a, expected_version=1, title="A better title"
    )
    assert updated.version == 2
    assert draft_a.version == 2
    assert draft_a.title == "A better title"
    latest = draft_a.history.latest()
    assert (latest.title, latest.history_user, latest.history_change_reason) == (
        "A better title",
        member_a,
        "edited",
    )


def test_finding_update_refuses_a_stale_version(draft_a, member_a, coordinator_a):
    services.finding_update(finding=draft_a, user=coordinator_a, expected_version=1, title="First")
    with pytest.raises(StaleVersion) as error:
        services.finding_update(finding=draft_a, user=member_a, expected_version=1, title="Second")
    assert "you edited version 1, it is now at version 2" in str(error.value)
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.version) == ("First", 2)


def test_finding_update_refuses_a_member_of_another_consortium(draft_a, member_b):
    with pytest.raises(NotPermitted):
        services.finding_update(finding=draft_a, user=member_b, expected_version=1, title="X")


def test_finding_update_refuses_a_member_when_submitted(draft_a, member_a):
    services.finding_submit(finding=draft_a, user=member_a)
    with pytest.raises(TransitionNotAllowed) as error:
        services.finding_update(finding=draft_a, user=member_a, expected_version=2, title="X")
    assert str(error.value) == (
        'This finding cannot be edited while its status is "Submitted for review"; members '
        "edit drafts and findings with changes requested."
    )


def test_finding_update_lets_a_curator_correct_a_published_finding(curator):
    finding = PublishedFindingFactory()
    services.finding_update(finding=finding, user=curator, expected_version=1, title="Fixed")
    assert (finding.title, finding.status, finding.version) == ("Fixed", "published", 2)


def test_finding_update_rejects_unknown_fields(draft_a, member_a):
    with pytest.raises(TypeError):
        services.finding_update(
            finding=draft_a, user=member_a, expected_version=1, status="published"
        )


def test_full_round_trip_records_each_decision(draft_a, member_a, curator):
    services.finding_submit(finding=draft_a, user=member_a, comment="First version")
    services.finding_request_changes(finding=draft_a, user=curator, comment="Cite the paper.")
    assert draft_a.status == FindingStatus.CHANGES_REQUESTED
    services.finding_update(
        finding=draft_a, user=member_a, expected_version=draft_a.version, body="Cited."
    )
    services.finding_submit(finding=draft_a, user=member_a, comment="Cited it")
    review = services.finding_publish(finding=draft_a, user=curator)
    assert review.decision == ReviewDecision.PUBLISH
    assert draft_a.status == FindingStatus.PUBLISHED
    assert draft_a.published_at is not None
    assert draft_a.version == 6
    assert list(draft_a.reviews.values_list("decision", "reviewer__username", "comment")) == [
        ("submit", "member-a", "First version"),
        ("request_changes", "curator", "Cite the paper."),
        ("submit", "member-a", "Cited it"),
        ("publish", "curator", ""),
    ]
    services.finding_withdraw(finding=draft_a, user=curator, comment="Superseded.")
    assert draft_a.status == FindingStatus.WITHDRAWN


def test_reject_needs_a_comment(draft_a, member_a, curator):
    services.finding_submit(finding=draft_a, user=member_a)
    with pytest.raises(CommentRequired):
        services.finding_reject(finding=draft_a, user=curator, comment="   ")
    draft_a.refresh_from_db()
    assert draft_a.status == FindingStatus.SUBMITTED
    services.finding_reject(finding=draft_a, user=curator, comment="Out of scope.")
    assert draft_a.status == FindingStatus.REJECTED


def test_publishing_a_draft_is_refused(draft_a, curator):
    with pytest.raises(TransitionNotAllowed) as error:
        services.finding_publish(finding=draft_a, user=curator)
    assert str(error.value) == (
        'You cannot publish this finding while its status is "Draft"; this is only possible '
        'when it is "Submitted for review".'
    )
    assert draft_a.reviews.count() == 0


def test_a_member_cannot_publish(draft_a, member_a):
    services.finding_submit(finding=draft_a, user=member_a)
    with pytest.raises(NotPermitted) as error:
        services.finding_publish(finding=draft_a, user=member_a)
    assert str(error.value) == "Only curators can publish findings."


def test_a_decision_on_a_stale_version_is_refused(draft_a, member_a, curator):
    services.finding_submit(finding=draft_a, user=member_a)
    with pytest.raises(StaleVersion):
        services.finding_publish(finding=draft_a, user=curator, expected_version=1)
    draft_a.refresh_from_db()
    assert draft_a.status == FindingStatus.SUBMITTED


def test_allowed_actions_depend_on_person_and_state(draft_a, member_a, member_b, curator):
    assert services.allowed_actions(member_a, draft_a) == ["submit"]
    assert services.allowed_actions(member_b, draft_a) == []
    assert services.allowed_actions(curator, draft_a) == []
    services.finding_submit(finding=draft_a, user=member_a)
    assert services.allowed_actions(curator, draft_a) == ["publish", "request_changes", "reject"]
    assert services.allowed_actions(member_a, draft_a) == []


def test_finding_delete_refuses_a_published_finding(curator):
    finding = PublishedFindingFactory()
    with pytest.raises(TransitionNotAllowed):
        services.finding_delete(finding=finding, user=curator)
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_finding_delete_removes_a_draft_for_a_curator_only(draft_a, member_a, curator):
    with pytest.raises(NotPermitted):
        services.finding_delete(finding=draft_a, user=member_a)
    services.finding_delete(finding=draft_a, user=curator)
    assert Finding.objects.filter(pk=draft_a.pk).exists() is False


def test_an_inactive_member_is_refused(draft_a, member_a):
    member_a.is_active = False
    member_a.save()
    with pytest.raises(NotPermitted):
        services.finding_submit(finding=draft_a, user=member_a)


def test_a_staff_user_without_the_permission_is_not_a_curator(draft_a, member_a):
    staff = UserFactory(username="staff", is_staff=True)
    services.finding_submit(finding=draft_a, user=member_a)
    with pytest.raises(NotPermitted):
        services.finding_publish(finding=draft_a, user=staff)
