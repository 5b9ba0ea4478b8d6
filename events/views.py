from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from plp_portal.content_changes import cached
from plp_portal.content_signals import kind_tag
from plp_portal.fragments import page_fragment
from plp_portal.pagination import BoundedPaginator

from . import selectors
from .calendar import calendar_for
from .charts import home_charts
from .models import Event, EventScheduleChange, Session

ICALENDAR = "text/calendar; charset=utf-8"
PAST_EVENTS_PER_PAGE = 20
UPCOMING_LIMIT = 50
CALENDAR_TAGS = [kind_tag(Event), kind_tag(EventScheduleChange), kind_tag(Session)]


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
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "programme": SimpleLazyObject(lambda: selectors.event_programme(slug)),
            "fragment": page_fragment(request, event.pk),
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
