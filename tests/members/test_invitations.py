import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

from consortia.enums import AccessRole
from consortia.forms import InviteForm
from consortia.invitations import member_invite
from consortia.models import ConsortiumAccess
from tests.two_factor import force_login_confirmed


def test_admin_invite_creates_account_access_and_sends_a_password_link(
    client, curator, consortium_a, mailoutbox, django_capture_on_commit_callbacks
):
    force_login_confirmed(client, curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:consortia_consortiumaccess_invite"),
            {
                "email": "Ana@Example.org",
                "first_name": "Ana",
                "last_name": "Silva",
                "consortium": consortium_a.pk,
                "role": "member",
            },
        )
    assert response["Location"] == reverse("admin:consortia_consortiumaccess_changelist")
    user = get_user_model().objects.get(email="Ana@example.org")
    assert (user.username, user.has_usable_password(), user.is_staff) == (
        "ana@example.org",
        False,
        False,
    )
    assert ConsortiumAccess.objects.get(user=user).consortium == consortium_a
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "You are invited to PLP Portal for SILK"
    link = re.search(r"http://testserver(/en/accounts/reset/\S+)", mailoutbox[0].body).group(1)

    # The link lets the person choose a password, then log in.
    client.logout()
    page = client.get(link, follow=True)
    assert page.context["validlink"] is True
    response = client.post(
        page.redirect_chain[-1][0],
        {
            "new_password1": "a long new pass phrase 42",
            "new_password2": "a long new pass phrase 42",
        },
    )
    assert response["Location"] == reverse("password_reset_complete")
    signed_in = client.post(
        reverse("login"),
        {"username": "ana@example.org", "password": "a long new pass phrase 42"},
    )
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_admin_invite_links_an_existing_account(
    client, curator, member_b, consortium_a, mailoutbox, django_capture_on_commit_callbacks
):
    force_login_confirmed(client, curator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:consortia_consortiumaccess_invite"),
            {"email": member_b.email, "consortium": consortium_a.pk, "role": "coordinator"},
        )
    assert get_user_model().objects.filter(email=member_b.email).count() == 1
    assert (
        ConsortiumAccess.objects.get(user=member_b, consortium=consortium_a).role == "coordinator"
    )
    assert "Log in with your existing account" in mailoutbox[0].body


def test_coordinator_invites_a_member_from_the_workspace(
    client, coordinator_a, consortium_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:member_invite", args=[consortium_a.slug]),
            {"email": "new@example.org"},
        )
    assert response["Location"] == reverse("members:dashboard")
    access = ConsortiumAccess.objects.get(user__email="new@example.org")
    assert (access.consortium, access.role) == (consortium_a, "member")
    assert mailoutbox[0].to == ["new@example.org"]


def test_admin_and_workspace_invite_with_one_form_of_consortia(
    client, curator, coordinator_a, consortium_a
):
    force_login_confirmed(client, curator)
    admin_form = client.get(reverse("admin:consortia_consortiumaccess_invite")).context["form"]
    client.force_login(coordinator_a)
    workspace = client.get(reverse("members:member_invite", args=[consortium_a.slug]))

    assert type(workspace.context["form"]) is type(admin_form) is InviteForm
    assert resolve(workspace.request["PATH_INFO"]).func.__module__ == "consortia.member_views"
    # The coordinator's page fixes the consortium and the role: no field to choose them.
    assert list(admin_form.fields) == ["email", "first_name", "last_name", "consortium", "role"]
    assert list(workspace.context["form"].fields) == ["email", "first_name", "last_name"]


def test_coordinator_cannot_choose_role_or_consortium_from_the_workspace(
    client, coordinator_a, consortium_a, consortium_b, mailoutbox
):
    client.force_login(coordinator_a)
    client.post(
        reverse("members:member_invite", args=[consortium_a.slug]),
        {"email": "new@example.org", "role": "coordinator", "consortium": consortium_b.pk},
    )

    access = ConsortiumAccess.objects.get(user__email="new@example.org")
    assert (access.consortium, access.role) == (consortium_a, "member")


def test_workspace_invite_with_a_bad_address_shows_the_form_again(
    client, coordinator_a, consortium_a
):
    client.force_login(coordinator_a)
    accounts = get_user_model().objects.count()
    response = client.post(
        reverse("members:member_invite", args=[consortium_a.slug]), {"email": "not an address"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert get_user_model().objects.count() == accounts


def test_coordinator_cannot_open_the_invite_page_of_another_consortium(
    client, coordinator_a, consortium_b
):
    client.force_login(coordinator_a)
    response = client.get(reverse("members:member_invite", args=[consortium_b.slug]))

    assert response.status_code == 404


def test_a_member_cannot_invite(client, member_a, consortium_a):
    client.force_login(member_a)
    response = client.post(
        reverse("members:member_invite", args=[consortium_a.slug]), {"email": "x@example.org"}
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_staff_without_the_permission_cannot_invite(client, consortium_a):
    from tests.factories import UserFactory

    force_login_confirmed(client, UserFactory(username="staff", is_staff=True))
    response = client.get(reverse("admin:consortia_consortiumaccess_invite"))
    assert response.status_code == 403


def test_invite_service_refuses_a_plain_member(member_a, consortium_a):
    with pytest.raises(PermissionDenied):
        member_invite(email="new@example.org", consortium=consortium_a, invited_by=member_a)

    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_coordinator_cannot_invite_a_coordinator_or_into_another_consortium(
    coordinator_a, consortium_a, consortium_b
):
    with pytest.raises(PermissionDenied):
        member_invite(
            email="boss@example.org",
            consortium=consortium_a,
            invited_by=coordinator_a,
            role=AccessRole.COORDINATOR,
        )
    with pytest.raises(PermissionDenied):
        member_invite(email="other@example.org", consortium=consortium_b, invited_by=coordinator_a)

    assert not ConsortiumAccess.objects.filter(
        user__email__in=["boss@example.org", "other@example.org"]
    ).exists()


def test_curator_invites_a_coordinator_through_the_service(curator, consortium_b):
    invitation = member_invite(
        email="lead@example.org",
        consortium=consortium_b,
        invited_by=curator,
        role=AccessRole.COORDINATOR,
    )

    assert (invitation.access.consortium, invitation.access.role) == (consortium_b, "coordinator")
