"""The ``events`` URL namespace, and the pages of consortia and findings that events serves
because they show event appearances (joined to those namespaces by plp_portal/urls.py, see
consortia/urls.py)."""

from django.urls import path

from . import combined_views, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="event_list"),
    path("events/calendar.ics", views.events_calendar, name="events_calendar"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
]

# Under the consortia namespace.
consortia_urlpatterns = [
    path("consortia/<slug:slug>/", combined_views.consortium_detail, name="consortium_detail"),
    path("people/<slug:slug>/", combined_views.person_detail, name="person_detail"),
]

# Under the findings namespace.
findings_urlpatterns = [
    path("themes/<slug:slug>/", combined_views.theme_detail, name="theme_detail"),
    path("findings/<slug:slug>/", combined_views.finding_detail, name="finding_detail"),
]
