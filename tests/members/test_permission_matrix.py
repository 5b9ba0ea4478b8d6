"""Who may do what, through every door: the services (which the site, admin and API call),
the members' site and the admin. Actors: anonymous, a member of consortium A, a member of
B, A's coordinator, and a curator; the finding belongs to consortium A."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from findings import services
from findings.exceptions import NotPermitted, TransitionNotAllowed
from findings.models import Finding, Review
from tests.two_factor import force_login_confirmed

ACTORS = ["anonymous", "member_a", "member_b", "coordinator_a", "curator"]
STATES = ["draft", "submitted", "changes_requested", "published", "rejected", "withdrawn"]


@pytest.fixture
def actor(request, member_a, member_b, coordinator_a, curator):
    people = {
        "anonymous": AnonymousUser(),
        "member_a": member_a,
        "member_b": member_b,
        "coordinator_a": coordinator_a,
        "curator": curator,
    }
    return lambda name: people[name]


def login(client, user):
    if user.is_staff:
        force_login_confirmed(client, user)
    elif user.is_authenticated:
        client.force_login(user)
    return client


# ---------------------------------------------------------------- state transitions

# action -> (who may, from which states, to which state): the workflow as the README states
# it, written out here rather than read from findings.workflow so that a change there shows.
RULES = {
    "submit": ({"member_a", "coordinator_a"}, {"draft", "changes_requested"}, "submitted"),
    "request_changes": ({"curator"}, {"submitted"}, "changes_requested"),
    "publish": ({"curator"}, {"submitted"}, "published"),
    "reject": ({"curator"}, {"submitted"}, "rejected"),
    "withdraw": ({"curator"}, {"published"}, "withdrawn"),
}


@pytest.mark.parametrize("action", list(RULES))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ACTORS)
def test_transition_matrix(who, state, action, actor, finding_in):
    finding = finding_in(state)
    reviews_before = list(Review.objects.filter(finding=finding).order_by("pk"))
    allowed_people, allowed_states, target = RULES[action]
    service = services.DECISION_SERVICES[action]
    if who in allowed_people and state in allowed_states:
        review = service(finding=finding, user=actor(who), comment="A reason.")
        written = list(Review.objects.filter(finding=finding).order_by("pk"))
        assert written[:-1] == reviews_before
        assert written[-1] == review
        assert (review.decision, review.reviewer, review.comment) == (
            action,
            actor(who),
            "A reason.",
        )
        assert Finding.objects.get(pk=finding.pk).status == target
    else:
        expected = NotPermitted if who not in allowed_people else TransitionNotAllowed
        with pytest.raises(expected):
            service(finding=finding, user=actor(who), comment="A reason.")
        assert Finding.objects.get(pk=finding.pk).status == state
        assert list(Review.objects.filter(finding=finding).order_by("pk")) == reviews_before


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ACTORS)
def test_edit_matrix(who, state, actor, finding_in):
    finding = finding_in(state)
    members = {"member_a", "coordinator_a"}
    may = who == "curator" or (who in members and state in {"draft", "changes_requested"})
    if may:
        services.finding_update(
            finding=finding, user=actor(who), expected_version=finding.version, title="Edited"
        )
        assert Finding.objects.get(pk=finding.pk).title == "Edited"
    else:
        expected = TransitionNotAllowed if who in members else NotPermitted
        with pytest.raises(expected):
            services.finding_update(
                finding=finding, user=actor(who), expected_version=finding.version, title="X"
            )
        assert Finding.objects.get(pk=finding.pk).title != "X"


@pytest.mark.parametrize("who", ACTORS)
def test_create_matrix(who, actor, consortium_a):
    if who in {"member_a", "coordinator_a"}:
        finding = services.finding_create(
            user=actor(who), consortium=consortium_a, title="New", summary="S"
        )
        assert finding.consortium == consortium_a
    else:
        with pytest.raises(NotPermitted):
            services.finding_create(
                user=actor(who), consortium=consortium_a, title="New", summary="S"
            )


# ---------------------------------------------------------------- the members' site

LOGIN = "login"
SITE = {
    # (view, state) -> {actor: status code}; 302 to the login page for anonymous.
    ("dashboard", None): dict(
        anonymous=LOGIN, member_a=200, member_b=200, coordinator_a=200, curator=200
    ),
    ("new", None): dict(
        anonymous=LOGIN, member_a=200, member_b=200, coordinator_a=200, curator=403
    ),
    ("new_preset", None): dict(
        anonymous=LOGIN, member_a=200, member_b=404, coordinator_a=200, curator=403
    ),
    ("detail", "draft"): dict(
        anonymous=LOGIN, member_a=200, member_b=404, coordinator_a=200, curator=404
    ),
    ("detail", "published"): dict(
        anonymous=LOGIN, member_a=200, member_b=404, coordinator_a=200, curator=404
    ),
    ("edit", "draft"): dict(
        anonymous=LOGIN, member_a=200, member_b=404, coordinator_a=200, curator=404
    ),
    ("edit", "changes_requested"): dict(
        anonymous=LOGIN, member_a=200, member_b=404, coordinator_a=200, curator=404
    ),
    ("edit", "submitted"): dict(
        anonymous=LOGIN, member_a=409, member_b=404, coordinator_a=409, curator=404
    ),
    ("edit", "published"): dict(
        anonymous=LOGIN, member_a=409, member_b=404, coordinator_a=409, curator=404
    ),
    ("edit", "rejected"): dict(
        anonymous=LOGIN, member_a=409, member_b=404, coordinator_a=409, curator=404
    ),
    ("edit", "withdrawn"): dict(
        anonymous=LOGIN, member_a=409, member_b=404, coordinator_a=409, curator=404
    ),
    ("invite", None): dict(
        anonymous=LOGIN, member_a=403, member_b=404, coordinator_a=200, curator=404
    ),
}


def site_url(view, finding, consortium):
    if view == "dashboard":
        return reverse("members:dashboard")
    if view == "new":
        return reverse("members:finding_create")
    if view == "new_preset":
        return reverse("members:finding_create") + f"?consortium={consortium.slug}"
    if view == "invite":
        return reverse("members:member_invite", args=[consortium.slug])
    return reverse(f"members:finding_{view}", args=[finding.slug])


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize(("view", "state"), list(SITE))
def test_site_get_matrix(who, view, state, actor, finding_in, consortium_a, client):
    finding = finding_in(state or "draft")
    url = site_url(view, finding, consortium_a)
    response = login(client, actor(who)).get(url)
    expected = SITE[(view, state)][who]
    if expected == LOGIN:
        assert response.status_code == 302
        assert (
            response["Location"]
            == f"{reverse('login')}?next={url.replace('?', '%3F').replace('=', '%3D')}"
        )
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ACTORS)
def test_site_submit_matrix(who, state, actor, finding_in, client):
    finding = finding_in(state)
    url = reverse("members:finding_submit", args=[finding.slug])
    response = login(client, actor(who)).post(url, {"version": finding.version, "comment": ""})
    finding.refresh_from_db()
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif who in {"member_b", "curator"}:
        assert response.status_code == 404
    elif state in {"draft", "changes_requested"}:
        assert response.status_code == 302
        assert response["Location"] == reverse("members:finding_detail", args=[finding.slug])
    else:  # the service's refusal, answered as the API answers it
        assert response.status_code == 409
    submitted = who in {"member_a", "coordinator_a"} and state in {"draft", "changes_requested"}
    assert finding.status == ("submitted" if submitted else state)


def test_site_submit_refuses_get(member_a, draft_a, client):
    client.force_login(member_a)
    response = client.get(reverse("members:finding_submit", args=[draft_a.slug]))
    assert response.status_code == 405


@pytest.mark.parametrize("who", ACTORS)
def test_site_edit_post_matrix(who, actor, finding_in, client):
    finding = finding_in("submitted")
    url = reverse("members:finding_edit", args=[finding.slug])
    data = {
        "title": "Hijacked",
        "summary": "S",
        "version": finding.version,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    response = login(client, actor(who)).post(url, data)
    expected = {"anonymous": 302, "member_a": 409, "member_b": 404, "coordinator_a": 409}
    assert response.status_code == expected.get(who, 404)
    finding.refresh_from_db()
    assert finding.title != "Hijacked"


# ---------------------------------------------------------------- the admin

ADMIN_VIEWS = ["queue", "review", "finding_change", "invite"]


def admin_url(view, finding):
    return {
        "queue": reverse("admin:findings_submittedfinding_changelist"),
        "review": reverse("admin:findings_submittedfinding_change", args=[finding.pk]),
        "finding_change": reverse("admin:findings_finding_change", args=[finding.pk]),
        "invite": reverse("admin:consortia_consortiumaccess_invite"),
    }[view]


@pytest.mark.parametrize("view", ADMIN_VIEWS)
@pytest.mark.parametrize("who", ACTORS)
def test_admin_get_matrix(who, view, actor, finding_in, client):
    finding = finding_in("submitted")
    url = admin_url(view, finding)
    response = login(client, actor(who)).get(url)
    if who == "curator":
        assert response.status_code == 200
    else:
        # Not staff: the admin sends everyone else to its login page.
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("view", ["queue", "review"])
def test_admin_queue_refuses_staff_without_review_permission(view, finding_in, client):
    from tests.factories import UserFactory

    finding = finding_in("submitted")
    force_login_confirmed(client, UserFactory(username="staff", is_staff=True))
    response = client.get(admin_url(view, finding))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ACTORS)
def test_admin_decision_post_matrix(who, actor, finding_in, client):
    finding = finding_in("submitted")
    url = admin_url("review", finding)
    response = login(client, actor(who)).post(
        url, {"decision": "publish", "comment": "", "confirmed": "1"}
    )
    finding.refresh_from_db()
    if who == "curator":
        assert response.status_code == 302
        assert finding.status == "published"
        review = Review.objects.filter(finding=finding).latest("pk")
        assert (review.decision, review.reviewer) == ("publish", actor(who))
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert finding.status == "submitted"


@pytest.mark.parametrize("state", ["draft", "published"])
def test_admin_publish_action_follows_the_state_machine(state, curator, finding_in, client):
    finding = finding_in(state)
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_finding_changelist"),
        {"action": "decide_publish", "_selected_action": [finding.pk], "apply": "1"},
        follow=True,
    )
    finding.refresh_from_db()
    assert finding.status == state
    messages = [str(m) for m in response.context["messages"]]
    if state == "draft":
        assert messages == [
            f'“{finding}”: You cannot publish this finding while its status is "Draft"; this '
            'is only possible when it is "Submitted for review".'
        ]
    else:
        assert messages == [
            f'“{finding}”: You cannot publish this finding while its status is "Published"; '
            'this is only possible when it is "Submitted for review".'
        ]


@pytest.mark.parametrize("state", STATES)
def test_admin_delete_only_drafts(state, curator, finding_in, client):
    finding = finding_in(state)
    force_login_confirmed(client, curator)
    url = reverse("admin:findings_finding_delete", args=[finding.pk])
    response = client.post(url, {"post": "yes"})
    exists = Finding.objects.filter(pk=finding.pk).exists()
    assert response.status_code == 302
    if state == "draft":
        assert exists is False
    else:  # refused with a message on the change page (tests/members/test_admin_delete.py)
        assert response["Location"] == reverse("admin:findings_finding_change", args=[finding.pk])
        assert exists is True


def test_admin_bulk_delete_refuses_a_published_finding(curator, finding_in, client):
    published = finding_in("published", slug="published-one")
    draft = finding_in("draft", slug="draft-one")
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_finding_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk, draft.pk], "post": "yes"},
    )
    assert response.status_code == 302  # back to the list, with a message saying why
    assert Finding.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2
