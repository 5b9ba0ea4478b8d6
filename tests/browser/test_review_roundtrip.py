"""The whole round trip in a real browser: a member drafts and submits, a curator requests
changes, the member revises and resubmits, the curator publishes, the public sees it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, UserFactory
from tests.two_factor import app_code, confirmed_app

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def people(transactional_db):
    consortium = ConsortiumFactory(short_name="ImpactHub consortium", slug="impact-hub")
    member = UserFactory(username="member-impact-hub", email="member@example.org")
    ConsortiumAccessFactory(user=member, consortium=consortium)
    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="findings",
            codename__in=["review_finding", "view_finding", "change_finding"],
        )
    )
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(curators)
    confirmed_app(curator)  # set up at an earlier sign-in
    return member, curator


def log_in(page, base, user, admin=False):
    """Sign in as a person would; staff then type the code their authenticator app shows."""
    page.goto(f"{base}/admin/login/" if admin else f"{base}/en/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if user.is_staff:
        page.get_by_label("Code from your authenticator app").fill(app_code(confirmed_app(user)))
        page.get_by_role("button", name="Sign in").click()


def test_review_round_trip(live_server, browser, people):
    member, curator = people
    base = live_server.url
    member_page = browser.new_context().new_page()
    curator_page = browser.new_context().new_page()

    # The member drafts, previews and submits.
    log_in(member_page, base, member)
    expect(member_page).to_have_url(f"{base}/en/me/")
    member_page.get_by_role("link", name="New finding for ImpactHub consortium").click()
    member_page.get_by_label("Title", exact=True).fill("Women-led social enterprises open doors")
    member_page.get_by_label("Summary", exact=True).fill(
        "Women principles help SSE internationalisation."
    )
    member_page.get_by_label("Body", exact=True).fill(
        "Collaboration and **listening** build partnerships."
    )
    member_page.get_by_role("button", name="Preview").click()
    preview = member_page.locator(".preview")
    expect(preview.locator("strong")).to_have_text("listening")
    member_page.get_by_role("button", name="Save draft").click()
    expect(member_page).to_have_url(
        f"{base}/en/me/findings/women-led-social-enterprises-open-doors/"
    )
    member_page.get_by_role("button", name="Submit to the curators").click()
    expect(member_page.locator(".eyebrow")).to_contain_text("Submitted for review")

    # The curator asks for changes from the review queue.
    log_in(curator_page, base, curator, admin=True)
    curator_page.get_by_role("link", name=re.compile("Review queue", re.I)).first.click()
    curator_page.get_by_role("link", name="Women-led social enterprises open doors").click()
    expect(curator_page.get_by_text("This is the first submission")).to_be_visible()
    curator_page.get_by_label(re.compile("Comment to the members")).fill("Name the 11 countries.")
    curator_page.get_by_role("button", name="Request changes…").click()
    expect(curator_page.locator("blockquote")).to_have_text("Name the 11 countries.")
    curator_page.get_by_role("button", name="Yes, request changes").click()
    expect(curator_page.locator(".messagelist")).to_contain_text("were requested")

    # The member reads the comment, revises and resubmits.
    member_page.goto(f"{base}/en/me/")
    expect(member_page.locator(".alert")).to_contain_text("1 finding needs your changes")
    member_page.get_by_role("link", name="Women-led social enterprises open doors").first.click()
    expect(member_page.locator(".review-thread")).to_contain_text("Name the 11 countries.")
    member_page.get_by_role("link", name="Edit", exact=True).click()
    member_page.get_by_label("Body", exact=True).fill(
        "Collaboration and **listening** build partnerships in 11 countries."
    )
    member_page.get_by_role("button", name="Save draft").click()
    member_page.get_by_label("Note (optional)").fill("Added the countries.")
    member_page.get_by_role("button", name="Submit to the curators").click()
    expect(member_page.locator(".eyebrow")).to_contain_text("Submitted for review")

    # The curator sees what changed and publishes.
    curator_page.goto(f"{base}/admin/findings/submittedfinding/")
    curator_page.get_by_role("link", name="Women-led social enterprises open doors").click()
    expect(curator_page.locator(".plp-diff .add")).to_have_text(
        "+Collaboration and **listening** build partnerships in 11 countries."
    )
    curator_page.get_by_role("button", name="Publish…").click()
    curator_page.get_by_role("button", name="Yes, publish it").click()
    expect(curator_page.locator(".messagelist")).to_contain_text("was published")

    # Anyone can read it on the public site.
    public_page = browser.new_context().new_page()
    public_page.goto(f"{base}/en/findings/")
    public_page.get_by_role("link", name="Women-led social enterprises open doors").first.click()
    expect(public_page.locator("h1")).to_have_text("Women-led social enterprises open doors")
    expect(public_page.locator(".prose strong")).to_have_text("listening")
