import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from consortia.enums import MembershipRole
from tests.factories import (
    ConsortiumFactory,
    EventFactory,
    FindingFactory,
    MembershipFactory,
    OrganisationFactory,
    PublishedFindingFactory,
    SessionFactory,
    UserFactory,
)


def test_home_shows_headline_figures_latest_findings_and_events(client, db):
    first, second = ConsortiumFactory(), ConsortiumFactory()
    MembershipFactory(consortium=first, role=MembershipRole.LEAD,
                      organisation=OrganisationFactory(country="ES"))  # fmt: skip
    MembershipFactory(consortium=second, organisation=OrganisationFactory(country="FR"))
    MembershipFactory(consortium=second, organisation=OrganisationFactory(country="FR"))
    OrganisationFactory(country="BR")  # in no consortium: not counted
    PublishedFindingFactory(title="Newest", consortium=first)
    FindingFactory(title="Draft", consortium=first)
    now = timezone.now()
    EventFactory(title="Coming", starts_at=now + dt.timedelta(days=9),
                 ends_at=now + dt.timedelta(days=9, hours=3))  # fmt: skip
    done = EventFactory(title="Done", starts_at=now - dt.timedelta(days=400),
                        ends_at=now - dt.timedelta(days=400, hours=-3))  # fmt: skip
    SessionFactory(event=done, position=1)
    # Later, but known by its dates only (no programme): not the event the home page shows.
    EventFactory(
        title="Announced only",
        has_programme=False,
        starts_at=now - dt.timedelta(days=30),
        ends_at=now - dt.timedelta(days=29),
    )
    EventFactory(title="Hidden draft", status="draft")

    response = client.get("/en/")

    figures = response.context["figures"]
    assert (figures.consortia, figures.organisations, figures.countries) == (2, 3, 2)
    assert (figures.published_findings, figures.events) == (1, 3)
    assert [f.title for f in response.context["latest_findings"]] == ["Newest"]
    assert response.context["next_event"].title == "Coming"
    assert response.context["recent_event"].title == "Done"
    assert b"Hidden draft" not in response.content


def test_base_layout_has_skip_link_landmarks_and_main_navigation(client, db):
    html = client.get("/en/").content.decode()

    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main" class="wrap" tabindex="-1">' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<li><a href="/en/" aria-current="page">Home</a></li>' in html
    for label, url in [("Consortia", "/en/consortia/"), ("Events", "/en/events/"),
                       ("Themes", "/en/themes/"), ("Findings", "/en/findings/")]:  # fmt: skip
        assert f'<li><a href="{url}">{label}</a></li>' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_base_layout_offers_log_in_to_visitors(client, db):
    html = client.get("/en/").content.decode()

    assert '<a href="/en/accounts/login/">Log in</a>' in html
    assert "My workspace" not in html


def test_base_layout_offers_workspace_and_log_out_to_members(client, db):
    client.force_login(UserFactory())

    html = client.get("/en/").content.decode()

    assert '<a href="/en/me/">My workspace</a>' in html
    assert '<form method="post" action="/en/accounts/logout/" class="inline-form">' in html


def test_unknown_page_answers_a_friendly_404(client, db):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "<h1>We can’t find that page</h1>" in response.content.decode()


def test_server_error_page_renders_without_a_database(db):
    response = server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/en/findings/", "Findings"),
        ("/en/sdgs/8/", "Findings"),
        ("/en/events/", "Events"),
        ("/en/themes/", "Themes"),
        ("/en/consortia/", "Consortia"),
    ],
)
@pytest.mark.django_db
def test_main_navigation_marks_the_current_section(client, path, current):
    html = client.get(path).content.decode()

    marked = re.findall(r'aria-current="page">([^<]+)</a></li>', html.split("</nav>")[0])
    assert marked == [current]


@pytest.mark.django_db
def test_members_workspace_marks_no_public_section(client, member_a):
    client.force_login(member_a)

    html = client.get("/en/me/findings/new/").content.decode()

    assert 'aria-current="page">Findings</a>' not in html


def test_home_tells_reported_figures_from_the_records_counted(client, demo):
    html = client.get("/en/").content.decode()

    assert "Reported by the programme: 136 partners from 30 countries." in html
    assert '<h2 id="figures-title" class="subhead">In this portal</h2>' in html
    assert "<div><dt>Organisations listed</dt><dd>30</dd></div>" in html
    assert "<div><dt>Their countries</dt><dd>14</dd></div>" in html


def test_home_shows_the_latest_event_with_a_programme_not_a_later_one_known_by_dates(client, demo):
    html = client.get("/en/").content.decode()
    events = html[html.index('<aside class="home-events"') :]

    assert '<h3 class="subhead">Latest event with a programme</h3>' in events
    assert "Mainstreaming the Social and Solidarity Economy" in events
    assert "Global Action Final Conference" not in events


def test_consortium_cards_end_topics_at_a_sentence_and_count_the_records_listed(client, db):
    consortium = ConsortiumFactory(
        short_name="Long",
        topic=" ".join(["A first sentence of nine words that says something."] * 5)
        + " The consortium reported 26 organisations from 13 countries.",
    )
    MembershipFactory(consortium=consortium, role=MembershipRole.LEAD)

    html = client.get("/en/consortia/").content.decode()

    first = "A first sentence of nine words that says something."
    assert (
        f'<p>{" ".join([first] * 5)} <a href="{consortium.get_absolute_url()}">Read more'
        '<span class="visually-hidden"> about Long</span></a></p>'
    ) in html
    assert "<div><dt>Organisations listed in this portal</dt><dd>1</dd></div>" in html
