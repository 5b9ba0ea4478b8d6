"""Reading the portal anonymously sets no cookie: no language, CSRF or session cookie on a
plain GET of any public page, in any language (the switcher is links, not a form)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.public.conftest import build_programme

LANGUAGES = ("en", "fr", "es")


def public_pages(world) -> list[str]:
    """One address of every kind of public page, in the active language."""
    finding = world["findings"][0]
    return [
        reverse("events:home"),
        reverse("events:event_list"),
        world["event"].get_absolute_url(),
        reverse("events:events_calendar"),
        reverse("consortia:consortium_list"),
        world["consortia"][0].get_absolute_url(),
        reverse("consortia:organisation_list"),
        world["organisation"].get_absolute_url(),
        reverse("consortia:person_list"),
        world["person"].get_absolute_url(),
        reverse("findings:theme_list"),
        world["themes"][0].get_absolute_url(),
        reverse("findings:sdg_list"),
        reverse("findings:sdg_detail", args=[8]),
        reverse("findings:finding_list"),
        reverse("findings:finding_list") + "?q=Finding",
        reverse("findings:finding_feed"),
        finding.get_absolute_url(),
        reverse("privacy_notice"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_reads_of_public_pages_set_no_cookie(client, language):
    world = build_programme(1)
    with translation.override(language):
        pages = public_pages(world)

    answers = {page: client.get(page) for page in pages}

    assert {page: answer.status_code for page, answer in answers.items()} == dict.fromkeys(
        pages, 200
    )
    assert all(page.startswith(f"/{language}/") for page in pages)
    assert {page: answer.cookies.output() for page, answer in answers.items()} == dict.fromkeys(
        pages, ""
    )
    assert client.cookies.output() == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address", ["/", "/findings/", "/sitemap.xml", "/robots.txt", "/api/v1/findings/"]
)
def test_addresses_without_a_language_set_no_cookie_either(client, address):
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code in (200, 302)
    assert (response.cookies.output(), client.cookies.output()) == ("", "")
