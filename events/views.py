from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import selectors
from .models import Event


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
