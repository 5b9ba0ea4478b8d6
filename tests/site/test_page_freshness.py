"""No reader ever sees a stale page: after a change commits, the next anonymous GET of every page
that showed the changed content shows the change.

Each test reads the whole public site of the demo programme (every address of the sitemap, the
feed, the calendars and the API's reads) with the page cache on, proves the pages that show
the content are now served from the cache, makes a change through the real path (the
findings services, the admin's change form, the history's restore form), lets it commit, and
reads every page again.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.models import Consortium, Organisation, Person
from events.models import Event
from findings import services
from findings.models import Finding, Theme
from tests.factories import FindingFactory
from tests.site.admin_forms import change_form_data
from tests.two_factor import force_login_confirmed

API_READS = [
    "/api/v1/findings/",
    "/api/v1/events/",
    "/api/v1/consortia/",
    "/api/v1/organisations/",
    "/api/v1/organisations/?page=2",
    "/api/v1/people/",
    "/api/v1/themes/",
    "/api/v1/sdgs/",
]


# The history's restore form carries the finding's fields only, none of its inline rows.
NO_INLINE_ROWS = {
    f"{prefix}-{name}": value
    for prefix in ("sources", "attachments", "reviews")
    for name, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MAX_NUM_FORMS", "1000")]
}


@pytest.fixture
def site(client, demo, settings):
    """Every public address of the demo programme, and of the API."""
    # The site is read three times over: more than an anonymous caller may render per minute.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "100000/minute", "user_write": "100/minute"},
    }

    def locations(address: str) -> list[str]:
        xml = client.get(address).content.decode()
        return [
            re.sub(r"^https?://[^/]+", "", html.unescape(loc))
            for loc in re.findall(r"<loc>(.*?)</loc>", xml)
        ]

    # /sitemap.xml is an index of section pages, which list the pages in every language: the
    # English ones here (tests/i18n show a change retires every language's copy).
    pages = [
        page
        for section in locations("/sitemap.xml")
        for page in locations(section)
        if page.startswith("/en/")
    ]
    pages += ["/en/findings/feed.atom", "/en/events/calendar.ics"]
    pages += [
        f"/en/events/{slug}/calendar.ics" for slug in Event.objects.values_list("slug", flat=True)
    ]
    pages += [f"/api/v1/events/{slug}/" for slug in Event.objects.values_list("slug", flat=True)]
    pages += [f"/api/v1/findings/{finding.slug}/" for finding in Finding.objects.published()]
    pages += [
        f"/en/findings/{finding.slug}/cite.{extension}"
        for finding in Finding.objects.published()
        for extension in ("bib", "ris", "json")
    ]
    return pages + API_READS


@pytest.fixture
def curator(demo):
    return get_user_model().objects.get(username="curator")


def text_of(response) -> str:
    # Calendars fold long lines and stamp the time they were made; pages escape what they show.
    text = html.unescape(response.content.decode().replace("\r\n ", ""))
    return re.sub(r"DTSTAMP:\S+", "DTSTAMP:", text)


def read(client, pages) -> dict[str, str]:
    texts = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        texts[page] = text_of(response)
    return texts


def showing(texts: dict[str, str], text: str) -> set[str]:
    return {page for page, content in texts.items() if text in content}


def assert_served_from_cache(client, pages):
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(page)
        assert queries.captured_queries == [], f"{page} was rendered again"


def assert_fresh_everywhere(client, site, settings) -> dict[str, str]:
    """Every page the cache serves is the page a fresh render gives."""
    served = read(client, site)
    settings.PLP_PAGE_CACHE = False
    rendered = read(client, site)
    settings.PLP_PAGE_CACHE = True
    assert [page for page in site if served[page] != rendered[page]] == []
    return served


def assert_renamed_everywhere(client, site, settings, change, old, new, expected: set[str]):
    """`change()` renames `old` to `new`: no page served afterwards is stale, and the pages
    that showed `old` (at least `expected`) show `new`."""
    before = read(client, site)
    shown_on = showing(before, old)
    assert expected <= shown_on
    assert showing(before, new) == set()
    assert_served_from_cache(client, shown_on)

    change()

    after = assert_fresh_everywhere(client, site, settings)
    assert showing(after, new) >= expected


def post_admin_change(client, curator, obj, django_capture_on_commit_callbacks, **changes):
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    force_login_confirmed(client, curator)
    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, change_form_data(page, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def test_publishing_a_finding_lists_it_at_once(
    client, site, curator, django_capture_on_commit_callbacks, settings
):
    consortium = Consortium.objects.get(slug="pl4se-plp")
    theme = Theme.objects.get(slug="legal-frameworks")
    finding = FindingFactory(
        consortium=consortium, themes=[theme], title="Cooperative housing in Montevideo"
    )
    services.finding_submit(finding=finding, user=consortium_member(consortium))
    assert showing(read(client, site), "Cooperative housing in Montevideo") == set()
    assert_served_from_cache(client, ["/en/", "/en/findings/", "/api/v1/findings/"])

    with django_capture_on_commit_callbacks(execute=True):
        services.finding_publish(finding=finding, user=curator)

    after = assert_fresh_everywhere(client, [*site, finding.get_absolute_url()], settings)
    assert showing(after, "Cooperative housing in Montevideo") >= {
        "/en/",
        "/en/findings/",
        "/en/findings/feed.atom",
        "/en/consortia/pl4se-plp/",
        "/en/themes/legal-frameworks/",
        finding.get_absolute_url(),
        "/api/v1/findings/",
    }


def consortium_member(consortium):
    from consortia.models import ConsortiumAccess

    return ConsortiumAccess.objects.filter(consortium=consortium).first().user


def test_changing_a_finding_shows_the_change_everywhere(
    client, site, curator, django_capture_on_commit_callbacks, settings
):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    old_title = finding.title

    def change():
        finding.title = "Legal frameworks that travel well"
        with django_capture_on_commit_callbacks(execute=True):
            services.finding_save_as_curator(
                finding=finding, user=curator, expected_version=finding.version
            )

    assert_renamed_everywhere(
        client,
        site,
        settings,
        change,
        old_title,
        "Legal frameworks that travel well",
        # The home page's six latest may order findings of one day differently after a save.
        {
            "/en/findings/",
            finding.get_absolute_url(),
            "/en/consortia/pl4se-plp/",
            *(
                f"{finding.get_absolute_url()}cite.{extension}"
                for extension in ("bib", "ris", "json")
            ),
        },
    )


def test_withdrawing_a_finding_takes_it_off_every_list_at_once(
    client, site, curator, django_capture_on_commit_callbacks, settings
):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    page = finding.get_absolute_url()
    before = read(client, site)
    # Its page, its API answer and its citations stay: withdrawn findings are still citable.
    citations = {f"{page}cite.{extension}" for extension in ("bib", "ris", "json")}
    listed_on = showing(before, finding.title) - {page, f"/api/v1/findings/{finding.slug}/"}
    listed_on -= citations
    assert {"/en/", "/en/findings/", "/en/consortia/pl4se-plp/"} <= listed_on
    assert_served_from_cache(client, [*listed_on, page])

    with django_capture_on_commit_callbacks(execute=True):
        services.finding_withdraw(finding=finding, user=curator, comment="Superseded.")

    after = assert_fresh_everywhere(client, site, settings)
    assert showing(after, finding.title) & listed_on == set()
    assert showing(after, "Withdrawn.") >= citations - {f"{page}cite.json"}
    assert "This finding has been withdrawn by the programme's curators." in after[page]


@pytest.mark.parametrize(
    ("model", "lookup", "field", "new"),
    [
        (
            Event,
            {"slug": "mainstreaming-the-sse-2021"},
            "title_en",
            "Scaling the Solidarity Economy",
        ),
        (Consortium, {"slug": "pl4se-plp"}, "short_name", "PL4SE-RENAMED"),
        (Theme, {"slug": "legal-frameworks"}, "name_en", "Statutes and charters"),
        (Organisation, {"slug": "cepes"}, "name", "Confederacion Renombrada"),
    ],
    ids=["event", "consortium", "theme", "organisation"],
)
def test_an_admin_edit_shows_everywhere_at_once(
    client, site, curator, django_capture_on_commit_callbacks, settings, model, lookup, field, new
):
    obj = model.objects.get(**lookup)
    old = getattr(obj, field)
    expected = {obj.get_absolute_url()} if hasattr(obj, "get_absolute_url") else set()

    assert_renamed_everywhere(
        client,
        site,
        settings,
        lambda: post_admin_change(
            client, curator, obj, django_capture_on_commit_callbacks, **{field: new}
        ),
        old,
        new,
        expected,
    )


def test_renaming_a_person_in_the_admin_shows_everywhere_at_once(
    client, site, curator, django_capture_on_commit_callbacks, settings
):
    person = (
        Person.objects.filter(contributions__isnull=False).order_by("family_name").distinct()[0]
    )
    old = f"{person.given_name} {person.family_name}"

    assert_renamed_everywhere(
        client,
        site,
        settings,
        lambda: post_admin_change(
            client, curator, person, django_capture_on_commit_callbacks, family_name="Zzyzxova"
        ),
        old,
        f"{person.given_name} Zzyzxova",
        {person.get_absolute_url()},
    )


def test_restoring_an_earlier_version_shows_it_everywhere_at_once(
    client, site, curator, django_capture_on_commit_callbacks, settings
):
    finding = Finding.objects.get(slug="pl4se-advanced-legal-frameworks")
    original = finding.title
    first = finding.history.latest()
    finding.title = "A title soon taken back"
    with django_capture_on_commit_callbacks(execute=True):
        services.finding_save_as_curator(
            finding=finding, user=curator, expected_version=finding.version
        )

    def restore():
        url = reverse("admin:findings_finding_simple_history", args=[finding.pk, first.history_id])
        force_login_confirmed(client, curator)
        page = client.get(url)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, change_form_data(page) | NO_INLINE_ROWS)
        assert response.status_code == 302
        client.logout()

    assert_renamed_everywhere(
        client,
        site,
        settings,
        restore,
        "A title soon taken back",
        original,
        {"/en/", "/en/findings/", finding.get_absolute_url(), "/en/consortia/pl4se-plp/"},
    )
