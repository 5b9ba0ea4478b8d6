"""Coordinator sign-off: where a submission goes, the coordinator's queue on /me/, the
e-mails to whoever acts next, the history, and pending decisions released when curators
choose (nothing leaks before: pages, search, feed, API, e-mails)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.enums import AccessRole
from consortia.tokens import api_token_create
from findings import services
from findings.exceptions import NotPermitted, TransitionNotAllowed
from findings.models import Finding, Review
from tests.factories import ConsortiumAccessFactory, FindingFactory, UserFactory
from tests.two_factor import force_login_confirmed


@pytest.fixture
def signoff(consortium_a):
    consortium_a.requires_coordinator_signoff = True
    consortium_a.save()
    return consortium_a


@pytest.fixture
def finding(signoff, member_a):
    return FindingFactory(
        consortium=signoff, author=member_a, slug="a-finding", title="Cooperatives scale"
    )


def token_client(user):
    client = APIClient()
    _, key = api_token_create(user=user, name="tests")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# ---------------------------------------------------------------- where a submission goes


def test_submission_goes_to_the_coordinator_first(finding, member_a, coordinator_a):
    review = services.finding_submit(finding=finding, user=member_a)
    assert (finding.status, review.decision) == ("awaiting_signoff", "submit")


def test_without_a_coordinator_a_submission_goes_to_the_curators(signoff, member_a):
    finding = FindingFactory(consortium=signoff, author=member_a)
    services.finding_submit(finding=finding, user=member_a)
    assert finding.status == "submitted"


def test_a_coordinators_own_finding_goes_to_the_curators_when_no_other_can_sign_off(
    signoff, coordinator_a
):
    finding = FindingFactory(consortium=signoff, author=coordinator_a)
    services.finding_submit(finding=finding, user=coordinator_a)
    assert finding.status == "submitted"


def test_a_consortium_without_signoff_submits_directly(consortium_a, member_a, coordinator_a):
    finding = FindingFactory(consortium=consortium_a, author=member_a)
    services.finding_submit(finding=finding, user=member_a)
    assert finding.status == "submitted"


def test_new_consortia_ask_for_signoff_by_default(db):
    from consortia.models import Consortium

    consortium = Consortium.objects.create(short_name="NEW", title="New", slug="new", topic="T")
    assert consortium.requires_coordinator_signoff is True


def test_a_coordinator_cannot_approve_their_own_finding(signoff, coordinator_a):
    other = ConsortiumAccessFactory(
        user=UserFactory(username="coordinator-2"), consortium=signoff, role=AccessRole.COORDINATOR
    ).user
    finding = FindingFactory(consortium=signoff, author=coordinator_a)
    services.finding_submit(finding=finding, user=coordinator_a)
    assert finding.status == "awaiting_signoff"
    with pytest.raises(NotPermitted) as error:
        services.finding_approve(finding=finding, user=coordinator_a)
    assert str(error.value) == (
        "You wrote this finding yourself: another coordinator of SILK must sign it off."
    )
    services.finding_approve(finding=finding, user=other)
    assert finding.status == "submitted"


def test_send_back_needs_a_comment_and_returns_the_finding(finding, member_a, coordinator_a):
    services.finding_submit(finding=finding, user=member_a)
    with pytest.raises(Exception) as error:
        services.finding_send_back(finding=finding, user=coordinator_a, comment=" ")
    assert str(error.value) == (
        "Please say in a comment what to change before you send the finding back: its members "
        "will read it."
    )
    services.finding_send_back(finding=finding, user=coordinator_a, comment="Cite the survey.")
    assert finding.status == "changes_requested"


def test_every_step_is_a_review_and_in_the_history(finding, member_a, coordinator_a, curator):
    services.finding_submit(finding=finding, user=member_a)
    services.finding_approve(finding=finding, user=coordinator_a, comment="Vouched.")
    services.finding_publish(finding=finding, user=curator)
    steps = [(r.decision, r.reviewer.username) for r in finding.reviews.order_by("pk")]
    assert steps == [
        ("submit", "member-a"),
        ("approve", "coordinator-a"),
        ("publish", "curator"),
    ]
    history = finding.history.order_by("history_id").values_list("history_change_reason", "status")
    assert list(history)[1:] == [
        ("submit", "awaiting_signoff"),
        ("approve", "submitted"),
        ("publish", "published"),
    ]


# ---------------------------------------------------------------- e-mails to who acts next


def test_each_step_is_e_mailed_to_who_acts_next(
    finding, member_a, coordinator_a, curator, run_on_commit, mailoutbox
):
    with run_on_commit():
        services.finding_submit(finding=finding, user=member_a)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["coordinator-a@example.org"], "[PLP Portal] To sign off: Cooperatives scale")
    ]
    assert "/en/me/findings/a-finding/" in mailoutbox[0].body
    mailoutbox.clear()
    with run_on_commit():
        services.finding_approve(finding=finding, user=coordinator_a)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["curator@example.org"], "[PLP Portal] To review: Cooperatives scale")
    ]
    assert "a coordinator of SILK, signed off the finding" in mailoutbox[0].body


def test_sending_back_is_e_mailed_to_the_members(
    finding, member_a, coordinator_a, run_on_commit, mailoutbox
):
    services.finding_submit(finding=finding, user=member_a)
    with run_on_commit():
        services.finding_send_back(finding=finding, user=coordinator_a, comment="Cite it.")
    assert [m.to for m in mailoutbox] == [["coordinator-a@example.org"], ["member-a@example.org"]]
    assert "The coordinator's comment:" in mailoutbox[1].body


# ---------------------------------------------------------------- the coordinator's queue


def test_the_coordinators_queue_lists_their_members_submissions_oldest_first(
    signoff, member_a, coordinator_a, client
):
    older = FindingFactory(consortium=signoff, author=member_a, slug="older", title="Older")
    newer = FindingFactory(consortium=signoff, author=member_a, slug="newer", title="Newer")
    own = FindingFactory(consortium=signoff, author=coordinator_a, slug="own", title="Own")
    for item in (older, newer):
        services.finding_submit(finding=item, user=member_a)
    services.finding_submit(finding=own, user=coordinator_a)  # no one else: to the curators
    client.force_login(coordinator_a)
    response = client.get(reverse("members:signoff_queue"))
    assert response.status_code == 200
    assert [f.slug for f in response.context["page"].object_list] == ["older", "newer"]
    dashboard = client.get(reverse("members:dashboard"))
    assert dashboard.context["signoff_count"] == 2


def test_a_member_has_an_empty_queue(finding, member_a, client):
    services.finding_submit(finding=finding, user=member_a)
    client.force_login(member_a)
    response = client.get(reverse("members:signoff_queue"))
    assert list(response.context["page"].object_list) == []


def test_the_signoff_page_shows_the_changes_and_the_thread(
    finding, member_a, coordinator_a, client
):
    services.finding_submit(finding=finding, user=member_a)
    services.finding_send_back(finding=finding, user=coordinator_a, comment="Shorter title.")
    services.finding_update(
        finding=finding, user=member_a, expected_version=finding.version, title="Co-ops scale"
    )
    services.finding_submit(finding=finding, user=member_a, comment="Shortened.")
    client.force_login(coordinator_a)
    response = client.get(reverse("members:finding_detail", args=[finding.slug]))
    actions = [step["transition"].action for step in response.context["steps"]]
    assert actions == ["approve", "send_back"]
    assert [change["label"] for change in response.context["diff"]] == ["Title"]
    assert [(r.decision, r.comment) for r in response.context["reviews"]] == [
        ("submit", ""),
        ("send_back", "Shorter title."),
        ("submit", "Shortened."),
    ]


def test_signoff_queue_query_count_does_not_grow(
    signoff, member_a, coordinator_a, client, django_assert_max_num_queries
):
    for n in range(30):
        services.finding_submit(
            finding=FindingFactory(consortium=signoff, author=member_a, slug=f"f-{n}"),
            user=member_a,
        )
    client.force_login(coordinator_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:signoff_queue"))
    assert len(response.context["page"].object_list) == 25


# ---------------------------------------------------------------- pending decisions


@pytest.fixture
def under_review(consortium_a, member_a):
    finding = FindingFactory(
        consortium=consortium_a, author=member_a, slug="under-review", title="Pending Ocelot"
    )
    services.finding_submit(finding=finding, user=member_a)
    return finding


def test_a_pending_publication_leaks_nowhere(
    under_review, curator, member_a, client, run_on_commit, mailoutbox
):
    mailoutbox.clear()
    with run_on_commit():
        review = services.finding_publish(
            finding=under_review, user=curator, comment="Fine.", pending=True
        )
    assert (review.released_at, under_review.status) == (None, "submitted")
    assert mailoutbox == []
    # The public: no page, not in the list, search or feed, not in the API.
    assert client.get(under_review.get_absolute_url()).status_code == 404
    assert "Pending Ocelot" not in client.get(reverse("findings:finding_list")).content.decode()
    search = client.get(reverse("findings:finding_list") + "?q=Ocelot")
    assert "Pending Ocelot" not in search.content.decode()
    assert "Pending Ocelot" not in client.get(reverse("findings:finding_feed")).content.decode()
    assert APIClient().get("/api/v1/findings/under-review/").status_code == 404
    # The members: "under review", and no word of the decision on the site or in the API.
    client.force_login(member_a)
    page = client.get(reverse("members:finding_detail", args=[under_review.slug]))
    assert [r.decision for r in page.context["reviews"]] == ["submit"]
    assert "under review by the curators" in page.content.decode()
    api = token_client(member_a)
    assert api.get("/api/v1/findings/under-review/").json()["status"] == "submitted"
    thread = api.get("/api/v1/findings/under-review/reviews/").json()
    assert [step["decision"] for step in thread] == ["submit"]
    # The curators see it.
    curator_thread = token_client(curator).get("/api/v1/findings/under-review/reviews/").json()
    assert [(s["decision"], s["released_at"]) for s in curator_thread][-1] == ("publish", None)


def test_releasing_takes_the_decision_and_tells_the_members(
    under_review, curator, client, run_on_commit, mailoutbox
):
    services.finding_publish(finding=under_review, user=curator, pending=True)
    mailoutbox.clear()
    with run_on_commit():
        review = services.finding_release(finding=under_review, user=curator)
    assert (under_review.status, review.decision) == ("published", "publish")
    assert review.released_at is not None
    assert [m.to for m in mailoutbox] == [["member-a@example.org"]]
    assert client.get(under_review.get_absolute_url()).status_code == 200


def test_a_new_decision_replaces_a_pending_one(under_review, curator):
    services.finding_publish(finding=under_review, user=curator, pending=True)
    services.finding_reject(finding=under_review, user=curator, comment="No.", pending=True)
    assert [(r.decision, r.released_at) for r in Review.objects.pending()] == [("reject", None)]
    services.finding_release(finding=under_review, user=curator)
    assert Finding.objects.get(pk=under_review.pk).status == "rejected"


def test_only_curators_release_and_only_what_is_pending(under_review, curator, member_a):
    services.finding_publish(finding=under_review, user=curator, pending=True)
    with pytest.raises(NotPermitted):
        services.finding_release(finding=under_review, user=member_a)
    services.finding_release(finding=under_review, user=curator)
    with pytest.raises(TransitionNotAllowed):
        services.finding_release(finding=under_review, user=curator)


def test_withdrawal_cannot_be_pending(finding_in, curator):
    published = finding_in("published")
    with pytest.raises(TransitionNotAllowed):
        services.finding_withdraw(finding=published, user=curator, comment="x", pending=True)


def test_release_all_in_the_admin(consortium_a, member_a, curator, client):
    findings = []
    for n in range(3):
        item = FindingFactory(consortium=consortium_a, author=member_a, slug=f"p-{n}")
        services.finding_submit(finding=item, user=member_a)
        services.finding_publish(finding=item, user=curator, pending=True)
        findings.append(item)
    force_login_confirmed(client, curator)
    changelist = client.get(reverse("admin:findings_pendingdecision_changelist"))
    assert changelist.context["cl"].result_count == 3
    confirm = client.get(reverse("admin:findings_pendingdecision_release_all"))
    assert confirm.context["count"] == 3
    response = client.post(reverse("admin:findings_pendingdecision_release_all"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "3 decisions released; the members were notified by e-mail."
    ]
    statuses = set(Finding.objects.filter(slug__startswith="p-").values_list("status", flat=True))
    assert statuses == {"published"}


def test_pending_from_the_review_page_and_release_one(under_review, curator, client):
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_submittedfinding_change", args=[under_review.pk])
    response = client.post(
        url,
        {
            "decision": "publish",
            "comment": "",
            "version": under_review.version,
            "pending": "on",
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    under_review.refresh_from_db()
    assert under_review.status == "submitted"
    response = client.post(
        reverse("admin:findings_pendingdecision_changelist"),
        {"action": "release_selected", "_selected_action": [under_review.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Your decision on “Pending Ocelot” is kept pending: nothing is public and nobody is told "
        "until you release it.",
        "1 decision released; the members were notified by e-mail.",
    ]
    under_review.refresh_from_db()
    assert under_review.status == "published"


def test_the_api_keeps_a_decision_pending_and_releases_it(under_review, curator, member_a):
    api = token_client(curator)
    response = api.post("/api/v1/findings/under-review/publish/", {"pending": True}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "submitted")
    refused = token_client(member_a).post("/api/v1/findings/under-review/release/")
    assert refused.status_code == 403
    released = api.post("/api/v1/findings/under-review/release/")
    assert (released.status_code, released.json()["status"]) == (200, "published")


@pytest.mark.parametrize(
    ("requires", "with_coordinator", "says"),
    [
        (True, True, "On: a coordinator signs submissions off before the curators see them."),
        (
            True,
            False,
            "On, but this consortium has no coordinator: submissions go to the curators directly.",
        ),
        (False, True, "Off: submissions go to the curators directly."),
    ],
)
def test_the_admin_says_what_the_signoff_setting_does(
    consortium_a, curator, client, requires, with_coordinator, says
):
    consortium_a.requires_coordinator_signoff = requires
    consortium_a.save()
    if with_coordinator:
        ConsortiumAccessFactory(consortium=consortium_a, role=AccessRole.COORDINATOR)
    force_login_confirmed(client, curator)
    response = client.get(reverse("admin:consortia_consortium_changelist"))
    [row] = response.context["cl"].result_list
    assert response.context["cl"].model_admin.signoff(row) == says
    assert says in response.content.decode().replace("&#x27;", "'")
