"""The demo's accounts (load_demo) fit the workflow: the curator reviews, members write."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from consortia.models import ConsortiumAccess
from findings.permissions import is_curator
from tests.two_factor import app_code

PASSWORD = "demo-password-for-tests"


def sign_in(client, username, password):
    # Through the login form: the lockout (django-axes) checks every sign-in's address, so
    # client.login(), which has no request, is refused.
    return client.post(reverse("login"), {"username": username, "password": password})


def test_demo_curator_sets_up_the_app_at_first_sign_in_and_opens_the_queue(demo, client):
    curator = get_user_model().objects.get(username="curator")
    queue = reverse("admin:findings_submittedfinding_changelist")
    assert sign_in(client, "curator", PASSWORD).status_code == 302

    sent_to = client.get(queue)["Location"]
    client.get(sent_to)
    device = TOTPDevice.objects.get(user=curator, confirmed=False)
    client.post(sent_to, {"code": app_code(device)})

    assert (
        sent_to == "/en/accounts/two-factor/setup/?next=%2Fadmin%2Ffindings%2Fsubmittedfinding%2F"
    )
    assert is_curator(curator) is True
    assert client.get(queue).status_code == 200


def test_demo_member_writes_for_their_consortium_only(demo, client):
    access = ConsortiumAccess.objects.select_related("user", "consortium").order_by("pk").first()
    assert sign_in(client, access.user.username, PASSWORD).status_code == 302
    dashboard = client.get(reverse("members:dashboard"))
    assert [c.slug for c, _ in dashboard.context["consortia"]] == [access.consortium.slug]
    page = client.get(reverse("members:finding_create") + f"?consortium={access.consortium.slug}")
    assert page.status_code == 200
