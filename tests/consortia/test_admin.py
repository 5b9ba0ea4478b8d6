"""The consortium form of the admin: what a curator is told when a choice is taken."""

import pytest
from django.urls import reverse

from consortia.models import Consortium
from tests.factories import ConsortiumFactory
from tests.two_factor import force_login_confirmed

pytestmark = pytest.mark.django_db


def consortium_form(client, **fields) -> dict:
    """The add form's data as the page would post it: every inline empty."""
    page = client.get(reverse("admin:consortia_consortium_add"))
    data = {
        "short_name": "SILK-2",
        "title_en": "Social innovation and local knowledge, second round",
        "slug": "silk-2",
        "topic_en": "How cities convene the social economy.",
    }
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | fields


def test_curator_adding_a_consortium_with_a_taken_slug_is_told_which(client, curator):
    ConsortiumFactory(short_name="SILK", slug="silk")
    force_login_confirmed(client, curator)

    response = client.post(
        reverse("admin:consortia_consortium_add"), consortium_form(client, slug="silk")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "slug": ["Consortium with this Slug already exists."]
    }
    assert list(Consortium.objects.values_list("slug", flat=True)) == ["silk"]


def test_curator_adds_a_consortium_with_a_free_slug(client, curator):
    force_login_confirmed(client, curator)

    response = client.post(reverse("admin:consortia_consortium_add"), consortium_form(client))

    assert response.status_code == 302
    assert Consortium.objects.get(slug="silk-2").short_name == "SILK-2"
