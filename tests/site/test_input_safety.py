"""Bad ids answer a form error, never a 500 (plp_portal.input_safety)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from findings.models import Finding
from tests.factories import FindingFactory
from tests.two_factor import force_login_confirmed

PAST_ANY_INTEGER_COLUMN = 10**30


def test_in_lookup_past_the_integer_range_matches_nothing(db):
    finding = FindingFactory()
    assert list(Finding.objects.filter(pk__in=[PAST_ANY_INTEGER_COLUMN])) == []
    assert list(Finding.objects.filter(pk__in=[PAST_ANY_INTEGER_COLUMN, finding.pk])) == [finding]
    assert Finding.objects.exclude(pk__in=[PAST_ANY_INTEGER_COLUMN]).count() == 1


def test_admin_form_with_garbled_autocomplete_ids_shows_form_errors(client, curator):
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_finding_add"),
        {"consortium": "abc", "themes": ["1x", str(PAST_ANY_INTEGER_COLUMN)], "title": "T"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["consortium"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert errors["themes"] == ["“1x” is not a valid value."]
    assert Finding.objects.count() == 0
    assert get_user_model().objects.count() == 1


def test_text_lookups_with_a_nul_byte_match_nothing(db):
    finding = FindingFactory(slug="plain")
    assert list(Finding.objects.filter(slug="pl\x00ain")) == []
    assert list(Finding.objects.filter(slug__in=["pl\x00ain"])) == []
    assert list(Finding.objects.filter(slug__in=["pl\x00ain", "plain"])) == [finding]
    assert Finding.objects.exclude(slug="pl\x00ain").count() == 1


def test_admin_form_with_a_nul_byte_in_a_text_id_shows_a_form_error(client, curator):
    # SDG targets are named by their code ("12.6"): a text primary key.
    force_login_confirmed(client, curator)
    response = client.post(
        reverse("admin:findings_finding_add"),
        {"consortium": "abc", "sdg_targets": ["12.6\x00"], "levels": ["local\x00"], "title": "T"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["sdg_targets"] == ["Null characters are not allowed."]
    assert Finding.objects.count() == 0
