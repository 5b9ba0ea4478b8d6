"""The findings list keeps each item's representation in the cache until what it shows
changes: a renamed theme or consortium, or a changed finding, shows at once."""

import pytest

from tests.factories import PublishedFindingFactory, ThemeFactory


@pytest.fixture(autouse=True)
def items_only(settings):
    settings.PLP_PAGE_CACHE = False


def listed(api, path="/api/v1/findings/"):
    return api.get(path).json()["results"]


def test_list_item_shows_a_renamed_theme_and_consortium_at_once(
    api, db, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Housing")
    finding = PublishedFindingFactory(themes=[theme])
    [before] = listed(api)
    assert ([t["name"] for t in before["themes"]], before["consortium"]["short_name"]) == (
        ["Housing"],
        finding.consortium.short_name,
    )

    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Community housing"
        theme.save()
        finding.consortium.short_name = "CoopNet"
        finding.consortium.save()

    [after] = listed(api)
    assert ([t["name"] for t in after["themes"]], after["consortium"]["short_name"]) == (
        ["Community housing"],
        "CoopNet",
    )


def test_list_item_shows_a_changed_finding_at_once(api, db, django_capture_on_commit_callbacks):
    finding = PublishedFindingFactory(summary="First summary.")
    assert [item["summary"] for item in listed(api)] == ["First summary."]

    with django_capture_on_commit_callbacks(execute=True):
        finding.summary = "Second summary."
        finding.save()

    assert [item["summary"] for item in listed(api)] == ["Second summary."]


def test_list_items_carry_the_host_they_were_asked_on(api, db, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    finding = PublishedFindingFactory()

    first = api.get("/api/v1/findings/", HTTP_HOST="one.example").json()["results"]
    second = api.get("/api/v1/findings/", HTTP_HOST="two.example").json()["results"]

    assert first[0]["url"] == f"http://one.example/api/v1/findings/{finding.slug}/"
    assert second[0]["url"] == f"http://two.example/api/v1/findings/{finding.slug}/"


def test_warm_list_reads_no_relation_of_its_items(api, db, django_assert_num_queries):
    PublishedFindingFactory.create_batch(3, themes=[ThemeFactory()])
    cold = listed(api, "/api/v1/findings/?page_size=3")

    with django_assert_num_queries(1):  # the page's rows (the count of all is cached)
        warm = listed(api, "/api/v1/findings/?page_size=3")

    assert warm == cold
