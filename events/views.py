import hashlib

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from consortia.models import Consortium, Organisation, Person, Programme
from findings.models import Finding, Theme
from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag
from plp_portal.fragments import page_fragment
from plp_portal.pagination import BoundedPaginator

from . import linked_data, selectors
from .calendar import calendar_for
from .charts import home_charts
from .models import Breakout, Contribution, Event, EventScheduleChange, KeyPoint, Session
from .report import Report, build_report, has_report
from .report_markdown import render_markdown_report

ICALENDAR = "text/calendar; charset=utf-8"
PAST_EVENTS_PER_PAGE = 20
UPCOMING_LIMIT = 50
CALENDAR_TAGS = [kind_tag(Event), kind_tag(EventScheduleChange), kind_tag(Session)]
MARKDOWN = "text/markdown; charset=utf-8"
PDF = "application/pdf"
# Everything a report is written from: a change to any of it retires the cached PDF.
REPORT_KINDS = (
    *(Event, EventScheduleChange, Session, Contribution, Breakout, KeyPoint),
    *(Person, Organisation, Consortium, Programme, Finding, Theme),
)
REPORT_TAGS = [kind_tag(kind) for kind in REPORT_KINDS]
# An unused PDF leaves the cache after a week; a change to its content retires it at once.
REPORT_PDF_SECONDS = 7 * 24 * 3600


def home(request):
    context = selectors.home_page()
    return render(
        request,
        "home.html",
        {**context, "charts": home_charts(), "fragment": page_fragment(request)},
    )


def event_list(request):
    """Upcoming events (the first UPCOMING_LIMIT), then past events a page at a time."""
    now = timezone.now()
    paginator = BoundedPaginator(selectors.past_events(now), PAST_EVENTS_PER_PAGE)
    try:
        past_page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of past events.") from None
    # Read only to render the list's cached fragment (the count above answers bad pages).
    upcoming = SimpleLazyObject(lambda: list(selectors.upcoming_events(now)[: UPCOMING_LIMIT + 1]))
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming_events": SimpleLazyObject(
                lambda: upcoming[:UPCOMING_LIMIT] if past_page.number == 1 else []
            ),
            "more_upcoming": SimpleLazyObject(lambda: len(upcoming) > UPCOMING_LIMIT),
            "past_events": past_page.object_list,
            "page_obj": past_page,
            "paginator": paginator,
        },
    )


def event_detail(request, slug):
    """The event alone is read for every request (its title, and a 404 for a draft); the
    programme only when its cached fragment is stale."""
    try:
        event = selectors.published_events().get(slug=slug)
    except Event.DoesNotExist:
        raise Http404("No published event with this address.") from None
    programme = SimpleLazyObject(lambda: selectors.event_programme(slug))
    fragment = page_fragment(request, event.pk)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "programme": programme,
            "fragment": fragment,
            # Read with the programme, and cached beside it: its addresses name the host.
            "linked_data": SimpleLazyObject(
                lambda: linked_data.event_document(programme, request.build_absolute_uri)
            ),
            "linked_data_vary": f"{fragment.vary}:{request.build_absolute_uri('/')}",
        },
    )


def _calendar_response(request, events, filename: str) -> HttpResponse:
    body = calendar_for(
        events, url_for=lambda event: request.build_absolute_uri(event.get_absolute_url())
    )
    response = HttpResponse(body, content_type=ICALENDAR)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_calendar(request, slug):
    """One published event as an .ics file."""
    event = get_object_or_404(selectors.published_events().prefetch_related("sessions"), slug=slug)
    return _calendar_response(request, [event], f"{event.slug}.ics")


def events_calendar(request):
    """The published events to subscribe to: upcoming ones and those of the last years.

    Cached until an event or a session changes (building the file costs some ten milliseconds
    an event), and for an hour at most, as the window of past years moves on."""
    # Per language too: titles and the schedule notices are written in the reader's.
    body = cached(
        f"events.calendar:{request.build_absolute_uri('/')}:{get_language()}",
        CALENDAR_TAGS,
        lambda: calendar_for(
            selectors.calendar_events(),
            url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        ),
        timeout=3600,
    )
    response = HttpResponse(body, content_type=ICALENDAR)
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


def _event_report(slug: str) -> Report:
    """The report of a published event that has ended and has a programme; 404 otherwise."""
    try:
        event = selectors.event_programme(slug)
    except Event.DoesNotExist:
        raise Http404("No published event with this address.") from None
    if not has_report(event):
        raise Http404("This event has no report: it has not ended, or has no programme.")
    return build_report(event, selectors.next_milestones(event))


def _download(body, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def event_report(request, slug):
    report = _event_report(slug)
    return render(request, "events/event_report.html", {"report": report, "event": report.event})


def event_report_markdown(request, slug):
    report = _event_report(slug)
    body = render_markdown_report(report, base=request.build_absolute_uri("/"))
    return _download(body, content_type=MARKDOWN, filename=f"{slug}-report.md")


def event_report_pdf(request, slug):
    """The report as PDF, made once per event, language, site address and content version
    (some hundreds of milliseconds), then served from the cache."""
    # Imported on first use: WeasyPrint loads Pango, which no other page needs.
    from .report_pdf import render_pdf_report

    base = request.build_absolute_uri("/")
    # The report's wording changes by itself when an event ends (its own, or a milestone's).
    next_change = selectors.next_event_end()
    varies = hashlib.blake2s(f"{base}|{next_change}".encode(), digest_size=10).hexdigest()
    key = f"events.report-pdf:{slug}:{get_language()}:{varies}"
    body = cached(
        key,
        REPORT_TAGS,
        lambda: render_pdf_report(_event_report(slug), base=base, request=request),
        timeout=REPORT_PDF_SECONDS,
    )
    return _download(body, content_type=PDF, filename=f"{slug}-report.pdf")
