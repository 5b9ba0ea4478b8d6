"""The index pages of people, organisations and SDGs: what a visitor finds at /en/people/,
/en/organisations/ and /en/sdgs/ (they answered 404 before)."""

import pytest

from consortia import views as consortia_views
from findings.enums import FindingStatus
from tests.factories import (
    FindingFactory,
    OrganisationFactory,
    PersonFactory,
    PublishedFindingFactory,
    sdg,
)


@pytest.fixture(autouse=True)
def rendered(settings):
    settings.PLP_PAGE_CACHE = False


def test_people_are_listed_by_family_name_with_their_organisation(client, db):
    coop = OrganisationFactory(name="Coop Europe")
    PersonFactory(given_name="Zoe", family_name="Adams", position="Director", affiliation=coop)
    PersonFactory(given_name="Ana", family_name="Moreno", affiliation=None)
    PersonFactory(given_name="Luc", family_name="Martin", position="", affiliation=coop)

    response = client.get("/en/people/")

    assert response.status_code == 200
    assert [p.family_name for p in response.context["people"]] == ["Adams", "Martin", "Moreno"]
    html = response.content.decode()
    assert "3 people." in html
    assert "Director, Coop Europe" in html
    assert response.context["letters"] == ["A", "M"]


def test_people_narrow_to_an_initial_and_ignore_anything_else(client, db):
    PersonFactory(family_name="Adams")
    PersonFactory(family_name="martin")

    narrowed = client.get("/en/people/?letter=m")
    assert [p.family_name for p in narrowed.context["people"]] == ["martin"]
    assert "1 person whose family name starts with M." in narrowed.content.decode()
    assert '<span aria-current="page">M</span>' in narrowed.content.decode()

    for nonsense in ["mm", "1", "%00", "<script>"]:
        everyone = client.get("/en/people/", {"letter": nonsense})
        assert everyone.status_code == 200
        assert len(everyone.context["people"]) == 2


def test_people_pages_past_the_end_are_404_and_pages_are_bounded(client, db, monkeypatch):
    monkeypatch.setattr(consortia_views.PersonListView, "paginate_by", 2)
    PersonFactory.create_batch(3)

    assert len(client.get("/en/people/?page=2").context["people"]) == 1
    assert client.get("/en/people/?page=3").status_code == 404
    assert client.get("/en/people/?page=x").status_code == 404


def test_organisations_are_listed_by_name_with_their_country(client, db):
    OrganisationFactory(name="Social Value US", acronym="SVUS", country="US")
    OrganisationFactory(name="DIESIS", acronym="DIESIS", country="BE")

    response = client.get("/en/organisations/")

    assert [o.name for o in response.context["organisations"]] == ["DIESIS", "Social Value US"]
    html = response.content.decode()
    assert "Social Value US</a> (SVUS)" in html
    assert "DIESIS</a> (DIESIS)" not in html  # an acronym that is the name is said once
    assert "Belgium" in html
    assert "2 organisations." in html


def test_sdg_index_lists_the_seventeen_goals_with_published_counts(client, db):
    PublishedFindingFactory(sdgs=[sdg(8), sdg(11)])
    PublishedFindingFactory(sdgs=[sdg(8)])
    FindingFactory(status=FindingStatus.DRAFT, sdgs=[sdg(11)])

    response = client.get("/en/sdgs/")

    sdgs = response.context["sdgs"]
    assert [s.number for s in sdgs] == list(range(1, 18))
    assert {s.number: s.published_count for s in sdgs if s.published_count} == {8: 2, 11: 1}
    html = response.content.decode()
    assert "2 published findings" in html
    assert "1 published finding<" in html
    assert 'href="/en/sdgs/8/"' in html


def test_index_pages_are_in_the_footer_and_the_sitemap(client, db):
    home = client.get("/en/").content.decode()
    for path in ("/en/people/", "/en/organisations/", "/en/sdgs/"):
        assert f'href="{path}"' in home
    sections = client.get("/sitemap-sections.xml").content.decode()
    for path in ("/en/people/", "/en/organisations/", "/en/sdgs/"):
        assert f"{path}</loc>" in sections


def test_a_person_page_no_longer_highlights_consortia(client, db):
    person = PersonFactory(slug="ana")
    html = client.get(person.get_absolute_url()).content.decode()
    assert 'href="/en/consortia/" aria-current="page"' not in html
