"""Every transition × seven people × three doors (the members' site, the admin, the API),
with the exact answer each door gives.

Consortium A asks for coordinator sign-off and has two coordinators, so a submission always
has someone to sign it off. The finding is written by "author" (a member of A) — except when
the person acting is "coordinator_author", who then wrote it. The rules are written out here
rather than read from findings.workflow, so that a change to the table shows.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from rest_framework.test import APIClient

from consortia.enums import AccessRole
from consortia.tokens import api_token_create
from findings import services
from findings.models import Finding, Review
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, FindingFactory, UserFactory
from tests.two_factor import force_login_confirmed

PEOPLE = [
    "author",
    "other_member",
    "coordinator",
    "coordinator_author",
    "other_consortium",
    "curator",
    "anonymous",
]
MEMBERS_OF_A = {"author", "other_member", "coordinator", "coordinator_author"}

# action -> (who may take it, a state it starts from, its target, a state it does not start
# from, the door it is offered at besides the API)
RULES = {
    "submit": (MEMBERS_OF_A, "draft", "awaiting_signoff", "published", "site"),
    "approve": ({"coordinator"}, "awaiting_signoff", "submitted", "submitted", "site"),
    "send_back": ({"coordinator"}, "awaiting_signoff", "changes_requested", "draft", "site"),
    "publish": ({"curator"}, "submitted", "published", "awaiting_signoff", "admin"),
    "request_changes": ({"curator"}, "submitted", "changes_requested", "draft", "admin"),
    "reject": ({"curator"}, "submitted", "rejected", "awaiting_signoff", "admin"),
    "withdraw": ({"curator"}, "published", "withdrawn", "submitted", "admin"),
}
PUBLIC = {"published", "withdrawn"}


@pytest.fixture
def cast(db, curators_group):
    consortium = ConsortiumFactory(
        short_name="SILK", slug="silk", requires_coordinator_signoff=True
    )
    other = ConsortiumFactory(short_name="OTHER", slug="other")

    def access(name, consortium, role=AccessRole.MEMBER):
        return ConsortiumAccessFactory(
            user=UserFactory(username=name), consortium=consortium, role=role
        ).user

    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(curators_group)
    return {
        "consortium": consortium,
        "author": access("author", consortium),
        "other_member": access("other-member", consortium),
        "coordinator": access("coordinator", consortium, AccessRole.COORDINATOR),
        "coordinator_author": access("coordinator-author", consortium, AccessRole.COORDINATOR),
        "other_consortium": access("other-consortium", other),
        "curator": curator,
        "anonymous": AnonymousUser(),
    }


def finding_in(cast, state: str, *, author) -> Finding:
    """A finding of A brought to ``state`` through the services, as people would."""
    finding = FindingFactory(consortium=cast["consortium"], author=author, slug="the-finding")
    path = {
        "draft": [],
        "awaiting_signoff": [("submit", author)],
        "submitted": [("submit", author), ("approve", cast["coordinator"])],
        "published": [
            ("submit", author),
            ("approve", cast["coordinator"]),
            ("publish", cast["curator"]),
        ],
    }[state]
    for action, user in path:
        services.DECISION_SERVICES[action](finding=finding, user=user, comment="Setup.")
    finding.refresh_from_db()
    assert finding.status == state
    return finding


def site(client, user, finding, action):
    if user.is_authenticated:
        force_login_confirmed(client, user) if user.is_staff else client.force_login(user)
    url = reverse("members:finding_step", args=[finding.slug, action.replace("_", "-")])
    return client.post(url, {"version": finding.version, "comment": "A reason."})


def admin(client, user, finding, action):
    if user.is_authenticated:
        force_login_confirmed(client, user) if user.is_staff else client.force_login(user)
    url = reverse("admin:findings_submittedfinding_change", args=[finding.pk])
    return client.post(
        url,
        {"decision": action, "comment": "A reason.", "version": finding.version, "confirmed": "1"},
    )


def api(client, user, finding, action):
    api_client = APIClient()
    if user.is_authenticated:
        _, key = api_token_create(user=user, name="tests")
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = f"/api/v1/findings/{finding.slug}/{action.replace('_', '-')}/"
    return api_client.post(url, {"comment": "A reason.", "version": finding.version}, format="json")


DOORS = {"site": site, "admin": admin, "api": api}


def expected_status(door: str, action: str, who: str, state_ok: bool, state: str) -> int:
    allowed, _, _, _, other_door = RULES[action]
    permitted = who in allowed
    if door == "site":
        if who == "anonymous":
            return 302  # to the sign-in page
        if who not in MEMBERS_OF_A:
            return 404  # the members' workplace shows only one's own consortia's findings
        if other_door != "site":
            return 404  # curators decide in the admin
        return (302 if state_ok else 409) if permitted else 403
    if door == "admin":
        if who != "curator":
            return 302  # the admin's sign-in page: not staff
        return (302 if state_ok else 409) if permitted else 403
    # The API
    if who == "anonymous":
        return 401
    if who not in MEMBERS_OF_A | {"curator"} and state not in PUBLIC:
        return 404
    return (200 if state_ok else 409) if permitted else 403


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("state_ok", [True, False], ids=["from-its-state", "from-another"])
@pytest.mark.parametrize("action", list(RULES))
def test_truth_table(action, state_ok, who, door, cast, client):
    allowed, source, target, wrong, _ = RULES[action]
    state = source if state_ok else wrong
    author = cast["coordinator_author"] if who == "coordinator_author" else cast["author"]
    finding = finding_in(cast, state, author=author)
    reviews_before = list(Review.objects.filter(finding=finding).order_by("pk"))

    response = DOORS[door](client, cast[who], finding, action)

    status = expected_status(door, action, who, state_ok, state)
    assert response.status_code == status
    finding.refresh_from_db()
    reached = who != "anonymous" and (door != "admin" or who == "curator")
    took_it = reached and who in allowed and state_ok and status in {200, 302}
    if took_it:
        review = Review.objects.filter(finding=finding).latest("pk")
        assert (finding.status, review.decision, review.reviewer) == (target, action, cast[who])
    else:
        assert finding.status == state
        assert list(Review.objects.filter(finding=finding).order_by("pk")) == reviews_before


# One refusal, one sentence: the same words on the site, in the admin and in the API.


def test_a_coordinator_cannot_sign_off_their_own_finding_anywhere(cast, client):
    finding = finding_in(cast, "awaiting_signoff", author=cast["coordinator_author"])
    sentence = "You wrote this finding yourself: another coordinator of SILK must sign it off."
    on_site = site(client, cast["coordinator_author"], finding, "approve")
    by_api = api(client, cast["coordinator_author"], finding, "approve")
    assert (on_site.status_code, by_api.status_code) == (403, 403)
    assert on_site.context["error"].message == sentence
    assert by_api.json()["detail"] == sentence


def test_a_wrong_state_has_one_sentence_in_every_door(cast, client):
    finding = finding_in(cast, "awaiting_signoff", author=cast["author"])
    sentence = (
        "You cannot publish this finding while its status is \"Awaiting the coordinator's "
        'sign-off"; this is only possible when it is "Submitted for review".'
    )
    in_admin = admin(client, cast["curator"], finding, "publish")
    by_api = api(client, cast["curator"], finding, "publish")
    assert (in_admin.status_code, by_api.status_code) == (409, 409)
    assert in_admin.context["form"].errors["comment"] == [sentence]
    assert by_api.json()["detail"] == sentence
