"""The demo's accounts (load_demo) fit the workflow: the curator reviews, members write."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from consortia.models import ConsortiumAccess
from findings.permissions import is_curator

PASSWORD = "demo-password-for-tests"


def sign_in(client, username, password):
    # Through the login form: the lockout (django-axes) checks every sign-in's address, so
    # client.login(), which has no request, is refused.
    return client.post(reverse("login"), {"username": username, "password": password})


def test_demo_curator_is_a_curator_and_opens_the_queue(demo, client):
    assert sign_in(client, "curator", PASSWORD).status_code == 302
    assert is_curator(get_user_model().objects.get(username="curator")) is True
    response = client.get(reverse("admin:findings_submittedfinding_changelist"))
    assert response.status_code == 200


def test_demo_member_writes_for_their_consortium_only(demo, client):
    access = ConsortiumAccess.objects.select_related("user", "consortium").order_by("pk").first()
    assert sign_in(client, access.user.username, PASSWORD).status_code == 302
    dashboard = client.get(reverse("members:dashboard"))
    assert [c.slug for c, _ in dashboard.context["consortia"]] == [access.consortium.slug]
    page = client.get(reverse("members:finding_create") + f"?consortium={access.consortium.slug}")
    assert page.status_code == 200
