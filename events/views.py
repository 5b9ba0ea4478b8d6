from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import selectors
from .calendar import calendar_for
from .models import Event

ICALENDAR = "text/calendar; charset=utf-8"


def home(request):
    return render(request, "home.html", selectors.home_page())


def event_list(request):
    now = timezone.now()
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming_events": selectors.upcoming_events(now),
            "past_events": selectors.past_events(now),
        },
    )


def event_detail(request, slug):
    try:
        event = selectors.event_programme(slug)
    except Event.DoesNotExist:
        raise Http404("No published event with this address.") from None
    return render(request, "events/event_detail.html", {"event": event})


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
    """Every published event, to subscribe to."""
    events = selectors.published_events().prefetch_related("sessions").order_by("starts_at")
    return _calendar_response(request, events, "events.ics")
