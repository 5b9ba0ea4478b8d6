"""The curator's workplace: every registered model opens for a curator, nobody else gets in."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from consortia.erasure import ErasureRequest
from consortia.models import Consortium, Organisation
from events.models import Event, OutputLaunch
from findings.models import (
    SDG,
    Attachment,
    Finding,
    PendingDecision,
    Reaction,
    Review,
    SDGTarget,
    SubmittedFinding,
    SubmittedReaction,
    Theme,
)
from findings.output_models import OutputReview, SubmittedOutput
from tests.factories import (
    FindingFactory,
    OrganisationFactory,
    OutputFactory,
    PublishedFindingFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)
from tests.site.admin_forms import change_form_data
from tests.two_factor import force_login_confirmed

# Models a curator reads but never adds by hand: reference data and logs; reactions, which
# members write (curators decide on them).
READ_ONLY = {
    SDG,
    SDGTarget,
    Review,
    Attachment,
    SubmittedFinding,
    PendingDecision,
    Reaction,
    SubmittedReaction,
    SubmittedOutput,
    OutputReview,
}
# Auth models outside curation (the curator may invite members, not manage groups).
NOT_CURATED = {Group}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def curator_client(client, demo):
    force_login_confirmed(client, get_user_model().objects.get(username="curator"))
    return client


@pytest.fixture
def every_model_has_a_row(demo):
    finding = FindingFactory()
    SourceFactory(finding=finding)
    ReviewFactory(finding=finding)
    ReviewFactory(finding=FindingFactory(status="submitted"), decision="publish", released_at=None)
    Attachment.objects.create(
        finding=finding,
        title="Report",
        file="findings/report.pdf",
        content_type="application/pdf",
        size=10,
    )
    ErasureRequest.objects.create(user=UserFactory())
    # The demo's reactions are published: one waits in the queue.
    Reaction.objects.create(
        finding=PublishedFindingFactory(), organisation=OrganisationFactory(), kind="endorsed"
    )
    submitted = OutputFactory(status="submitted")
    OutputReview.objects.create(output=submitted, decision="submit")
    OutputLaunch.objects.create(output=submitted, event=Event.objects.first())


def curated_models():
    return [m for m in admin.site._registry if m not in NOT_CURATED]


@pytest.mark.django_db
def test_curator_is_not_a_superuser(demo):
    curator = get_user_model().objects.get(username="curator")

    assert (curator.is_staff, curator.is_superuser) == (True, False)
    assert list(curator.groups.values_list("name", flat=True)) == ["Curators"]


@pytest.mark.django_db
def test_admin_index_groups_apps_as_a_curator_thinks(curator_client):
    response = curator_client.get(reverse("admin:index"))

    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:3] == ["consortia", "findings", "events"]
    assert [app["name"] for app in response.context["app_list"][:3]] == [
        "Programme",
        "Findings",
        "Events",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", curated_models(), ids=lambda m: m._meta.label)
def test_curator_opens_changelist_and_change_page(curator_client, every_model_has_a_row, rf, model):
    request = rf.get("/")
    request.user = get_user_model().objects.get(username="curator")
    instance = admin.site._registry[model].get_queryset(request).first()

    changelist = curator_client.get(admin_url(model, "changelist"))
    change = curator_client.get(admin_url(model, "change", instance.pk))

    assert changelist.status_code == 200
    assert changelist.context["cl"].queryset.filter(pk=instance.pk).exists()
    assert change.status_code == 200
    assert change.context["original"] == instance


@pytest.mark.django_db
@pytest.mark.parametrize("model", curated_models(), ids=lambda m: m._meta.label)
def test_curator_add_page_open_unless_read_only(curator_client, model):
    response = curator_client.get(admin_url(model, "add"))

    if model in READ_ONLY:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert response.context["add"] is True
        form = response.context["adminform"].form
        assert (form._meta.model, form.is_bound) == (model, False)


@pytest.mark.django_db
def test_curator_changelist_search_and_filters_answer(curator_client):
    from findings.models import Finding

    url = admin_url(Finding, "changelist")
    response = curator_client.get(
        url, {"q": "legal", "status__exact": "published", "country": "ES"}
    )

    titles = sorted(f.title for f in response.context["cl"].result_list)
    assert titles == [
        "Advanced legal frameworks embed the SSE in market rules and support",
        "Many legal entities, one set of values recognised by law",
    ]


@pytest.mark.django_db
def test_curator_filters_findings_by_the_event_they_were_presented_at(curator_client):
    # The filter crosses into events, so events' admin adds it to findings' (events.admin).
    from events.models import Event
    from findings.models import Finding
    from tests.factories import ContributionFactory, EventFactory, SessionFactory

    presented = FindingFactory(title="Presented at the summit")
    FindingFactory(title="Never presented")
    event = EventFactory(title="Summit")
    ContributionFactory(session=SessionFactory(event=event)).findings.add(presented)

    response = curator_client.get(
        admin_url(Finding, "changelist"), {"contributions__session__event__id__exact": event.pk}
    )

    changelist = response.context["cl"]
    assert [spec.title for spec in changelist.filter_specs][-1] == Event._meta.verbose_name
    assert [f.title for f in changelist.result_list] == ["Presented at the summit"]


@pytest.mark.django_db
def test_curator_cannot_manage_groups(curator_client):
    response = curator_client.get(admin_url(Group, "changelist"))
    index = curator_client.get(reverse("admin:index"))

    models_on_index = [m["object_name"] for app in index.context["app_list"] for m in app["models"]]
    assert response.status_code == 403
    assert "Group" not in models_on_index
    assert "User" in models_on_index  # the curator does manage member accounts


@pytest.mark.django_db
def test_member_is_refused_by_the_admin(client, demo):
    client.force_login(get_user_model().objects.get(username="member-silk"))

    response = client.get(admin_url(Organisation, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_anonymous_is_sent_to_admin_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


@pytest.mark.django_db
def test_staff_without_curator_group_sees_no_models(client):
    force_login_confirmed(client, UserFactory(is_staff=True))

    response = client.get(reverse("admin:index"))

    assert response.context["app_list"] == []


@pytest.mark.django_db
def test_curator_enters_event_times_in_the_events_own_zone(curator_client):
    from events.models import Event

    response = curator_client.post(
        admin_url(Event, "add"),
        {
            "title_en": "Encuentro en Guadalajara",
            "slug": "encuentro-guadalajara",
            # A draft: once published, the dates change through the schedule form.
            "status": "draft",
            "starts_at_0": "2021-12-02",
            "starts_at_1": "13:00",
            "ends_at_0": "2021-12-02",
            "ends_at_1": "15:30",
            "time_zone": "America/Mexico_City",
            "has_programme": "on",
            "format": "in_person",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    event = Event.objects.get(slug="encuentro-guadalajara")
    assert event.starts_at.isoformat() == "2021-12-02T19:00:00+00:00"
    change_page = curator_client.get(admin_url(Event, "change", event.pk))
    assert 'name="starts_at_1" value="13:00"' in change_page.content.decode()


@pytest.mark.django_db
def test_event_page_says_the_zone_once_and_puts_no_clock_note_under_each_time(curator_client):
    from events.models import Event
    from tests.factories import EventFactory, SessionFactory

    event = EventFactory(time_zone="Europe/Paris", status="draft")
    for position in (1, 2, 3):
        SessionFactory(event=event, position=position)

    html = curator_client.get(admin_url(Event, "change", event.pk)).content.decode()

    # The admin's own widgets (vDateField, vTimeField) add a "You are N hours behind server
    # time" note under every time in the browser: the browser's date and time boxes do not.
    assert "vTimeField" not in html
    # The event's start and end, each session's, and the empty form "Add another" copies.
    assert html.count('type="time"') == 2 + (3 + 1) * 2
    assert html.count("Enter times as clocks showed them in the event's time zone.") == 1
    assert "Sessions (times as the clocks of the event&#x27;s time zone showed them)" in html
    assert 'name="sessions-0-starts_at_0"' in html


@pytest.mark.django_db
def test_curator_event_ending_before_start_gets_a_form_error(curator_client):
    from events.models import Event

    response = curator_client.post(
        admin_url(Event, "add"),
        {
            "title_en": "Backwards",
            "slug": "backwards",
            "status": "draft",
            "starts_at_0": "2021-12-02",
            "starts_at_1": "15:00",
            "ends_at_0": "2021-12-02",
            "ends_at_1": "13:00",
            "time_zone": "Europe/Paris",
            "format": "online",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "The end cannot be before the start."
    ]
    assert not Event.objects.filter(slug="backwards").exists()


@pytest.mark.django_db
def test_admin_index_links_the_review_queue_with_its_count(curator_client):
    response = curator_client.get(reverse("admin:index"))

    html = response.content.decode()
    assert "<strong>1 finding awaits a decision.</strong>" in html
    assert f'<a href="{reverse("admin:findings_submittedfinding_changelist")}">' in html


@pytest.mark.django_db
def test_admin_index_hides_review_notice_from_staff_who_cannot_review(client):
    force_login_confirmed(client, UserFactory(is_staff=True))

    response = client.get(reverse("admin:index"))

    assert "awaits a decision" not in response.content.decode()
    assert "review-queue-notice" not in response.content.decode()


@pytest.mark.django_db
def test_migrate_creates_the_curators_group_without_privilege_rights():
    group = Group.objects.get(name="Curators")
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"review_finding", "change_finding", "add_event", "view_user"} <= codenames
    assert not codenames & {"add_group", "change_group", "delete_user", "add_permission"}


@pytest.mark.django_db
def test_curator_cannot_grant_privileges_to_a_member(curator_client):
    member = get_user_model().objects.get(username="member-silk")
    url = admin_url(get_user_model(), "change", member.pk)

    page = curator_client.get(url)
    curator_client.post(
        url,
        {
            "username": "member-silk",
            "email": "member-silk@example.org",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2021-12-02",
            "date_joined_1": "12:00",
            "consortium_accesses-TOTAL_FORMS": "0",
            "consortium_accesses-INITIAL_FORMS": "0",
        },
    )

    member.refresh_from_db()
    assert page.status_code == 200
    assert "is_superuser" not in page.context["adminform"].form.fields
    assert (member.is_staff, member.is_superuser) == (False, False)


@pytest.mark.django_db
def test_curator_cannot_change_staff_accounts_or_their_passwords(curator_client):
    other_curator = UserFactory(username="other-curator", is_staff=True)

    change = curator_client.post(
        admin_url(get_user_model(), "change", other_curator.pk),
        {"username": "taken-over", "email": "attacker@example.org"},
    )
    password = curator_client.post(
        reverse("admin:auth_user_password_change", args=[other_curator.pk]),
        {"password1": "a-new-password-9", "password2": "a-new-password-9"},
    )

    other_curator.refresh_from_db()
    assert (change.status_code, password.status_code) == (403, 403)
    assert other_curator.username == "other-curator"
    assert other_curator.check_password("correct horse battery staple")


def changelist_query_counts(client) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for model in curated_models():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 200, model
        counts[model._meta.label] = len(queries.captured_queries)
    return counts


@pytest.mark.django_db
def test_admin_changelists_query_count_does_not_grow_with_rows(curator_client):
    from tests import factories

    before = changelist_query_counts(curator_client)
    themes, sdgs = list(Theme.objects.all()[:2]), list(SDG.objects.all()[:2])
    for consortium in Consortium.objects.all()[:3]:
        factories.PublishedFindingFactory.create_batch(
            8, consortium=consortium, themes=themes, sdgs=sdgs
        )
    for _ in range(8):
        factories.MembershipFactory()
        factories.ConsortiumAccessFactory()
        factories.ContributionFactory()
        factories.KeyPointFactory()
        factories.ReviewFactory()
        factories.PersonFactory()
    after = changelist_query_counts(curator_client)

    assert after == before


def test_curator_enters_a_doi_pasted_as_its_link_and_it_is_kept_bare(curator_client):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    url = admin_url(Finding, "change", finding.pk)
    page = curator_client.get(url)

    response = curator_client.post(
        url, change_form_data(page, doi="https://doi.org/10.5281/zenodo.1234567")
    )

    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.doi == "10.5281/zenodo.1234567"


def test_curator_entering_what_is_not_a_doi_gets_a_form_error(curator_client):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    url = admin_url(Finding, "change", finding.pk)
    page = curator_client.get(url)

    response = curator_client.post(url, change_form_data(page, doi="zenodo record 1234567"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "doi": ["Enter a DOI such as 10.5281/zenodo.1234567 (no spaces, quotes or braces)."]
    }
    finding.refresh_from_db()
    assert finding.doi == ""
