"""The API has no language in its addresses: it answers in the language of Accept-Language,
says so (Content-Language, Vary), and never serves an answer kept for another language."""

import pytest

from tests.factories import ConsortiumFactory, PublishedFindingFactory, ThemeFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "detail", "language"),
    [
        ("", "Not found.", "en"),
        ("fr-FR,fr;q=0.9", "Non trouvé.", "fr"),
        ("es", "No encontrado.", "es"),
        ("de", "Not found.", "en"),
    ],
)
def test_api_errors_speak_the_callers_language(client, accept_language, detail, language):
    response = client.get("/api/v1/findings/no-such-finding/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert (response.status_code, response.json()) == (404, {"detail": detail, "code": "not_found"})
    assert response["Content-Language"] == language


@pytest.mark.django_db
def test_api_answers_vary_on_accept_language(client):
    ThemeFactory(slug="legal-frameworks")

    response = client.get("/api/v1/themes/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response["Vary"] == "Cookie, Accept-Language, Accept"


@pytest.mark.django_db
def test_a_cached_api_answer_is_never_served_in_another_language(client):
    consortium = ConsortiumFactory(slug="silk")
    PublishedFindingFactory(slug="legal-forms", consortium=consortium)

    def links(language: str) -> list[str]:
        for _ in range(2):  # the second read is served from the caches
            body = client.get("/api/v1/findings/", HTTP_ACCEPT_LANGUAGE=language).json()
        return [item["html_url"] for item in body["results"]]

    assert links("en") == ["http://testserver/en/findings/legal-forms/"]
    assert links("fr") == ["http://testserver/fr/findings/legal-forms/"]
    assert links("es") == ["http://testserver/es/findings/legal-forms/"]
    assert links("en") == ["http://testserver/en/findings/legal-forms/"]


@pytest.mark.django_db
def test_a_cached_api_detail_is_never_served_in_another_language(client):
    ConsortiumFactory(slug="silk")

    def link(language: str) -> str:
        client.get("/api/v1/consortia/silk/", HTTP_ACCEPT_LANGUAGE=language)
        return client.get("/api/v1/consortia/silk/", HTTP_ACCEPT_LANGUAGE=language).json()[
            "html_url"
        ]

    assert [link("fr"), link("en")] == [
        "http://testserver/fr/consortia/silk/",
        "http://testserver/en/consortia/silk/",
    ]
