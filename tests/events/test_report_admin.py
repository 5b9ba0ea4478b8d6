"""Curators write a report's introduction and conclusions in the event's admin, per language."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events.models import Event
from tests.site.admin_forms import change_form_data
from tests.two_factor import force_login_confirmed

DEMO_EVENT = "mainstreaming-the-sse-2021"


@pytest.mark.django_db
def test_curator_writes_the_report_texts_in_each_language(client, demo, settings):
    settings.PLP_PAGE_CACHE = False
    force_login_confirmed(client, get_user_model().objects.get(username="curator"))
    event = Event.objects.get(slug=DEMO_EVENT)
    url = reverse("admin:events_event_change", args=[event.pk])
    page = client.get(url)

    response = client.post(
        url,
        change_form_data(
            page,
            report_introduction_en="An introduction the curator wrote.",
            report_introduction_fr="Une introduction écrite par la curatrice.",
            report_conclusions_en="Conclusions the curator wrote.",
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.report_introduction_en, event.report_introduction_fr) == (
        "An introduction the curator wrote.",
        "Une introduction écrite par la curatrice.",
    )
    report = reverse("events:event_report", args=[DEMO_EVENT])
    english = client.get(report).content.decode()
    french = client.get(report.replace("/en/", "/fr/", 1)).content.decode()
    assert "An introduction the curator wrote." in english
    assert "Conclusions the curator wrote." in english
    assert "Une introduction écrite par la curatrice." in french


@pytest.mark.django_db
def test_a_member_cannot_open_the_events_admin(client, demo):
    client.force_login(get_user_model().objects.get(username="member-silk"))
    event = Event.objects.get(slug=DEMO_EVENT)

    response = client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
