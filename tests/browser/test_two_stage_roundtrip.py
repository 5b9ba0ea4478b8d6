"""Two-stage review in a real browser: a member submits, their coordinator signs it off from
the sign-off queue on /me/, a curator publishes, the public reads it."""

import re

import pytest
from playwright.sync_api import expect

from consortia.enums import AccessRole
from tests.browser.test_review_roundtrip import log_in
from tests.factories import ConsortiumAccessFactory, ConsortiumFactory, UserFactory
from tests.two_factor import confirmed_app

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    from django.contrib.auth.models import Group, Permission

    consortium = ConsortiumFactory(
        short_name="SILK", slug="silk", requires_coordinator_signoff=True
    )
    member = UserFactory(username="member-silk", email="member@example.org")
    ConsortiumAccessFactory(user=member, consortium=consortium)
    coordinator = UserFactory(username="coordinator-silk", email="coordinator@example.org")
    ConsortiumAccessFactory(user=coordinator, consortium=consortium, role=AccessRole.COORDINATOR)
    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="findings",
            codename__in=["review_finding", "view_finding", "change_finding"],
        )
    )
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(curators)
    confirmed_app(curator)
    return member, coordinator, curator


def test_two_stage_round_trip(live_server, browser, people):
    member, coordinator, curator = people
    base = live_server.url
    title = "Cooperatives grow through peer visits"

    # The member writes and submits: it goes to the coordinator first.
    member_page = browser.new_context().new_page()
    log_in(member_page, base, member)
    member_page.get_by_role("link", name="New finding for SILK").click()
    member_page.get_by_label("Title", exact=True).fill(title)
    member_page.get_by_label("Summary", exact=True).fill("Visits beat webinars.")
    member_page.get_by_role("button", name="Save draft").click()
    expect(
        member_page.get_by_text("It goes to a coordinator of your consortium first")
    ).to_be_visible()
    member_page.get_by_role("button", name="Submit to the coordinator").click()
    expect(member_page.locator(".eyebrow")).to_contain_text("Awaiting the coordinator")

    # The coordinator finds it in their queue and signs it off.
    coordinator_page = browser.new_context().new_page()
    log_in(coordinator_page, base, coordinator)
    coordinator_page.get_by_role(
        "link", name=re.compile("1 submission waits for your sign-off")
    ).click()
    coordinator_page.get_by_role("link", name=title).click()
    expect(coordinator_page.get_by_text("This is the first submission")).to_be_visible()
    coordinator_page.get_by_role("button", name="Sign off and send to the curators").click()
    expect(coordinator_page.get_by_text("Nothing is waiting for your sign-off.")).to_be_visible()

    # The curator publishes from the review queue.
    curator_page = browser.new_context().new_page()
    log_in(curator_page, base, curator, admin=True)
    curator_page.goto(f"{base}/admin/findings/submittedfinding/")
    curator_page.get_by_role("link", name=title).click()
    expect(curator_page.locator(".plp-review ol")).to_contain_text("Signed off by the coordinator")
    curator_page.get_by_role("button", name="Publish…").click()
    curator_page.get_by_role("button", name="Yes, publish it").click()
    expect(curator_page.locator(".messagelist")).to_contain_text("was published")

    # The page appears.
    public_page = browser.new_context().new_page()
    public_page.goto(f"{base}/en/findings/")
    public_page.get_by_role("link", name=title).first.click()
    expect(public_page.locator("h1")).to_have_text(title)
