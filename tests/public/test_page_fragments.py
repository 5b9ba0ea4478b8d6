"""Pages whose content is a cached fragment (home, event, finding) show a change at once, and
the home page's events move on when an event ends, with the page cache off."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import EventFactory, PublishedFindingFactory, SessionFactory


@pytest.fixture(autouse=True)
def fragments_only(settings):
    settings.PLP_PAGE_CACHE = False


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1)


def test_finding_page_shows_a_changed_finding_at_once(
    client, db, django_capture_on_commit_callbacks
):
    finding = PublishedFindingFactory(title="Before")
    assert heading(client.get(finding.get_absolute_url())) == "Before"

    with django_capture_on_commit_callbacks(execute=True):
        finding.title = "After"
        finding.save()

    assert heading(client.get(finding.get_absolute_url())) == "After"


def test_event_page_shows_a_new_session_at_once(client, db, django_capture_on_commit_callbacks):
    event = EventFactory(has_programme=True)
    SessionFactory(event=event, title="Opening")
    assert "Opening" in client.get(event.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        SessionFactory(event=event, title="Closing plenary")

    page = client.get(event.get_absolute_url()).content.decode()
    assert re.findall(r'<h3 class="session__title">(.*?)</h3>', page) == [
        "Opening",
        "Closing plenary",
    ]


def test_home_page_moves_an_event_to_past_when_it_ends(client, db, monkeypatch):
    now = timezone.now()
    event = EventFactory(title="Soon over", starts_at=now - dt.timedelta(hours=1),
                         ends_at=now + dt.timedelta(hours=1))  # fmt: skip
    SessionFactory(event=event, position=1)
    before = client.get("/en/").content.decode()
    assert "No past event has a published programme yet." in before
    assert "No upcoming event is announced." not in before

    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=2))
    after = client.get("/en/").content.decode()

    assert "No upcoming event is announced." in after
    assert "No past event has a published programme yet." not in after
    assert "Soon over" in after


def card_titles(response) -> list[str]:
    page = response.content.decode()
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">(.*?)</a></h3>', page)


def test_findings_list_shows_a_newly_published_finding_at_once(
    client, db, django_capture_on_commit_callbacks
):
    PublishedFindingFactory(title="Older", published_at=timezone.now() - dt.timedelta(days=2))
    assert card_titles(client.get("/en/findings/")) == ["Older"]

    with django_capture_on_commit_callbacks(execute=True):
        PublishedFindingFactory(title="Newer", published_at=timezone.now())

    assert card_titles(client.get("/en/findings/")) == ["Newer", "Older"]


def test_findings_list_keeps_one_fragment_per_address(client, db):
    PublishedFindingFactory(title="Housing co-operatives")
    PublishedFindingFactory(title="Social procurement")

    by_title = client.get("/en/findings/?sort=title")
    searched = client.get("/en/findings/?q=procurement")

    assert card_titles(by_title) == ["Housing co-operatives", "Social procurement"]
    assert card_titles(searched) == ["Social procurement"]
    assert card_titles(client.get("/en/findings/?sort=title")) == card_titles(by_title)
