"""An event's detail is serialised once per change, not once per reader: whatever its
programme shows (a speaker's name, an organisation, a linked finding) shows changed at once."""

import pytest

from events.models import OutputLaunch
from findings.enums import FindingStatus
from tests.factories import (
    BreakoutFactory,
    ContributionFactory,
    EventFactory,
    OutputFactory,
    PublishedFindingFactory,
    SessionFactory,
)


@pytest.fixture(autouse=True)
def representation_only(settings):
    settings.PLP_PAGE_CACHE = False  # the detail's own cache, not the page cache


def programme(api, event):
    return api.get(f"/api/v1/events/{event.slug}/").json()["sessions"]


def test_a_renamed_speaker_and_affiliation_show_at_once(
    api, db, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(person__given_name="Ana", person__affiliation__name="Coop")
    event = contribution.session.event
    [before] = programme(api, event)
    speaker = before["contributions"][0]["person"]
    assert (speaker["given_name"], speaker["affiliation"]["name"]) == ("Ana", "Coop")

    with django_capture_on_commit_callbacks(execute=True):
        contribution.person.given_name = "Ana María"
        contribution.person.save()
        contribution.person.affiliation.name = "Coop Network"
        contribution.person.affiliation.save()

    [after] = programme(api, event)
    speaker = after["contributions"][0]["person"]
    assert (speaker["given_name"], speaker["affiliation"]["name"]) == ("Ana María", "Coop Network")


def test_a_withdrawn_finding_leaves_the_programme_at_once(
    api, db, django_capture_on_commit_callbacks
):
    finding = PublishedFindingFactory(slug="linked")
    breakout = BreakoutFactory(session=SessionFactory())
    breakout.findings.add(finding)
    event = breakout.session.event
    [before] = programme(api, event)
    assert before["breakouts"][0]["findings"] == ["linked"]

    with django_capture_on_commit_callbacks(execute=True):
        finding.status = FindingStatus.WITHDRAWN
        finding.save()

    [after] = programme(api, event)
    assert after["breakouts"][0]["findings"] == []


def test_an_output_published_or_launched_after_caching_shows_at_once(
    api, db, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="plp-2022")
    report = OutputFactory(slug="report", title="Report")  # a draft
    OutputLaunch.objects.create(output=report, event=event)

    def launched():
        return [o["slug"] for o in api.get("/api/v1/events/plp-2022/").json()["launched_outputs"]]

    assert launched() == []

    with django_capture_on_commit_callbacks(execute=True):
        report.status = FindingStatus.PUBLISHED
        report.save()
    assert launched() == ["report"]

    with django_capture_on_commit_callbacks(execute=True):
        OutputLaunch.objects.create(
            output=OutputFactory(slug="atlas", title="Atlas", status=FindingStatus.PUBLISHED),
            event=event,
        )
    assert launched() == ["atlas", "report"]
