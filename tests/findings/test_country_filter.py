"""One country filter, read by the findings page, the API and the admin alike."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from findings.models import Finding
from tests.factories import PublishedFindingFactory
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings_by_country():
    # "ES,FR" is stored as one string: a code must match only itself, wherever it stands.
    PublishedFindingFactory(title="Spain only", countries=["ES"])
    PublishedFindingFactory(title="France and Spain", countries=["FR", "ES"])
    PublishedFindingFactory(title="Estonia", countries=["EE"])
    PublishedFindingFactory(title="Nowhere in particular", countries=[])


def test_drawing_on_keeps_findings_naming_the_country(findings_by_country):
    titles = Finding.objects.drawing_on("ES").order_by("title").values_list("title", flat=True)

    assert list(titles) == ["France and Spain", "Spain only"]


def test_page_api_and_admin_filter_by_country_alike(findings_by_country, client, curator):
    cache.clear()  # the API's anonymous rate limit counts in the cache
    page = client.get("/en/findings/", {"country": "ES"})
    api = APIClient().get("/api/v1/findings/", {"country": "ES"})
    force_login_confirmed(client, curator)
    admin = client.get(reverse("admin:findings_finding_changelist"), {"country": "ES"})

    expected = ["France and Spain", "Spain only"]
    assert sorted(f.title for f in page.context["findings"]) == expected
    assert sorted(f["title"] for f in api.json()["results"]) == expected
    assert sorted(f.title for f in admin.context["cl"].result_list) == expected
