"""An event's page lists the published outputs launched at it (events.OutputLaunch): their
type, title, consortium and the session, and never an output that is not published."""

import re

import pytest
from django.core.cache import cache

from events.models import OutputLaunch
from findings.enums import FindingStatus
from findings.output_enums import OutputType
from tests.factories import (
    ConsortiumFactory,
    EventFactory,
    OutputFactory,
    PublishedOutputFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = [
    FindingStatus.DRAFT,
    FindingStatus.AWAITING_SIGNOFF,
    FindingStatus.SUBMITTED,
    FindingStatus.CHANGES_REQUESTED,
    FindingStatus.REJECTED,
    FindingStatus.WITHDRAWN,
]


@pytest.fixture(autouse=True)
def rendered_pages(settings):
    settings.PLP_PAGE_CACHE = False
    cache.clear()


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def launched_section(html: str) -> str:
    match = re.search(
        r'<section aria-labelledby="launched-outputs-title">(.*?)</section>', html, re.S
    )
    return match.group(1) if match else ""


@pytest.fixture
def event():
    return EventFactory(slug="plp-2022", title="PLP meeting")


@pytest.fixture
def silk(db):
    return ConsortiumFactory(short_name="SILK", slug="silk")


def test_event_page_lists_the_published_outputs_launched_there(client, event, silk):
    panel = SessionFactory(event=event, title="Launch panel", position=2)
    paper = PublishedOutputFactory(
        consortium=silk, slug="paper", title="Social value", output_type=OutputType.WHITE_PAPER
    )
    atlas = PublishedOutputFactory(
        consortium=silk, slug="atlas", title="Atlas of hubs", output_type=OutputType.DATASET
    )
    OutputLaunch.objects.create(output=paper, event=event, session=panel)
    OutputLaunch.objects.create(output=atlas, event=event)

    html = client.get(event.get_absolute_url()).content.decode()
    section = launched_section(html)

    assert text_of(section) == (
        "Outputs launched at this event "
        "Dataset: Atlas of hubs , SILK "
        "White paper: Social value , SILK , launched in the session Launch panel"
    )
    assert '<a href="/en/outputs/atlas/" lang="en">Atlas of hubs</a>' in section
    assert '<a href="/en/outputs/paper/" lang="en">Social value</a>' in section
    assert f'href="{silk.get_absolute_url()}"' in section
    assert 'href="#session-2"' in section


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_event_page_never_lists_an_output_not_published(client, event, silk, status):
    hidden = OutputFactory(consortium=silk, slug="hidden", title="Zqhidden", status=status)
    OutputLaunch.objects.create(output=hidden, event=event)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Zqhidden" not in html
    assert "Outputs launched at this event" not in html


def test_event_page_without_launches_has_no_outputs_section(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    assert launched_section(html) == ""


def test_an_output_launched_at_another_event_is_not_listed(client, event, silk):
    other = EventFactory(slug="plp-2023", title="Other meeting")
    OutputLaunch.objects.create(
        output=PublishedOutputFactory(consortium=silk, title="Elsewhere"), event=other
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Elsewhere" not in html


def test_event_page_reads_the_launches_in_one_query_however_many(
    client, event, silk, django_assert_max_num_queries
):
    for _ in range(2):
        OutputLaunch.objects.create(
            output=PublishedOutputFactory(consortium=silk),
            event=event,
            session=SessionFactory(event=event),
        )
    cache.clear()
    with django_assert_max_num_queries(11) as few:
        client.get(event.get_absolute_url())
    for _ in range(20):
        OutputLaunch.objects.create(
            output=PublishedOutputFactory(consortium=silk),
            event=event,
            session=SessionFactory(event=event),
        )
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        response = client.get(event.get_absolute_url())
    assert len(response.context["programme"].launched_outputs) == 22
    assert len(few) <= 11  # tests/public/test_query_budgets.py's cold budget


def test_event_page_shows_a_newly_launched_output_at_once(
    client, event, silk, settings, django_capture_on_commit_callbacks
):
    settings.PLP_PAGE_CACHE = True
    assert "Outputs launched" not in client.get(event.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        OutputLaunch.objects.create(
            output=PublishedOutputFactory(consortium=silk, title="Fresh report"), event=event
        )
    assert "Fresh report" in client.get(event.get_absolute_url()).content.decode()
