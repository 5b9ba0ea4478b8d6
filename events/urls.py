"""The ``events`` URL namespace, and the pages of consortia and findings that events serves
because they show event appearances (joined to those namespaces by plp_portal/urls.py, see
consortia/urls.py).

Each page names the kinds of content it shows, so the page cache serves it until one of them
changes (plp_portal.page_tags)."""

from django.urls import path

from consortia.models import Consortium, Membership, Organisation, Person, Programme
from findings.claims import CLAIM_MODELS as CLAIM
from findings.models import SDG, Attachment, Finding, PolicyUptake, Reaction, Source, Theme
from findings.output_models import Output, OutputFile
from plp_portal.page_tags import shows

from . import combined_views, output_views, selectors, trail_views, views
from .feeds import EventsAtomFeed, EventsRssFeed
from .models import (
    Breakout,
    Contribution,
    Event,
    EventScheduleChange,
    KeyPoint,
    OutputLaunch,
    Session,
)

app_name = "events"

# What an event's programme shows: the event, its sessions, who speaks for which consortium,
# the breakouts with their key points, and the findings presented.
PROGRAMME = (
    *(Event, EventScheduleChange, Session, Contribution, Breakout, KeyPoint),
    *(Person, Organisation, Consortium, Programme),
)

# An event's page and report: its programme, and the published outputs launched at it.
LAUNCHED = (*PROGRAMME, Output, OutputLaunch)

urlpatterns = [
    path(
        "",
        shows(
            *(Programme, Consortium, Membership, Organisation, Finding, Theme, SDG, Event),
            Session,  # the latest event shown is the latest with sessions
            changes_at=selectors.next_event_end,
        )(views.home),
        name="home",
    ),
    path(
        "events/",
        shows(Event, EventScheduleChange, changes_at=selectors.next_event_end)(views.event_list),
        name="event_list",
    ),
    path(
        "events/calendar.ics",
        shows(Event, EventScheduleChange, Session)(views.events_calendar),
        name="events_calendar",
    ),
    path(
        "events/feed.atom",
        shows(Event, EventScheduleChange)(EventsAtomFeed()),
        name="event_feed_atom",
    ),
    path(
        "events/feed.rss",
        shows(Event, EventScheduleChange)(EventsRssFeed()),
        name="event_feed_rss",
    ),
    path(
        "events/<slug:slug>/",
        # Past and upcoming events read differently: the page changes when the event ends.
        # And the published outputs launched at it.
        shows(*LAUNCHED, Finding, Theme, changes_at=selectors.next_event_end)(views.event_detail),
        name="event_detail",
    ),
    *(
        path(
            f"events/<slug:slug>/{route}",
            # A report is written once the event has ended.
            shows(*LAUNCHED, Finding, Theme, changes_at=selectors.next_event_end)(view),
            name=name,
        )
        for route, view, name in [
            ("report/", views.event_report, "event_report"),
            ("report.md", views.event_report_markdown, "event_report_markdown"),
            ("report.pdf", views.event_report_pdf, "event_report_pdf"),
        ]
    ),
    path(
        "events/<slug:slug>/calendar.ics",
        shows(Event, EventScheduleChange, Session)(views.event_calendar),
        name="event_calendar",
    ),
]

# Under the consortia namespace.
consortia_urlpatterns = [
    path(
        "consortia/<slug:slug>/",
        shows(*PROGRAMME, Membership, Finding, Theme, SDG)(combined_views.consortium_detail),
        name="consortium_detail",
    ),
    path(
        "people/<slug:slug>/",
        shows(*PROGRAMME, Membership, Theme)(combined_views.person_detail),
        name="person_detail",
    ),
]

# Under the findings namespace.
findings_urlpatterns = [
    path(
        "themes/<slug:slug>/",
        shows(*PROGRAMME, Finding, Theme, SDG)(combined_views.theme_detail),
        name="theme_detail",
    ),
    path(
        "findings/<slug:slug>/",
        shows(
            *PROGRAMME,
            Finding,
            Source,
            Attachment,
            Theme,
            SDG,
            *CLAIM,
            Reaction,
            PolicyUptake,
            Output,
        )(combined_views.finding_detail),
        name="finding_detail",
    ),
    path(
        "findings/<slug:slug>/trail/",
        shows(*PROGRAMME, Finding, Source, Attachment, PolicyUptake, Output)(
            trail_views.finding_trail_page
        ),
        name="finding_trail",
    ),
    path(
        "outputs/<slug:slug>/",
        shows(
            Output,
            OutputFile,
            OutputLaunch,
            Event,
            Session,
            Finding,
            Consortium,
            Person,
            Organisation,
        )(output_views.output_detail),
        name="output_detail",
    ),
]
