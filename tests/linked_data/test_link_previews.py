"""OpenGraph and Twitter-card tags: on every public page kind, with the page's own title,
description and absolute address in its language; none on members' pages, sign-in, the admin
and error pages."""

import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse

from tests.linked_data.page_head import preview_tags

HOST = "http://testserver"


def public_pages(world) -> dict[str, tuple[str, str]]:
    """Each public page kind: its address and its og:type."""
    return {
        "home": (reverse("events:home"), "website"),
        "event_list": (reverse("events:event_list"), "website"),
        "event_detail": (world["event"].get_absolute_url(), "website"),
        "consortium_list": (reverse("consortia:consortium_list"), "website"),
        "consortium_detail": (world["consortium"].get_absolute_url(), "website"),
        "organisation_list": (reverse("consortia:organisation_list"), "website"),
        "organisation_detail": (world["lead"].get_absolute_url(), "website"),
        "person_list": (reverse("consortia:person_list"), "website"),
        "person_detail": (world["speaker"].get_absolute_url(), "profile"),
        "theme_list": (reverse("findings:theme_list"), "website"),
        "theme_detail": (world["theme"].get_absolute_url(), "website"),
        "finding_list": (reverse("findings:finding_list"), "website"),
        "finding_detail": (world["published"].get_absolute_url(), "article"),
        "sdg_list": (reverse("findings:sdg_list"), "website"),
        "sdg_detail": (reverse("findings:sdg_detail", args=[8]), "website"),
        "privacy": (reverse("privacy_notice"), "website"),
        "accessibility": (reverse("accessibility_statement"), "website"),
        "open_data": (reverse("open_data"), "website"),
    }


PAGE_KINDS = [
    "home",
    "event_list",
    "event_detail",
    "consortium_list",
    "consortium_detail",
    "organisation_list",
    "organisation_detail",
    "person_list",
    "person_detail",
    "theme_list",
    "theme_detail",
    "finding_list",
    "finding_detail",
    "sdg_list",
    "sdg_detail",
    "privacy",
    "accessibility",
    "open_data",
]


def title_and_description(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    return title, description


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_public_page_has_preview_tags_with_absolute_addresses(client, world, kind):
    path, og_type = public_pages(world)[kind]

    response = client.get(path)
    tags = preview_tags(response)

    assert response.status_code == 200
    html = response.content.decode()
    title, description = title_and_description(html)
    assert title.endswith(" · PLP Portal")
    # Each tag once (the locale alternates aside), with the page's own texts.
    assert tags["og:site_name"] == ["PLP Portal"]
    assert tags["og:title"] == [title.removesuffix(" · PLP Portal")]
    assert tags["og:description"] == [description]
    assert description.strip()
    assert tags["og:url"] == [f"{HOST}{path}"]
    assert tags["og:type"] == [og_type]
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:locale:alternate"] == ["fr_FR", "es_ES"]
    assert tags["og:image"] == [f"{HOST}/static/img/link-preview.png"]
    assert tags["og:image:type"] == ["image/png"]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:image:alt"] == tags["twitter:image:alt"]


def test_preview_tags_follow_the_page_language(client, world):
    path = world["event"].get_absolute_url().replace("/en/", "/fr/", 1)

    tags = preview_tags(client.get(path))

    assert tags["og:url"] == [f"{HOST}{path}"]
    assert tags["og:locale"] == ["fr_FR"]
    assert tags["og:locale:alternate"] == ["en_GB", "es_ES"]
    assert tags["og:image:alt"] == [
        "PLP Portal : les partenariats d’apprentissage entre pairs sur l’économie sociale et "
        "solidaire"
    ]


def test_person_and_finding_previews_say_what_they_are(client, world):
    person = preview_tags(client.get(world["speaker"].get_absolute_url()))
    finding = preview_tags(client.get(world["published"].get_absolute_url()))

    assert (person["profile:first_name"], person["profile:last_name"]) == (["Karen"], ["Maguire"])
    assert finding["article:published_time"] == ["2021-12-02T13:00:00+01:00"]


def test_preview_image_is_a_1200_by_630_png():
    path = finders.find("img/link-preview.png")

    with open(path, "rb") as file:
        header = file.read(24)

    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1200, 630)


def test_login_members_admin_and_error_pages_have_no_preview(client, world, member_a):
    login = client.get(reverse("login"))
    missing = client.get("/en/no-such-page/")
    admin_login = client.get("/admin/login/")
    client.force_login(member_a)
    workspace = client.get(reverse("members:dashboard"))

    assert (login.status_code, missing.status_code, workspace.status_code) == (200, 404, 200)
    assert admin_login.status_code == 200
    for response in (login, missing, admin_login, workspace):
        assert preview_tags(response) == {}


def test_a_template_rendered_without_a_request_has_no_preview(db):
    html = Template('{% extends "base.html" %}{% block title %}A page{% endblock %}').render(
        Context({})
    )

    assert "og:" not in html
