"""What a new visitor, member and curator stumbled on, seen in Chromium at 360 px and desktop:
each page fits its window, with screenshots in tests/artifacts/."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from events.models import Event
from findings import services
from tests.browser.conftest import DESKTOP
from tests.factories import FindingFactory, PublishedFindingFactory
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 800}
WIDTHS = [("360", NARROW), ("desktop", DESKTOP)]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize(("width_name", "viewport"), WIDTHS)
def test_a_long_word_in_a_search_or_a_title_wraps_inside_the_window(
    live_server, transactional_db, browser, artifacts, width_name, viewport
):
    word = "x" * 199
    PublishedFindingFactory(title=f"A title with {word}", summary=f"A summary with {word}.")
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/en/findings/?q={word}")

    expect(page.locator(".results__count")).to_have_text(f"1 finding for “{word}”")
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-search-long-word-{width_name}.png", full_page=True)

    page.goto(f"{live_server.url}/en/findings/?q={'y' * 4000}")
    expect(page.get_by_role("alert")).to_contain_text("Search for at most 200 characters")
    assert page_width(page) == viewport["width"]
    context.close()


@pytest.mark.parametrize(("width_name", "viewport"), WIDTHS)
def test_review_page_and_its_confirmation_fit_the_window(
    live_server, transactional_db, browser, artifacts, width_name, viewport, curator, member_a
):
    finding = FindingFactory(consortium=member_a.consortium_accesses.get().consortium)
    services.finding_submit(finding=finding, user=member_a)
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    signed_in_as_staff(context, live_server, curator)
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/findings/submittedfinding/{finding.pk}/change/")
    page.get_by_label("Comment to the members").fill("Please name your sources.")
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-review-{width_name}.png", full_page=True)
    page.get_by_role("button", name="Reject…").click()

    expect(page.locator("h1")).to_have_text(f"Reject “{finding.title}”?")
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-review-confirm-{width_name}.png", full_page=True)
    page.get_by_role("button", name="Go back (keeps your comment)").click()
    expect(page.get_by_label("Comment to the members")).to_have_value("Please name your sources.")
    finding.refresh_from_db()
    assert finding.status == "submitted"
    context.close()


@pytest.mark.parametrize(("width_name", "viewport"), WIDTHS)
def test_admin_event_page_fits_the_window_without_a_clock_note_per_time(
    live_server, transactional_db, demo, browser, artifacts, width_name, viewport, curator
):
    event = Event.objects.get(slug="mainstreaming-the-sse-2021")
    context = browser.new_context(viewport=viewport)
    signed_in_as_staff(context, live_server, curator)
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")

    expect(page.locator("#sessions-group")).to_be_visible()
    expect(page.locator(".timezonewarning")).to_have_count(0)
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-admin-event-{width_name}.png", full_page=True)
    context.close()


def signed_in_as_staff(context, live_server, user):
    """A session whose second step is confirmed, as the sign-in pages leave it."""
    client = force_login_confirmed(Client(), user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize(("width_name", "viewport"), WIDTHS)
def test_finding_form_sums_up_errors_at_the_top_and_keeps_the_chosen_file(
    live_server, transactional_db, browser, artifacts, width_name, viewport, member_a, tmp_path
):
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    client = Client()
    client.force_login(member_a)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/me/findings/new/")
    expect(page.locator("select[name=countries]")).to_have_count(0)
    page.get_by_label("Add countries").fill("Spain, Atlantis")
    page.locator("#id_attachments-0-file").set_input_files(report)
    page.get_by_role("button", name="Save draft").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(page.locator(".pending-uploads")).to_contain_text("report.pdf")
    assert page_width(page) == viewport["width"]
    page.screenshot(path=artifacts / f"rough-finding-form-errors-{width_name}.png", full_page=True)
    summary.get_by_role("link", name="Title: This field is required.").click()
    expect(page).to_have_url(f"{live_server.url}/en/me/findings/new/#id_title")

    page.get_by_label("Title", exact=True).fill("Kept files")
    page.get_by_label("Summary", exact=True).fill("A file survives an error.")
    page.get_by_label("Add countries").fill("Spain")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kept files")
    expect(page.get_by_role("main")).to_contain_text("report.pdf")
    context.close()
