"""Reactions on the site: the members' form (/me/reactions/<slug>/new/), their dashboard,
the finding's public page and the findings list's contested filter."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from consortia.enums import MembershipRole
from findings.enums import FindingStatus
from findings.models import Finding
from findings.reactions import services
from findings.reactions.enums import ReactionKind
from findings.reactions.models import PolicyUptake, Reaction
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FORM = "/en/me/reactions/finding-a/new/"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_member_records_a_reaction_through_the_form(client, member_b, organisation_b, finding_a):
    client.force_login(member_b)
    page = client.get(FORM + "?kind=applied")
    assert page.status_code == 200
    assert page.context["form"].initial["kind"] == "applied"
    assert [o.name for o in page.context["form"].fields["organisation"].queryset] == [
        "Euclid Network"
    ]
    response = client.post(
        FORM,
        {"organisation": organisation_b.pk, "kind": "applied", "country": "PT", "place": "Porto"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("members:dashboard")
    reaction = Reaction.objects.get()
    assert (reaction.kind, reaction.place, str(reaction.country.code), reaction.status) == (
        "applied",
        "Porto",
        "PT",
        "submitted",
    )
    dashboard = client.get(reverse("members:dashboard"))
    assert (
        "Cities convene the social economy Euclid Network Has applied it Submitted for review"
        in (text_of(dashboard.content.decode()))
    )


def test_missing_evidence_is_a_form_error(client, member_b, organisation_b, finding_a):
    client.force_login(member_b)
    response = client.post(FORM, {"organisation": organisation_b.pk, "kind": "otherwise"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "evidence": ["Say what your organisation found: the evidence."]
    }
    assert Reaction.objects.count() == 0


def test_duplicate_is_a_form_error(client, member_b, organisation_b, react):
    react(ReactionKind.ENDORSED)
    client.force_login(member_b)
    response = client.post(FORM, {"organisation": organisation_b.pk, "kind": "endorsed"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Euclid Network has already recorded “Endorses it” for this finding (waiting for review "
        "or published)."
    ]
    assert Reaction.objects.count() == 1


def test_own_consortium_is_refused_with_403(client, member_a, organisation_a, finding_a):
    client.force_login(member_a)
    for response in (client.get(FORM), client.post(FORM, {"kind": "endorsed"})):
        assert response.status_code == 403
        assert response.context["error"].message == (
            "This is a finding of SILK, which you act for: reactions come from other consortia."
        )
    assert Reaction.objects.count() == 0


def test_account_without_a_consortium_is_refused_with_403(client, finding_a):
    client.force_login(UserFactory(username="outsider"))
    response = client.get(FORM)
    assert response.status_code == 403
    assert response.context["error"].message == (
        "Only members of a consortium can react to findings."
    )


def test_member_whose_consortium_has_no_organisation_is_refused(client, member_b, finding_a):
    client.force_login(member_b)  # consortium B has no organisation in this test
    response = client.get(FORM)
    assert response.status_code == 403
    assert response.context["error"].message == (
        "Every organisation you act for belongs to SILK, whose finding this is: reactions come "
        "from other consortia."
    )


def test_organisation_not_offered_cannot_be_posted(client, member_b, organisation_b, finding_a):
    stranger = OrganisationFactory(name="Stranger")
    client.force_login(member_b)
    response = client.post(FORM, {"organisation": stranger.pk, "kind": "endorsed"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["organisation"]


@pytest.mark.parametrize("status", [FindingStatus.DRAFT, FindingStatus.SUBMITTED])
def test_unpublished_finding_form_is_404(client, member_b, organisation_b, finding_a, status):
    Finding.objects.filter(pk=finding_a.pk).update(status=status)
    client.force_login(member_b)
    assert client.get(FORM).status_code == 404


def test_withdrawn_finding_is_refused_with_409(client, member_b, organisation_b, finding_a):
    Finding.objects.filter(pk=finding_a.pk).update(status=FindingStatus.WITHDRAWN)
    client.force_login(member_b)
    response = client.get(FORM)
    assert response.status_code == 409
    assert response.context["error"].message == "Only published findings can be reacted to."


def test_anonymous_is_sent_to_sign_in(client, finding_a):
    response = client.get(FORM)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


# ------------------------------------------------------------------ the public finding page


def test_finding_page_shows_published_reactions_only(
    client, react, publish_reaction, curator, finding_a, consortium_b
):
    publish_reaction(react(ReactionKind.ENDORSED, note="Fully."))
    publish_reaction(react(ReactionKind.APPLIED, country="PT", place="Lisbon"))
    publish_reaction(react(ReactionKind.OTHERWISE, evidence="Rural towns had no platform."))
    other = OrganisationFactory(name="Waiting Org", slug="waiting-org")
    MembershipFactory(consortium=consortium_b, organisation=other)
    react(ReactionKind.ENDORSED, organisation=other)  # waiting
    rejected = react(ReactionKind.APPLIED, organisation=other, place="Secretville")
    services.reaction_reject(reaction=rejected, user=curator)
    html = client.get(finding_a.get_absolute_url()).content.decode()
    section = text_of(html.split('id="reactions"')[1].split("</section>")[0])
    assert section == (
        "> What other consortia say Endorsed by Euclid Network — Fully. Applied by Euclid "
        "Network , in Lisbon (Portugal) Found otherwise Euclid Network Rural towns had no platform."
    )
    assert "Waiting Org" not in html


def test_finding_page_without_reactions_has_no_reactions_section(client, finding_a, react):
    react()  # waiting
    html = client.get(finding_a.get_absolute_url()).content.decode()
    assert 'id="reactions"' not in html


def test_finding_page_offers_the_reaction_links_to_signed_in_accounts_only(
    client, member_b, finding_a
):
    anonymous = client.get(finding_a.get_absolute_url()).content.decode()
    assert "/me/reactions/" not in anonymous
    client.force_login(member_b)
    signed_in = client.get(finding_a.get_absolute_url()).content.decode()
    assert re.findall(r'href="(/en/me/reactions/[^"]+)"', signed_in) == [
        "/en/me/reactions/finding-a/new/?kind=endorsed",
        "/en/me/reactions/finding-a/new/?kind=applied",
        "/en/me/reactions/finding-a/new/?kind=otherwise",
    ]


def test_finding_page_shows_policy_uptakes_with_their_published_findings_only(
    client, finding_a, consortium_a
):
    sibling = PublishedFindingFactory(consortium=consortium_a, slug="sibling", title="Sibling")
    hidden = Finding.objects.create(
        consortium=consortium_a, slug="hidden", title="Hidden draft", summary="x"
    )
    uptake = PolicyUptake.objects.create(
        title="Social Economy Action Plan",
        kind="eu_action_plan",
        issuer="European Commission",
        url="https://ec.europa.eu/social/main.jsp?catId=1537",
        description="Tied to the findings at the event.",
    )
    uptake.findings.set([finding_a, sibling, hidden])
    html = client.get(finding_a.get_absolute_url()).content.decode()
    section = text_of(html.split('id="uptake-title"')[1].split("</section>")[0])
    assert section == (
        ">Policy outputs it fed Social Economy Action Plan · EU action plan · European "
        "Commission Tied to the findings at the event. Also fed by: Sibling"
    )
    assert "Hidden draft" not in html


def test_finding_page_query_budget_is_fixed_with_many_reactions(
    client, react, publish_reaction, finding_a, consortium_b, django_assert_max_num_queries
):
    publish_reaction(react())
    cache.clear()
    with django_assert_max_num_queries(30) as few:
        client.get(finding_a.get_absolute_url())
    for n in range(20):
        organisation = OrganisationFactory(name=f"Partner {n}")
        MembershipFactory(
            consortium=consortium_b, organisation=organisation, role=MembershipRole.PARTNER
        )
        for kind in ReactionKind.values:
            publish_reaction(react(kind, organisation=organisation))
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(finding_a.get_absolute_url())
    assert response.content.decode().count("Partner 1") >= 3


# ------------------------------------------------------------------ the contested filter


def test_contested_filter_lists_findings_with_a_published_found_otherwise_only(
    client, react, publish_reaction, finding_a, consortium_a
):
    endorsed = PublishedFindingFactory(consortium=consortium_a, slug="endorsed", title="Endorsed")
    waiting = PublishedFindingFactory(consortium=consortium_a, slug="waiting", title="Waiting")
    publish_reaction(react(ReactionKind.OTHERWISE))
    publish_reaction(react(ReactionKind.ENDORSED, finding=endorsed))
    react(ReactionKind.OTHERWISE, finding=waiting)
    everything = client.get("/en/findings/")
    assert everything.context["contested_count"] == 1
    assert 'href="?contested=1"' in everything.content.decode()
    response = client.get("/en/findings/?contested=1")
    assert response.status_code == 200
    assert [finding.slug for finding in response.context["findings"]] == ["finding-a"]
    assert response.context["paginator"].count == 1
    assert response.context["contested_selected"] is True


def test_contested_filter_combines_with_facets(
    client, react, publish_reaction, finding_a, consortium_b, organisation_b
):
    other = PublishedFindingFactory(consortium=consortium_b, slug="b-finding")
    publish_reaction(react(ReactionKind.OTHERWISE))
    assert other.pk
    response = client.get("/en/findings/?contested=1&consortium=pl4se-plp")
    assert response.context["paginator"].count == 0
    response = client.get("/en/findings/?contested=1&consortium=silk")
    assert [finding.slug for finding in response.context["findings"]] == ["finding-a"]


def test_contested_filter_with_a_bad_value_is_left_out_with_400(client, finding_a):
    response = client.get("/en/findings/?contested=maybe")
    assert response.status_code == 400
    assert [f.slug for f in response.context["findings"]] == ["finding-a"]


# ------------------------------------------------------------------ the feeds follow ?contested=1


def test_feeds_follow_the_contested_filter_and_say_so(
    client, react, publish_reaction, finding_a, consortium_a
):
    from tests.findings.feed_syntax import atom, atom_entries, rss, rss_items

    PublishedFindingFactory(consortium=consortium_a, slug="calm", title="Calm")
    waiting = PublishedFindingFactory(consortium=consortium_a, slug="waiting", title="Waiting")
    publish_reaction(react(ReactionKind.OTHERWISE))
    react(ReactionKind.OTHERWISE, finding=waiting)  # submitted, not published: not contested

    response = client.get("/en/findings/feed.atom?contested=1")
    assert response.status_code == 200
    feed = atom(response.content)
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == "Contested findings · PLP Portal"
    assert [entry["title"] for entry in atom_entries(response.content)] == [finding_a.title]
    self_link = feed.find("{http://www.w3.org/2005/Atom}link[@rel='self']").get("href")
    assert self_link.endswith("/en/findings/feed.atom?contested=1")

    response = client.get("/en/findings/feed.rss?contested=1&consortium=silk")
    assert rss(response.content).findtext("title") == "Findings of SILK (contested) · PLP Portal"
    assert [item["title"] for item in rss_items(response.content)] == [finding_a.title]

    # Without the filter the feed holds all three published findings.
    everything = atom_entries(client.get("/en/findings/feed.atom").content)
    assert sorted(entry["title"] for entry in everything) == sorted(
        ["Calm", "Waiting", finding_a.title]
    )


def test_contested_list_links_to_the_contested_feeds(client, react, publish_reaction):
    publish_reaction(react(ReactionKind.OTHERWISE))
    page = client.get("/en/findings/?contested=1").content.decode()
    assert 'href="/en/findings/feed.atom?contested=1"' in page
    assert 'href="/en/findings/feed.rss?contested=1"' in page


def test_contested_feed_in_french_says_contested(client, react, publish_reaction):
    publish_reaction(react(ReactionKind.OTHERWISE))
    response = client.get("/fr/findings/feed.atom?contested=1")
    title = " ".join(re.findall(r"<title>([^<]*)</title>", response.content.decode())[:1])
    assert title == "Constats contestés · PLP Portal"


def test_feed_with_a_bad_contested_value_is_refused_with_400(client, finding_a):
    response = client.get("/en/findings/feed.atom?contested=maybe")
    assert response.status_code == 400
    assert response.content.decode().splitlines()[1].startswith("contested: ")
