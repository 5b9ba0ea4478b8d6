"""The personal data consortia keeps about an account: the account itself, the consortia it
acts for, its API tokens, its two-step sign-in and its sessions (see ``personal_data``)."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from .erasure import ErasureRequest
from .models import ConsortiumAccess
from .personal_data import PersonalDataSection, moment, register
from .sessions import end_sessions_of, sessions_of
from .tokens import ApiToken
from .two_factor import recovery_codes_left, two_factor_reset


def _account(user) -> dict:
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": moment(user.date_joined),
        "last_login": moment(user.last_login),
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _consortia(user) -> list[dict]:
    accesses = ConsortiumAccess.objects.filter(user=user).select_related("consortium")
    return [
        {
            "consortium": access.consortium.short_name,
            "slug": access.consortium.slug,
            "role": access.role,
            "since": moment(access.created_at),
        }
        for access in accesses.order_by("created_at", "pk")
    ]


def _api_tokens(user) -> list[dict]:
    # Never the key: the portal does not know it, only its fingerprint, which is no use to anyone.
    return [
        {
            "name": token.name,
            "key_starts_with": token.prefix,
            "created_at": moment(token.created_at),
            "last_used_at": moment(token.last_used_at),
            "expires_at": moment(token.expires_at),
            "revoked_at": moment(token.revoked_at),
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _two_factor(user) -> dict:
    # Whether it is on and when it was used; never the app's secret key or the codes.
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return {"on": False}
    return {
        "on": True,
        "set_up_at": moment(device.created_at),
        "last_used_at": moment(device.last_used_at),
        "recovery_codes_left": recovery_codes_left(user),
    }


def _sessions(user) -> list[dict]:
    return [{"expires_at": moment(row.expire_date)} for row in sessions_of(user)]


def _erasure_requests(user) -> list[dict]:
    return [
        {"requested_at": moment(request.requested_at)}
        for request in ErasureRequest.objects.filter(user=user).order_by("requested_at")
    ]


def _nothing(user, former_member) -> None:
    """The account row goes last, with what cascades from it (consortia.erasure)."""


def _delete_accesses(user, former_member) -> None:
    ConsortiumAccess.objects.filter(user=user).delete()


def _delete_tokens(user, former_member) -> None:
    ApiToken.objects.filter(user=user).delete()


def _delete_devices(user, former_member) -> None:
    two_factor_reset(user=user)


def _end_sessions(user, former_member) -> None:
    end_sessions_of(user)


def register_sections() -> None:
    register(PersonalDataSection("account", _account, _nothing))
    register(PersonalDataSection("consortia", _consortia, _delete_accesses))
    register(PersonalDataSection("api_tokens", _api_tokens, _delete_tokens))
    register(PersonalDataSection("two_step_sign_in", _two_factor, _delete_devices))
    register(PersonalDataSection("sessions", _sessions, _end_sessions))
    # Erasure records its own request (consortia.erasure).
    register(PersonalDataSection("erasure_requests", _erasure_requests, _nothing))
