"""The demo reproduces the real 2021 programme, completely and idempotently."""

import io
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from consortia.models import Consortium, ConsortiumAccess, Membership
from events.demo.programme import PUBLISHED_AT
from events.models import Breakout, Contribution, Event, KeyPoint, Session
from findings.models import Finding, Theme

FINAL_EVENT = "mainstreaming-the-sse-2021"


def final_event():
    return Event.objects.get(slug=FINAL_EVENT)


def agenda(person):
    """The name as the event's agenda (and ../shared/domain.md) prints it: family name in
    capitals. The portal prints names as written; the agenda's form checks the spelling."""
    return f"{person.given_name} {person.family_name.upper()}" if person else None


@pytest.mark.django_db
def test_demo_has_the_six_consortia_with_their_leads(demo):
    leads = {
        m.consortium.short_name: m.organisation.name
        for m in Membership.objects.filter(role="lead").select_related("consortium", "organisation")
    }

    assert leads == {
        "SILK": "DIESIS Network",
        "ImpactHub consortium": "Impact Hub",
        "PL4SE-PLP": "Confederación Empresarial Española de la Economía Social",
        "SIM": "French Impact",
        "Social Value consortium": "Social Value US",
        "Respond, Rebuild and Reinvent": "UpSocial",
    }


@pytest.mark.django_db
def test_demo_lists_the_partners_the_public_facts_name_and_no_other(demo):
    def members(slug):
        rows = Membership.objects.filter(consortium__slug=slug, role="partner").values_list(
            "organisation__acronym", "organisation__name"
        )
        return sorted(acronym or name for acronym, name in rows)

    assert members("pl4se-plp") == [
        "AIM",
        "Belgian ministry",
        "Brazilian ministry",
        "CIRIEC",
        "Canadian ministry",
        "GSEF",
        "ICA",
        "ILO",
        "Italian ministry",
        "Korean ministry",
        "Mexican ministry",
        "Spanish ministry",
    ]
    assert members("respond-rebuild-reinvent") == [
        "Ashoka",
        "City of Belo Horizonte",
        "City of Bilbao",
        "City of Dublin",
        "City of Guadalajara",
        "City of Montreal",
        "City of Rotterdam",
        "City of San Francisco",
        "City of Turin",
        "City of Warsaw",
        "Eurocities",
        "Metropolis",
    ]
    for slug in ("silk", "impact-hub", "sim", "social-value"):
        assert members(slug) == []


@pytest.mark.django_db
def test_demo_event_date_and_zone(demo):
    event = final_event()
    paris = zoneinfo.ZoneInfo("Europe/Paris")

    assert event.title == (
        "Mainstreaming the Social and Solidarity Economy: "
        "Perspectives from the Peer-learning Partnerships"
    )
    assert event.starts_at.astimezone(paris).strftime("%Y-%m-%d %H:%M") == "2021-12-02 13:00"
    assert event.ends_at.astimezone(paris).strftime("%H:%M %Z") == "15:30 CET"
    assert (event.time_zone, event.format, event.status) == ("Europe/Paris", "online", "published")
    # "Over 200" and "some 25" are approximations: said in words, never stored as counts.
    assert (event.participant_count, event.contributor_count) == (None, None)
    assert "Over 200 participants and some 25 contributors took part." in event.description


@pytest.mark.django_db
def test_demo_programme_in_order_with_every_speaker_and_role(demo):
    sessions = Session.objects.filter(event=final_event()).order_by("position")

    programme = [
        (
            s.kind,
            s.title,
            agenda(s.moderator),
            [
                (agenda(c.person), c.consortium.short_name if c.consortium else None)
                for c in s.contributions.order_by("position")
            ],
        )
        for s in sessions
    ]

    assert programme == [
        (
            "opening",
            "Opening remarks",
            None,
            [("Karen MAGUIRE", None), ("Stefan SCHLEUNING", None)],
        ),
        (
            "panel",
            "Session 1: What did we learn from the Peer-learning Partnerships?",
            "Max BULAKOVSKIY",
            [
                ("Gianluca PASTORELLI", "SILK"),
                ("Mariana NUNES", "ImpactHub consortium"),
                ("Carlos LOZANO", "PL4SE-PLP"),
                ("Ingo MICHELFELDER", "SIM"),
                ("Ben CARPENTER", "Social Value consortium"),
                ("Assiri VALDES QUEROL", "Respond, Rebuild and Reinvent"),
            ],
        ),
        ("breakouts", "Session 2: Peer-learning Partnerships Breakout Discussions", None, []),
        ("closing", "Closing remarks", None, [("Antonella NOYA", None)]),
    ]


@pytest.mark.django_db
def test_demo_speakers_positions_as_announced(demo):
    speakers = {
        agenda(c.person): (c.person.position, str(c.person.affiliation))
        for c in Contribution.objects.filter(kind="remarks").select_related("person__affiliation")
    }

    assert speakers["Karen MAGUIRE"] == (
        "Head of the Local Employment, Skills and Social Innovation (LESI) Division",
        "Organisation for Economic Co-operation and Development (OECD)",
    )
    assert speakers["Stefan SCHLEUNING"] == (
        "Head of Unit, Industrialised countries and foreign policy support",
        "EU Service for Foreign Policy Instruments (FPI)",
    )
    assert speakers["Antonella NOYA"][1] == (
        "Organisation for Economic Co-operation and Development (OECD)"
    )


@pytest.mark.django_db
def test_demo_breakouts_with_theme_rapporteur_and_key_points(demo):
    breakouts = Breakout.objects.filter(session__event=final_event()).order_by("position")

    summary = [
        (b.title, b.theme.slug, agenda(b.rapporteur), b.key_points.count()) for b in breakouts
    ]

    assert summary == [
        (
            "Building Better Enabling Ecosystems",
            "building-better-enabling-ecosystems",
            "Alexander KESSELRING",
            4,
        ),
        (
            "Connecting the SSE in the EU and Globally",
            "connecting-the-sse-in-the-eu-and-globally",
            "Aneta QURAI SHY",
            4,
        ),
        (
            "Raising SSE Visibility and its Impact",
            "raising-sse-visibility-and-its-impact",
            "John SHERMAN",
            5,
        ),
    ]
    first_points = [p.text for p in breakouts[0].key_points.order_by("position")]
    assert first_points[0].startswith("Legal frameworks and policy initiatives can influence")
    assert first_points[3].startswith("Cross-sector alliances can answer societal challenges")


# What ../shared/domain.md says was said, in the words that carry its meaning: the modal verbs,
# the hedges, who does what, and the lists. Each breakout's key points, in order.
SAID_AT_THE_BREAKOUTS = {
    "Building Better Enabling Ecosystems": [
        ["can influence each other in a virtuous loop", "national, regional and local levels",
         "co-construct", "each recognising the others' functions and roles"],
        ["hosted or enabled by city administrations", "could be included",
         "national strategies, policies and legal frameworks",
         "diversity, challenges and support needs"],
        ["concentrate in major cities", "national policies, legal forms and funds",
         "promotion, guidance and monitoring"],
        ["can answer societal challenges with social innovation", "still lack",
         "recognition and visibility", "support that exists for SMEs"],
    ],
    "Connecting the SSE in the EU and Globally": [
        ["is happening and will continue", "ongoing, consolidated support",
         "intergovernmental organisations (the OECD, the EU, the UN family)", "governments"],
        ["environmental and social challenges", "should be at the negotiating table"],
        ["Intermediaries matter", "access to actors and tools"],
        ["Recognising and fostering female principles", "collaboration, a culture of listening",
         "bottom-up approaches, flexibility", "adapt to local needs",
         "tell stories that open new opportunities"],
    ],
    "Raising SSE Visibility and its Impact": [
        ["policy makers and agencies, national and subnational",
         "SSE, emerging and conventional market actors (SMEs included)",
         "for planning and for assessing non-financial impact"],
        ["mostly harmonised but differing in specificity and audience",
         "Rather than one recommended approach", "meaningful stakeholder engagement"],
        ["required by the SDGs and the SDG Impact Standards", "Common Approach",
         "apply to the SSE too"],
        ["Governments could use public policy", "help actors apply impact standards",
         "(Spain, Mexico, Slovenia, Korea)", "already do so or plan to"],
        ["(government, SSE and market actors, employees, community)",
         "need building and strengthening"],
    ],
}  # fmt: skip


@pytest.mark.django_db
def test_demo_key_points_say_what_was_said_with_its_modal_verbs_hedges_and_lists(demo):
    for breakout in Breakout.objects.filter(session__event=final_event()):
        points = list(breakout.key_points.order_by("position").values_list("text", flat=True))
        said = SAID_AT_THE_BREAKOUTS[breakout.title]
        assert len(points) == len(said), breakout.title
        for text, phrases in zip(points, said, strict=True):
            assert [phrase for phrase in phrases if phrase not in text] == [], text


@pytest.mark.django_db
def test_demo_never_firms_up_what_was_hedged(demo):
    texts = " ".join(KeyPoint.objects.values_list("text", flat=True))

    assert "should feed" not in texts
    assert "belong at" not in texts
    assert "Governments — for example" not in texts


@pytest.mark.django_db
def test_demo_opening_and_closing_remarks_say_what_was_said(demo):
    remarks = {
        agenda(c.person): c.summary
        for c in Contribution.objects.filter(session__event=final_event(), kind="remarks")
    }

    assert remarks["Karen MAGUIRE"] == (
        "Welcomed the participants and highlighted the PLPs' success and their new way of "
        "gathering data and sharing it among the participating organisations."
    )
    assert remarks["Stefan SCHLEUNING"] == (
        "Spoke for the European Commission and tied the PLP findings to the upcoming EU Social "
        "Economy Action Plan."
    )
    assert remarks["Antonella NOYA"] == (
        "More peer learning is needed: the PLPs show common patterns and local specificities. "
        "Invitation to the Global Action Final Conference, 14–16 December 2022."
    )


@pytest.mark.django_db
def test_demo_every_presentation_links_published_findings_of_its_consortium(demo):
    presentations = Contribution.objects.filter(kind="presentation").prefetch_related("findings")

    assert presentations.count() == 6
    for presentation in presentations:
        findings = list(presentation.findings.all())
        assert findings, presentation
        assert {f.consortium_id for f in findings} == {presentation.consortium_id}
        assert {f.status for f in findings} == {"published"}


@pytest.mark.django_db
def test_demo_themes_event_and_topic(demo):
    event_themes = list(final_event().themes.order_by("position").values_list("name", flat=True))

    assert event_themes == [
        "Building better-enabling ecosystems to support the SSE",
        "Connecting the SSE in the EU and globally",
        "Raising the visibility of the SSE and its impact",
    ]
    assert Theme.objects.filter(kind="topic").count() >= 4


@pytest.mark.django_db
def test_demo_final_conference_announced_then_rescheduled_through_the_service(demo):
    conference = Event.objects.get(slug="global-action-final-conference")
    paris = zoneinfo.ZoneInfo("Europe/Paris")

    def days(start, end):
        return (
            start.astimezone(paris).date().isoformat(),
            end.astimezone(paris).date().isoformat(),
        )

    assert days(conference.starts_at, conference.ends_at) == ("2023-03-20", "2023-03-21")
    assert (conference.schedule_status, conference.schedule_sequence) == ("rescheduled", 1)
    assert (conference.format, conference.venue) == ("hybrid", "Paris")
    assert (conference.has_programme, conference.sessions.count()) == (False, 0)
    # As announced on 2 December 2021; the sources say neither when it moved nor why.
    [change] = conference.schedule_changes.all()
    assert days(change.previous_starts_at, change.previous_ends_at) == ("2022-12-14", "2022-12-16")
    assert days(change.new_starts_at, change.new_ends_at) == ("2023-03-20", "2023-03-21")
    assert (change.kind, change.changed_on, change.reason, change.recorded_by) == (
        "rescheduled",
        None,
        "",
        None,
    )


@pytest.mark.django_db
def test_demo_conference_page_tells_the_move(client, demo):
    html = client.get("/en/events/global-action-final-conference/").content.decode()

    assert (
        "<p>This event was rescheduled from 14–16 December 2022 to 20–21 March 2023.</p>"
    ) in html


@pytest.mark.django_db
def test_demo_accounts_one_curator_a_member_per_consortium_and_silks_coordinator(demo):
    """SILK's members submit to their coordinator first; the other consortia have none, so
    their submissions go straight to the curators (tests/members/test_two_stage_review.py)."""
    accesses = sorted(
        ConsortiumAccess.objects.values_list("user__username", "consortium__slug", "role")
    )

    assert accesses == sorted(
        [
            *(
                (f"member-{slug}", slug, "member")
                for slug in Consortium.objects.values_list("slug", flat=True)
            ),
            ("coordinator-silk", "silk", "coordinator"),
        ]
    )
    curator = get_user_model().objects.get(username="curator")
    assert curator.check_password("demo-password-for-tests")


def table_counts():
    with connection.cursor() as cursor:
        return {
            table: cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in connection.introspection.table_names()
            if table != "django_session"
        }


@pytest.mark.django_db
def test_demo_second_run_changes_and_duplicates_nothing(demo):
    before = table_counts()
    finding_stamps = list(Finding.objects.order_by("pk").values_list("pk", "updated_at"))
    key_points = list(KeyPoint.objects.order_by("pk").values_list("pk", "text"))

    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)

    assert table_counts() == before
    assert list(Finding.objects.order_by("pk").values_list("pk", "updated_at")) == finding_stamps
    assert list(KeyPoint.objects.order_by("pk").values_list("pk", "text")) == key_points


@pytest.mark.django_db
def test_demo_refuses_accounts_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        call_command("load_demo", password="x-demo-password-1", stdout=io.StringIO())

    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_demo_generates_and_prints_a_password_when_none_is_given(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    curator_line = next(
        line for line in out.getvalue().splitlines() if line.strip().startswith("curator ")
    )
    password = curator_line.split()[1]
    assert get_user_model().objects.get(username="curator").check_password(password)


@pytest.mark.django_db
def test_demo_tells_how_the_curator_sets_up_two_step_sign_in(settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("load_demo", password="x-demo-password-1", stdout=out)

    assert out.getvalue().splitlines()[-1] == (
        "The curator is staff and signs in in two steps. At the first sign-in the portal shows "
        "a QR code: scan it with an authenticator app (FreeOTP, Aegis, Google or Microsoft "
        "Authenticator...), type the 6-digit code it shows, and keep the 10 recovery codes. "
        "Each later sign-in asks for a fresh code after the password. Lost the app? "
        "`manage.py reset_two_factor curator`, then sign in again."
    )


@pytest.mark.django_db
def test_demo_submission_waits_in_the_review_queue_submitted_by_its_member(demo):
    finding = Finding.objects.get(slug="sim-investors-and-sdg-reporting")

    reviews = list(finding.reviews.values_list("decision", "reviewer__username"))

    assert finding.status == "submitted"
    assert reviews == [("submit", "member-sim")]


@pytest.mark.django_db
def test_demo_second_run_keeps_workflow_decisions(demo):
    finding = Finding.objects.get(slug="silk-collaborators-and-intangible-assets")
    finding.status = "withdrawn"
    finding.save()

    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)

    finding.refresh_from_db()
    assert finding.status == "withdrawn"


@pytest.mark.django_db
def test_demo_without_accounts_leaves_the_submission_as_a_draft():
    call_command("load_demo", no_accounts=True, verbosity=0)

    finding = Finding.objects.get(slug="sim-investors-and-sdg-reporting")
    assert (finding.status, finding.reviews.count()) == ("draft", 0)


@pytest.mark.django_db
def test_demo_says_where_each_login_goes_on_the_site_address_and_prints_no_email(settings, capsys):
    settings.DEBUG = True
    settings.PLP_SITE_URL = "http://127.0.0.1:8123"
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = io.StringIO()

    call_command("load_demo", password="x-demo-password-1", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Demo logins (sign in at http://127.0.0.1:8123/accounts/login/):" in lines
    after_curator = lines[lines.index(next(li for li in lines if li.startswith("  curator "))) + 1]
    assert after_curator.split() == [
        "then",
        "go",
        "to",
        "http://127.0.0.1:8123/admin/findings/submittedfinding/",
    ]
    curator_admin = lines[lines.index(after_curator) + 1]
    assert curator_admin.split() == ["the", "admin:", "http://127.0.0.1:8123/admin/"]
    assert sum(line.endswith("then go to http://127.0.0.1:8123/en/me/") for line in lines) == 6
    assert (
        sum(line.endswith("then go to http://127.0.0.1:8123/en/me/signoff/") for line in lines) == 1
    )
    # The demo's submission is in the queue, but its review e-mail was not printed.
    assert "Content-Type:" not in out.getvalue() + capsys.readouterr().out


@pytest.mark.django_db
def test_demo_findings_carry_their_publication_date_not_the_loading_time(demo, client):
    published = Finding.objects.filter(status="published")

    assert set(published.values_list("updated_at", flat=True)) == {PUBLISHED_AT}
    assert set(published.values_list("published_at", flat=True)) == {PUBLISHED_AT}
    feed = ET.fromstring(client.get("/en/findings/feed.atom").content)
    assert feed.findtext("{http://www.w3.org/2005/Atom}updated") == "2021-12-02T12:00:00+00:00"
    assert {
        entry.findtext("{http://www.w3.org/2005/Atom}updated")
        for entry in feed.findall("{http://www.w3.org/2005/Atom}entry")
    } == {"2021-12-02T12:00:00+00:00"}


@pytest.mark.django_db
def test_demo_second_run_keeps_the_date_of_a_finding_changed_since(demo):
    finding = Finding.objects.filter(status="published").first()
    finding.title_fr = "Un titre traduit depuis"
    finding.save()
    changed_at = Finding.objects.get(pk=finding.pk).updated_at

    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)

    assert changed_at > PUBLISHED_AT
    assert Finding.objects.get(pk=finding.pk).updated_at == changed_at


@pytest.mark.django_db
def test_demo_points_to_one_public_page_of_each_kind_and_each_shows_it(client, settings):
    settings.DEBUG = True
    settings.PLP_SITE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()

    call_command("load_demo", password="x-demo-password-1", stdout=out)

    lines = out.getvalue().splitlines()
    start = lines.index("What to look at first, without signing in:")
    tour = [line.split()[-1] for line in lines[start + 1 : start + 7]]
    assert tour == [
        "http://127.0.0.1:8123/en/events/mainstreaming-the-sse-2021/",
        "http://127.0.0.1:8123/en/findings/",
        "http://127.0.0.1:8123/en/compare/",
        "http://127.0.0.1:8123/en/outputs/social-value-consortium-white-papers/",
        "http://127.0.0.1:8123/en/findings/sim-sdgs-as-impact-measurement-tool/trail/",
        "http://127.0.0.1:8123/en/organisations/french-impact/",
    ]
    shows = ["Final", "Findings", "Compare", "white papers", "Trail", "Organisations to talk to"]
    for address, text in zip(tour, shows, strict=True):
        response = client.get(address.removeprefix("http://127.0.0.1:8123"))
        assert response.status_code == 200, address
        assert text in response.content.decode(), address
