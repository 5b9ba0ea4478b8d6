"""The public read API: consortia, organisations, people, themes, SDGs."""

import pytest

from consortia.enums import MembershipRole, OrganisationKind
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_consortium_list_shows_lead_and_partners(api):
    consortium = ConsortiumFactory(slug="silk", short_name="SILK")
    lead = OrganisationFactory(slug="diesis", name="DIESIS Network", country="BE")
    partner = OrganisationFactory(slug="ciriec", name="CIRIEC", country="BE")
    MembershipFactory(consortium=consortium, organisation=lead, role=MembershipRole.LEAD)
    MembershipFactory(consortium=consortium, organisation=partner)

    response = api.get("/api/v1/consortia/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["slug"] == "silk"
    assert item["lead_organisation"]["slug"] == "diesis"
    assert [(m["organisation"]["slug"], m["role"]) for m in item["memberships"]] == [
        ("diesis", "lead"),
        ("ciriec", "partner"),
    ]
    assert item["url"] == "http://testserver/api/v1/consortia/silk/"
    assert item["html_url"] == "http://testserver/en/consortia/silk/"


def test_consortium_detail_by_slug_and_unknown_slug_is_404(api):
    ConsortiumFactory(slug="sim", short_name="SIM")

    assert api.get("/api/v1/consortia/sim/").json()["short_name"] == "SIM"
    missing = api.get("/api/v1/consortia/nope/")
    assert missing.status_code == 404
    assert missing.json() == {
        "detail": "Not found.",
        "code": "not_found",
    }


def test_consortium_filter_by_member_country(api):
    french = ConsortiumFactory(slug="french")
    ConsortiumFactory(slug="other")
    MembershipFactory(consortium=french, organisation=OrganisationFactory(country="FR"))

    assert slugs(api.get("/api/v1/consortia/?country=FR")) == ["french"]
    assert api.get("/api/v1/consortia/?country=XX").status_code == 400


def test_organisation_filters_country_kind_consortium_and_search(api):
    consortium = ConsortiumFactory(slug="silk")
    diesis = OrganisationFactory(slug="diesis", name="DIESIS Network", country="BE")
    OrganisationFactory(slug="cepes", name="CEPES", country="ES", kind=OrganisationKind.GOVERNMENT)
    MembershipFactory(consortium=consortium, organisation=diesis)

    assert slugs(api.get("/api/v1/organisations/?country=ES")) == ["cepes"]
    assert slugs(api.get("/api/v1/organisations/?kind=government")) == ["cepes"]
    assert slugs(api.get("/api/v1/organisations/?consortium=silk")) == ["diesis"]
    assert slugs(api.get("/api/v1/organisations/?search=diesis net")) == ["diesis"]
    assert slugs(api.get("/api/v1/organisations/?ordering=-name")) == ["diesis", "cepes"]
    detail = api.get("/api/v1/organisations/diesis/").json()
    assert detail["country"] == "BE"
    assert detail["country_name"] == "Belgium"
    assert detail["memberships"][0]["consortium"]["slug"] == "silk"


def test_people_never_show_an_email(api):
    PersonFactory(slug="karen-maguire", given_name="Karen", family_name="Maguire",
                  email="karen@example.org")  # fmt: skip

    listed = api.get("/api/v1/people/").json()["results"][0]
    detail = api.get("/api/v1/people/karen-maguire/").json()

    assert "email" not in listed
    assert "email" not in detail
    assert "karen@example.org" not in api.get("/api/v1/people/").content.decode()
    assert detail["full_name"] == "Karen Maguire"


def test_people_filter_by_organisation_and_search(api):
    oecd = OrganisationFactory(slug="oecd")
    PersonFactory(slug="antonella-noya", given_name="Antonella", family_name="Noya",
                  affiliation=oecd)  # fmt: skip
    PersonFactory(slug="ben-carpenter", given_name="Ben", family_name="Carpenter")

    assert slugs(api.get("/api/v1/people/?organisation=oecd")) == ["antonella-noya"]
    assert slugs(api.get("/api/v1/people/?search=carp")) == ["ben-carpenter"]


def test_theme_list_counts_only_published_findings(api):
    theme = ThemeFactory(slug="legal-frameworks", name="Legal frameworks")
    PublishedFindingFactory(themes=[theme])
    FindingFactory(themes=[theme])

    item = api.get("/api/v1/themes/").json()["results"][0]

    assert item["slug"] == "legal-frameworks"
    assert item["finding_count"] == 1
    assert api.get("/api/v1/themes/?kind=event").json()["count"] == 0


def test_sdgs_list_all_seventeen_and_look_up_by_number(api):
    listed = api.get("/api/v1/sdgs/").json()
    detail = api.get("/api/v1/sdgs/17/").json()

    assert [goal["number"] for goal in listed] == list(range(1, 18))
    assert detail["short_name"] == sdg(17).short_name
    assert detail["colour"] == "#19486A"
    assert api.get("/api/v1/sdgs/18/").status_code == 404
    assert api.get("/api/v1/sdgs/abc/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/api/v1/consortia/", "/api/v1/organisations/", "/api/v1/people/", "/api/v1/themes/"],
)
def test_list_queries_do_not_grow_with_rows(api, django_assert_max_num_queries, path):
    for _ in range(8):
        consortium = ConsortiumFactory()
        organisation = OrganisationFactory()
        MembershipFactory(consortium=consortium, organisation=organisation)
        PersonFactory(affiliation=organisation)
        ThemeFactory()

    with django_assert_max_num_queries(4):
        response = api.get(path)

    assert response.status_code == 200
    assert response.json()["count"] >= 8
