"""The sign-in page: it names the portal, and each kind of account lands where its work is."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tests.two_factor import app_code, confirmed_app, force_login_confirmed

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual password"
LOGIN = "/en/accounts/login/"
QUEUE = "/admin/findings/submittedfinding/"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, **extra})


def test_sign_in_page_names_the_portal_not_the_host(client, settings):
    settings.SITE_NAME = "PLP Portal"

    html = client.get(LOGIN, HTTP_HOST="testserver").content.decode()

    assert "<title>Log in · PLP Portal</title>" in html
    assert "<h1>Log in to PLP Portal</h1>" in html
    # Only the head's alternate-language links name the host, as absolute addresses must.
    assert "testserver" not in re.sub(r"<link [^>]*>", "", html)


def test_curator_lands_on_the_review_queue_after_the_second_step(client, curator):
    with_password(curator)
    device = confirmed_app(curator)

    signed_in = sign_in(client, curator)
    code_page = client.get(signed_in["Location"])
    confirmed = client.post(code_page["Location"], {"code": app_code(device), "next": QUEUE})

    assert signed_in["Location"] == QUEUE
    assert (
        code_page["Location"]
        == "/en/accounts/two-factor/?next=%2Fadmin%2Ffindings%2Fsubmittedfinding%2F"
    )
    assert confirmed["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200


def test_curator_signing_in_for_the_first_time_sets_up_the_app_then_reaches_the_queue(
    client, curator
):
    with_password(curator)

    signed_in = sign_in(client, curator)
    setup = client.get(signed_in["Location"])

    assert signed_in["Location"] == QUEUE
    assert (
        setup["Location"]
        == "/en/accounts/two-factor/setup/?next=%2Fadmin%2Ffindings%2Fsubmittedfinding%2F"
    )
    assert TOTPDevice.objects.filter(user=curator).count() == 0


def test_staff_who_are_not_curators_land_on_the_admin(client):
    staff = with_password(UserFactory(username="helpdesk", is_staff=True))

    assert sign_in(client, staff)["Location"] == "/admin/"


def test_member_lands_on_their_workspace(client, member_a):
    with_password(member_a)

    assert sign_in(client, member_a)["Location"] == "/en/me/"


def test_a_page_asked_for_wins_over_the_landing_page(client, curator):
    with_password(curator)

    assert sign_in(client, curator, next="/en/findings/")["Location"] == "/en/findings/"


def test_a_page_on_another_site_is_ignored_for_the_landing_page(client, curator):
    with_password(curator)

    assert sign_in(client, curator, next="https://evil.example/")["Location"] == QUEUE


def test_workspace_of_a_staff_account_links_to_the_review_queue_and_the_admin(client, curator):
    force_login_confirmed(client, curator)

    html = client.get(reverse("members:dashboard")).content.decode()

    assert (
        'Curators review submitted findings in the <a href="/admin/findings/submittedfinding/">'
        'review queue</a>; the rest of the portal\'s records are in the <a href="/admin/">'
        "admin</a>."
    ) in html
    assert "it reviews findings rather than writing them." in html


def test_workspace_of_a_member_has_no_admin_links(client, member_a):
    client.force_login(member_a)

    html = client.get(reverse("members:dashboard")).content.decode()

    assert "/admin/" not in html
