"""Facet semantics with exact counts: OR within a facet, AND across facets, and counts that
say what a click gives. The same expectations hold on SQLite (joins) and PostgreSQL (the
trigger-kept facet_terms): the suite runs on both."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from findings.models import Finding
from tests.factories import (
    ConsortiumFactory,
    FindingFactory,
    PublishedFindingFactory,
    ThemeFactory,
    sdg,
)

LIST_URL = reverse("findings:finding_list")


@pytest.fixture
def catalogue(db):
    """Four published findings and a draft over three themes, two SDGs, three countries,
    two consortia and two years."""
    legal, cities, care = (ThemeFactory(slug=slug) for slug in ("legal", "cities", "care"))
    silk, rrr = ConsortiumFactory(slug="silk"), ConsortiumFactory(slug="rrr")
    y2021 = dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC)
    y2022 = dt.datetime(2022, 6, 1, 12, tzinfo=dt.UTC)
    PublishedFindingFactory(title="A", consortium=silk, themes=[legal], sdgs=[sdg(8)],
                            countries=["FR"], published_at=y2021)  # fmt: skip
    PublishedFindingFactory(title="B", consortium=silk, themes=[cities], sdgs=[sdg(11)],
                            countries=["ES", "FR"], published_at=y2022)  # fmt: skip
    PublishedFindingFactory(title="C", consortium=rrr, themes=[legal, cities],
                            sdgs=[sdg(8), sdg(11)], countries=["IT"],
                            published_at=y2022)  # fmt: skip
    PublishedFindingFactory(title="D", consortium=rrr, themes=[care], sdgs=[],
                            countries=["ES"], published_at=y2021)  # fmt: skip
    FindingFactory(title="Draft", consortium=rrr, themes=[legal], sdgs=[sdg(8)], countries=["FR"])


def page(client, query: str):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return sorted(finding.title for finding in response.context["findings"])


def counts(response, facet: str) -> dict[str, str]:
    """Value -> what its count says: "3" narrows to 3, "+1" adds 1, "selected"."""
    shown = {}
    for item in response.context["facets"][facet].items:
        if item.selected:
            shown[item.value] = "selected"
        else:
            shown[item.value] = f"+{item.count}" if item.adds else str(item.count)
    return shown


def test_no_selection_counts_every_published_finding(client, catalogue):
    response = page(client, "")

    assert titles(response) == ["A", "B", "C", "D"]
    assert response.context["paginator"].count == 4
    assert counts(response, "theme") == {"legal": "2", "cities": "2", "care": "1"}
    assert counts(response, "sdg") == {"8": "2", "11": "2"}
    assert counts(response, "country") == {"FR": "2", "ES": "2", "IT": "1"}
    assert counts(response, "year") == {"2022": "2", "2021": "2"}


def test_one_value_narrows_and_other_values_of_its_facet_say_what_they_add(client, catalogue):
    response = page(client, "theme=legal")

    assert titles(response) == ["A", "C"]
    # cities adds B (C is already there); care adds D.
    assert counts(response, "theme") == {"legal": "selected", "cities": "+1", "care": "+1"}
    assert counts(response, "sdg") == {"8": "2", "11": "1"}
    assert counts(response, "country") == {"FR": "1", "IT": "1"}


def test_two_values_of_one_facet_combine_with_or(client, catalogue):
    response = page(client, "theme=legal&theme=care")

    assert titles(response) == ["A", "C", "D"]
    assert counts(response, "theme") == {"legal": "selected", "care": "selected", "cities": "+1"}
    assert counts(response, "year") == {"2022": "1", "2021": "2"}


def test_two_facets_combine_with_and(client, catalogue):
    response = page(client, "theme=legal&theme=cities&country=FR")

    assert titles(response) == ["A", "B"]
    # Within the country FR: care adds nothing, so it is not offered.
    assert counts(response, "theme") == {"legal": "selected", "cities": "selected"}
    # Within legal or cities: IT adds C; ES adds nothing new (B is there already).
    assert counts(response, "country") == {"FR": "selected", "IT": "+1"}
    assert counts(response, "consortium") == {"silk": "2"}


def test_a_count_is_what_the_click_gives(client, catalogue):
    before = page(client, "theme=legal&sdg=11")
    adds = dict((item.value, item.count) for item in before.context["facets"]["theme"].items)

    after = page(client, "theme=legal&theme=cities&sdg=11")

    assert len(after.context["findings"]) == len(before.context["findings"]) + adds["cities"]
    assert adds["cities"] == 1
    narrowed = page(client, "theme=legal&sdg=11&country=IT")
    italy = {item.value: item.count for item in before.context["facets"]["country"].items}
    assert len(narrowed.context["findings"]) == italy["IT"]


def test_old_single_value_links_keep_working(client, catalogue):
    assert titles(page(client, "sdg=11&year=2022")) == ["B", "C"]


def test_selected_values_are_ticked_with_remove_links_and_chips(client, catalogue):
    response = page(client, "theme=legal&theme=care&country=FR")
    html = response.content.decode()

    assert (
        '<a class="facet__item is-active" href="?theme=care&amp;country=FR" aria-current="true">'
        in html
    )
    assert '<a class="chip" href="?theme=legal&amp;country=FR">' in html
    assert '<a class="chip" href="?theme=legal&amp;theme=care">' in html
    adding = "?theme=legal&amp;theme=care&amp;theme=cities&amp;country=FR"
    assert f'<a class="facet__item" href="{adding}">' in html
    assert '+1<span class="visually-hidden"> more finding if added</span>' in html


def test_an_unknown_value_is_left_out_with_a_400(client, catalogue):
    response = client.get(f"{LIST_URL}?theme=legal&theme=nope")

    assert response.status_code == 400
    assert titles(response) == ["A", "B", "C", "D"]


@pytest.mark.postgres
def test_facet_terms_follow_every_change_of_themes_sdgs_countries_and_consortium(catalogue):
    finding = Finding.objects.get(title="A")
    other = ConsortiumFactory()

    finding.themes.add(ThemeFactory(slug="new"))
    finding.sdgs.clear()
    finding.countries = ["DE"]
    finding.consortium = other
    finding.save()
    Finding.themes.through.objects.bulk_create(
        [Finding.themes.through(finding_id=finding.pk, theme_id=finding.themes.get(slug="new").pk)],
        ignore_conflicts=True,
    )

    with connection.cursor() as cursor:
        cursor.execute("SELECT facet_terms FROM findings_finding WHERE id = %s", [finding.pk])
        (terms,) = cursor.fetchone()
    theme_ids = sorted(finding.themes.values_list("pk", flat=True))
    assert terms == [f"consortium:{other.pk}", "country:DE", *[f"theme:{pk}" for pk in theme_ids]]
