"""Every page has an address per language; the page says which language it is in, names its
other languages, and old addresses without a language lead to the reader's."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

LANGUAGES = ("en", "fr", "es")


def switcher(html: str) -> str:
    return re.search(r'<nav class="language-nav".*?</nav>', html, re.S).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "lang", "label", "current"),
    [
        ("en", 'lang="en"', 'aria-label="Language"', "English"),
        ("fr", 'lang="fr"', 'aria-label="Langue"', "Français"),
        ("es", 'lang="es"', 'aria-label="Idioma"', "Español"),
    ],
)
def test_each_languages_home_answers_in_that_language(client, language, lang, label, current):
    response = client.get(f"/{language}/")

    html = response.content.decode()
    assert (response.status_code, response["Content-Language"]) == (200, language)
    assert f"<html {lang}>" in html
    nav = switcher(html)
    assert label in nav
    assert re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="(\w+)"[^>]*>([^<]+)</a>', nav) == [
        ("/en/", "en", "en", "English"),
        ("/fr/", "fr", "fr", "Français"),
        ("/es/", "es", "es", "Español"),
    ]
    assert re.findall(r'aria-current="true">([^<]+)<', nav) == [current]


@pytest.mark.django_db
def test_french_pages_are_written_in_french(client):
    html = client.get("/fr/").content.decode()

    assert '<a class="skip-link" href="#main">Aller au contenu principal</a>' in html
    assert '<li><a href="/fr/" aria-current="page">Accueil</a></li>' in html
    assert '<li><a href="/fr/findings/">Résultats</a></li>' in html


@pytest.mark.django_db
def test_spanish_pages_are_written_in_spanish(client):
    html = client.get("/es/").content.decode()

    assert '<a class="skip-link" href="#main">Saltar al contenido principal</a>' in html
    assert '<li><a href="/es/" aria-current="page">Inicio</a></li>' in html
    assert '<a href="/es/accounts/login/">Iniciar sesión</a>' in html


@pytest.mark.django_db
def test_switcher_leads_to_the_same_page_and_query_in_each_language(client):
    html = client.get("/fr/findings/", {"q": "housing", "sdg": "8"}).content.decode()

    assert re.findall(r'<a href="([^"]+)" lang=', switcher(html)) == [
        "/en/findings/?q=housing&amp;sdg=8",
        "/fr/findings/?q=housing&amp;sdg=8",
        "/es/findings/?q=housing&amp;sdg=8",
    ]


@pytest.mark.django_db
def test_every_page_head_names_its_address_in_each_language_and_a_default(client):
    html = client.get("/es/findings/", {"q": "housing"}).content.decode()

    assert re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html) == [
        ("en", "http://testserver/en/findings/?q=housing"),
        ("fr", "http://testserver/fr/findings/?q=housing"),
        ("es", "http://testserver/es/findings/?q=housing"),
        ("x-default", "http://testserver/findings/?q=housing"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("", "/en/findings/?q=housing"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/findings/?q=housing"),
        ("es", "/es/findings/?q=housing"),
        ("de", "/en/findings/?q=housing"),
    ],
)
def test_an_old_address_without_a_language_leads_to_the_readers(client, accept_language, expected):
    response = client.get("/findings/", {"q": "housing"}, HTTP_ACCEPT_LANGUAGE=accept_language)

    assert (response.status_code, response["Location"]) == (302, expected)
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_the_old_home_address_leads_to_the_readers_home(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert (response.status_code, response["Location"]) == (302, "/es/")


@pytest.mark.django_db
def test_an_address_in_no_language_that_is_no_page_is_still_a_404(client):
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404


def test_reverse_names_the_active_language():
    with translation.override("fr"):
        french = reverse("findings:finding_list")
    with translation.override("es"):
        spanish = reverse("members:dashboard")

    assert (french, spanish) == ("/fr/findings/", "/es/me/")


@pytest.mark.django_db
def test_signing_out_leads_to_the_home_page_in_the_language_of_the_page(client, member_a):
    client.force_login(member_a)

    response = client.post("/fr/accounts/logout/")

    assert (response.status_code, response["Location"]) == (302, "/fr/")


@pytest.mark.django_db
def test_a_member_who_is_not_signed_in_is_sent_to_sign_in_in_their_language(client):
    response = client.get("/es/me/")

    assert (response.status_code, response["Location"]) == (302, "/es/accounts/login/?next=/es/me/")


@pytest.mark.django_db
def test_dates_are_written_in_the_language_of_the_page(client, demo):
    finding = "/{}/findings/pl4se-advanced-legal-frameworks/"

    english = client.get(finding.format("en")).content.decode()
    french = client.get(finding.format("fr")).content.decode()

    assert '<time datetime="2021-12-02">2 December 2021</time>' in english
    assert '<time datetime="2021-12-02">2 décembre 2021</time>' in french
