"""The two-step sign-in pages: setting up the app, typing a code after the password
(``/accounts/two-factor/…``), and a member's settings (``/me/two-factor/``)."""

import base64
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .two_factor_forms import CodeForm


def _next_url(request) -> str:
    """Where the sign-in was heading, if it is on this site; else the account's home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index") if request.user.is_staff else reverse("members:dashboard")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{request.GET.urlencode()}" if request.GET else reverse(name)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def verify(request):
    """After the password: a code from the app, or a recovery code."""
    if not two_factor.must_confirm_second_factor(request.user):
        return redirect(_next_url(request))
    if not two_factor.has_second_factor(request.user):
        return redirect(_with_next("two_factor:setup", request))
    form = CodeForm(
        request.POST or None,
        label=_("Code from your authenticator app"),
        help_text=_("Six digits. Lost your phone? Type one of your recovery codes instead."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.check_code(request.user, form.cleaned_data["code"])
        except two_factor.CodeRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            two_factor.confirm_session(request, device)
            if isinstance(device, StaticDevice):
                _warn_about_recovery_codes(request)
            return redirect(_next_url(request))
    return render(
        request, "consortia/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _warn_about_recovery_codes(request) -> None:
    left = two_factor.recovery_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "You signed in with a recovery code: %(count)d code is left. "
            "Make new ones from your two-step sign-in settings.",
            "You signed in with a recovery code: %(count)d codes are left. "
            "Make new ones from your two-step sign-in settings if you are running out.",
            left,
        )
        % {"count": left},
    )


@never_cache
@login_required
def setup(request):
    """Add the portal to an authenticator app, prove it with a code, get recovery codes."""
    user = request.user
    if two_factor.has_second_factor(user):
        # A second device is never added here: a password alone must not be enough to.
        if two_factor.session_is_confirmed(user):
            return redirect("members:two_factor")
        return redirect(_with_next("two_factor:verify", request))
    device = two_factor.device_for_setup(user)
    form = CodeForm(
        request.POST or None,
        label=_("Code shown by the app"),
        help_text=_("Six digits; a new code appears every 30 seconds."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.app_confirm(user=user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            two_factor.confirm_session(request, device)
            return _recovery_codes_page(request, codes, first_time=True, then=_next_url(request))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": _grouped(secret),
        "required": two_factor.is_required_for(user),
        "next": _next_url(request),
    }
    return render(request, "consortia/two_factor_setup.html", context)


@never_cache
@login_required
def setup_qr(request):
    """The QR code of the app being set up, as an SVG image (no script, no inline style)."""
    if two_factor.has_second_factor(request.user):
        raise Http404
    device = two_factor.app_device(request.user, confirmed=False)
    if device is None:
        raise Http404
    # Imported here: qrcode (with PIL) adds ~3.5 MiB to a worker, for a page seen once per
    # account.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _recovery_codes_page(request, codes: list[str], *, first_time: bool, then: str):
    # Rendered, not redirected: the codes exist in this response only.
    context = {"codes": codes, "first_time": first_time, "next": then}
    return render(request, "consortia/two_factor_recovery_codes.html", context)


@never_cache
@login_required
def settings_page(request):
    """A member's (or curator's) two-step sign-in: on or off, recovery codes left."""
    user = request.user
    device = two_factor.app_device(user)
    context = {
        "device": device,
        "required": two_factor.is_required_for(user),
        "codes_left": two_factor.recovery_codes_left(user) if device else 0,
        "off_form": CodeForm(label=_("A current code from your app")),
    }
    return render(request, "consortia/two_factor_settings.html", context)


@never_cache
@require_POST
@login_required
def recovery_codes_renew(request):
    if not two_factor.has_second_factor(request.user):
        raise Http404
    codes = two_factor.recovery_codes_renew(user=request.user)
    return _recovery_codes_page(
        request, codes, first_time=False, then=reverse("members:two_factor")
    )


@never_cache
@require_POST
@login_required
def turn_off(request):
    """Members may turn two-step sign-in off again, with a current code; staff may not."""
    user = request.user
    if two_factor.is_required_for(user):
        raise PermissionDenied(_("Staff accounts must keep two-step sign-in on."))
    if not two_factor.has_second_factor(user):
        raise Http404
    form = CodeForm(request.POST, label=_("A current code from your app"))
    if form.is_valid():
        try:
            two_factor.two_factor_turn_off(user=user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            messages.success(request, _("Two-step sign-in is off: your password alone signs in."))
            return redirect("members:two_factor")
    context = {
        "device": two_factor.app_device(user),
        "required": False,
        "codes_left": two_factor.recovery_codes_left(user),
        "off_form": form,
    }
    return render(request, "consortia/two_factor_settings.html", context, status=400)
