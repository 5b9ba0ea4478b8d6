"""A page is cached once per language: a French page is never served for an English address,
and a change of content retires every language's copy."""

import pytest

from findings import services
from tests.factories import PublishedFindingFactory


@pytest.mark.django_db
def test_each_language_of_a_cached_page_is_its_own(client, django_assert_num_queries):
    PublishedFindingFactory(slug="legal-forms", title="Legal forms")
    for language in ("en", "fr", "es"):
        client.get(f"/{language}/findings/")

    with django_assert_num_queries(0):
        pages = {language: client.get(f"/{language}/findings/") for language in ("en", "fr", "es")}

    assert {language: page["Content-Language"] for language, page in pages.items()} == {
        "en": "en",
        "fr": "fr",
        "es": "es",
    }
    for language, page in pages.items():
        assert f'<html lang="{language}">' in page.content.decode()
        assert f'href="/{language}/findings/legal-forms/"' in page.content.decode()


@pytest.mark.django_db
def test_accept_language_never_changes_a_pages_language(client):
    client.get("/en/findings/", HTTP_ACCEPT_LANGUAGE="fr")

    english = client.get("/en/findings/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<html lang="en">' in english


@pytest.mark.django_db
def test_a_change_of_content_retires_the_page_in_every_language(
    client, curator, django_capture_on_commit_callbacks
):
    finding = PublishedFindingFactory(slug="legal-forms", title="Legal forms")
    for language in ("en", "fr", "es"):
        assert "Legal forms" in client.get(f"/{language}/findings/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.finding_withdraw(finding=finding, user=curator, comment="Superseded.")

    for language in ("en", "fr", "es"):
        assert "Legal forms" not in client.get(f"/{language}/findings/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_workspace_and_sign_in_are_private_in_every_language(client, language):
    workspace = client.get(f"/{language}/me/")
    sign_in = client.get(f"/{language}/accounts/login/")

    assert (workspace.status_code, workspace["Cache-Control"]) == (302, "private, no-store")
    assert sign_in.status_code == 200
    assert {"private", "no-store"} <= set(sign_in["Cache-Control"].split(", "))
