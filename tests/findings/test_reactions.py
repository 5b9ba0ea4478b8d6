"""Reactions: who may record one, what each kind must say, and the curators' decisions.

One rule in one place (findings.reactions.rules): the services raise its refusals, and the
site and the API show them (tests/findings/test_reactions_pages.py,
tests/api/test_reactions_api.py)."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from findings.enums import FindingStatus
from findings.exceptions import NotPermitted, TransitionNotAllowed
from findings.models import Finding
from findings.reactions import contested_finding_ids, services
from findings.reactions.enums import ReactionKind, ReactionStatus
from findings.reactions.models import Reaction
from findings.reactions.rules import DuplicateReaction
from tests.factories import (
    ConsortiumAccessFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    UserFactory,
)
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.django_db


def test_member_of_another_consortium_records_an_endorsement_waiting_for_review(
    react, member_b, organisation_b, finding_a
):
    reaction = react(ReactionKind.ENDORSED, note="We agree.")
    assert (reaction.finding, reaction.organisation, reaction.author) == (
        finding_a,
        organisation_b,
        member_b,
    )
    assert (reaction.kind, reaction.status, reaction.note) == ("endorsed", "submitted", "We agree.")
    assert reaction.decided_at is None


def test_applied_keeps_where_and_an_endorsement_keeps_no_place_nor_evidence(react):
    applied = react(ReactionKind.APPLIED, country="PT", place=" Lisbon ", note="In 2022.")
    assert (str(applied.country.code), applied.place, applied.note) == ("PT", "Lisbon", "In 2022.")
    endorsed = react(ReactionKind.ENDORSED, country="PT", place="Lisbon", evidence="x")
    assert (str(endorsed.country), endorsed.place, endorsed.evidence) == ("", "", "")


def test_found_otherwise_requires_evidence(react):
    with pytest.raises(services.ReactionInvalid) as refused:
        react(ReactionKind.OTHERWISE, evidence="  ")
    assert refused.value.errors == {"evidence": "Say what your organisation found: the evidence."}
    assert refused.value.http_status == 400
    assert Reaction.objects.count() == 0


def test_applied_requires_country_and_place(react):
    with pytest.raises(services.ReactionInvalid) as refused:
        react(ReactionKind.APPLIED, country="", place="")
    assert refused.value.errors == {
        "country": "Say in which country your organisation applied it.",
        "place": "Say where your organisation applied it.",
    }


def test_own_consortium_finding_is_refused(member_a, organisation_a, finding_a):
    with pytest.raises(NotPermitted) as refused:
        services.reaction_submit(
            finding=finding_a, user=member_a, organisation=organisation_a, kind="endorsed"
        )
    assert str(refused.value) == (
        "This is a finding of SILK, which you act for: reactions come from other consortia."
    )
    assert refused.value.http_status == 403


def test_organisation_of_the_findings_consortium_is_refused(member_b, organisation_a, finding_a):
    # Member B acts for B only; organisation A is not theirs to speak for.
    with pytest.raises(NotPermitted) as refused:
        services.reaction_submit(
            finding=finding_a, user=member_b, organisation=organisation_a, kind="endorsed"
        )
    assert str(refused.value) == (
        "You can react only for an organisation of a consortium you act for."
    )


def test_partner_shared_with_the_findings_consortium_is_refused(
    member_b, consortium_a, consortium_b, finding_a
):
    shared = OrganisationFactory(name="Shared partner")
    MembershipFactory(consortium=consortium_a, organisation=shared)
    MembershipFactory(consortium=consortium_b, organisation=shared)
    with pytest.raises(NotPermitted) as refused:
        services.reaction_submit(
            finding=finding_a, user=member_b, organisation=shared, kind="endorsed"
        )
    assert str(refused.value) == (
        "Shared partner belongs to SILK, whose finding this is: reactions come from other "
        "consortia."
    )


def test_account_without_a_consortium_is_refused(organisation_b, finding_a):
    outsider = UserFactory(username="outsider")
    with pytest.raises(NotPermitted) as refused:
        services.reaction_submit(
            finding=finding_a, user=outsider, organisation=organisation_b, kind="endorsed"
        )
    assert str(refused.value) == "Only members of a consortium can react to findings."


@pytest.mark.parametrize(
    "status", [FindingStatus.DRAFT, FindingStatus.SUBMITTED, FindingStatus.WITHDRAWN]
)
def test_unpublished_finding_is_refused(react, finding_a, status):
    Finding.objects.filter(pk=finding_a.pk).update(status=status)
    finding_a.refresh_from_db()
    with pytest.raises(TransitionNotAllowed) as refused:
        react()
    assert str(refused.value) == "Only published findings can be reacted to."
    assert refused.value.http_status == 409


def test_duplicate_while_pending_or_published_is_refused(react, publish_reaction, curator):
    first = react(ReactionKind.ENDORSED)
    with pytest.raises(DuplicateReaction) as refused:
        react(ReactionKind.ENDORSED)
    assert str(refused.value) == (
        "Euclid Network has already recorded “Endorses it” for this finding (waiting for "
        "review or published)."
    )
    assert refused.value.http_status == 400
    publish_reaction(first)
    with pytest.raises(DuplicateReaction):
        react(ReactionKind.ENDORSED)
    # Another kind is another reaction; a rejected one may be recorded again.
    assert react(ReactionKind.APPLIED).kind == "applied"
    services.reaction_reject(reaction=first, user=curator, comment="Not substantiated.")
    assert react(ReactionKind.ENDORSED).status == "submitted"


def test_database_holds_one_open_reaction_per_organisation_finding_and_kind(
    react, finding_a, organisation_b
):
    react(ReactionKind.ENDORSED)
    with pytest.raises(IntegrityError):
        Reaction.objects.create(finding=finding_a, organisation=organisation_b, kind="endorsed")


def test_curator_publishes_and_rejects(react, curator):
    reaction = react()
    published = services.reaction_publish(reaction=reaction, user=curator)
    assert (published.status, published.decided_by) == ("published", curator)
    assert published.decided_at is not None
    rejected = services.reaction_reject(reaction=reaction, user=curator, comment="Taken down.")
    assert (rejected.status, rejected.curator_comment) == ("rejected", "Taken down.")


def test_publishing_twice_is_refused(react, curator):
    reaction = react()
    services.reaction_publish(reaction=reaction, user=curator)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.reaction_publish(reaction=reaction, user=curator)
    assert str(refused.value) == (
        'This reaction cannot be published while its status is "Published".'
    )


@pytest.mark.parametrize("who", ["member_a", "member_b", "staff_without_permission"])
def test_only_curators_decide(react, request, who):
    if who == "staff_without_permission":
        user = UserFactory(username="staff", is_staff=True)
    else:
        user = request.getfixturevalue(who)
    reaction = react()
    for decide in (services.reaction_publish, services.reaction_reject):
        with pytest.raises(NotPermitted) as refused:
            decide(reaction=reaction, user=user)
        assert str(refused.value) == "Only curators decide on reactions to findings."
    reaction.refresh_from_db()
    assert reaction.status == "submitted"


def test_contested_finding_ids_counts_published_found_otherwise_only(
    react, publish_reaction, finding_a, consortium_a
):
    other = PublishedFindingFactory(consortium=consortium_a, slug="other")
    quiet = PublishedFindingFactory(consortium=consortium_a, slug="quiet")
    publish_reaction(react(ReactionKind.OTHERWISE))
    publish_reaction(react(ReactionKind.ENDORSED, finding=other))
    react(ReactionKind.OTHERWISE, finding=other)  # waiting: not yet contested
    assert contested_finding_ids(Finding.objects.all()) == {finding_a.pk}
    assert contested_finding_ids(Finding.objects.filter(pk__in=[other.pk, quiet.pk])) == set()


def test_member_with_two_consortia_may_speak_for_either_but_not_for_the_findings_own(
    finding_a, consortium_a, organisation_b, consortium_b
):
    both = UserFactory(username="both")
    ConsortiumAccessFactory(user=both, consortium=consortium_b)
    ConsortiumAccessFactory(user=both, consortium=consortium_a)
    with pytest.raises(NotPermitted):
        services.reaction_submit(
            finding=finding_a, user=both, organisation=organisation_b, kind="endorsed"
        )


# ------------------------------------------------------------------ the admin


def test_admin_queue_lists_submitted_reactions_and_publishes_them(client, curator, react):
    waiting = react(ReactionKind.ENDORSED)
    decided = react(ReactionKind.APPLIED)
    services.reaction_reject(reaction=decided, user=curator)
    force_login_confirmed(client, curator)
    queue = reverse("admin:findings_submittedreaction_changelist")
    response = client.get(queue)
    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [waiting.pk]
    response = client.post(
        queue, {"action": "publish_reactions", "_selected_action": [waiting.pk]}, follow=True
    )
    waiting.refresh_from_db()
    assert waiting.status == ReactionStatus.PUBLISHED
    assert [str(m) for m in response.context["messages"]] == ["1 reaction decided."]


def test_admin_refusal_is_the_services_sentence(client, curator, react, publish_reaction):
    reaction = publish_reaction(react())
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_reaction_changelist"),
        {"action": "publish_reactions", "_selected_action": [reaction.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f'{reaction}: This reaction cannot be published while its status is "Published".'
    ]


def test_admin_has_no_add_nor_delete(client, curator, react):
    reaction = react()
    force_login_confirmed(client, curator)
    assert client.get(reverse("admin:findings_reaction_add")).status_code == 403
    assert (
        client.get(reverse("admin:findings_reaction_delete", args=[reaction.pk])).status_code == 403
    )


def test_member_cannot_open_the_admin_queue(client, member_b):
    client.force_login(member_b)
    response = client.get(reverse("admin:findings_submittedreaction_changelist"))
    assert response.status_code == 302  # to the admin's sign-in: members are not staff


# ------------------------------------------------------------------ personal data


def test_members_reactions_are_in_their_download_and_kept_for_the_former_member_on_erasure(
    client, react, member_b, curator
):
    import json

    from consortia.erasure import former_member

    reaction = react(ReactionKind.APPLIED, note="In Porto too.")
    client.force_login(member_b)
    data = json.loads(client.get("/en/me/privacy/my-data.json").content)
    assert [
        (r["finding"], r["organisation"], r["kind"], r["place"], r["note"])
        for r in data["finding_reactions"]
    ] == [("finding-a", "Euclid Network", "applied", "Lisbon", "In Porto too.")]
    from findings.reactions.personal_data import erase

    former = former_member()
    erase(member_b, former)
    reaction.refresh_from_db()
    assert reaction.author == former
