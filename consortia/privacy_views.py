"""``/me/privacy/``: a member downloads what the portal keeps about them, and may ask to be
erased (a curator carries it out; see consortia.erasure)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .erasure import (
    erasure_refusal,
    erasure_request_cancel,
    erasure_request_create,
    open_request_of,
)
from .personal_data import personal_data_export


class ErasureRequestForm(forms.Form):
    """Asking to be erased needs the password again: a session left open is not enough."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account and my unpublished findings will be deleted for good."
        )
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


def _page(request, form=None, status=200):
    context = {
        "form": form or ErasureRequestForm(user=request.user),
        "open_request": open_request_of(request.user),
        "refusal": erasure_refusal(request.user),
    }
    return render(request, "consortia/privacy_settings.html", context, status=status)


@never_cache
@login_required
def privacy(request):
    return _page(request)


@never_cache
@login_required
def data_download(request):
    """Everything the portal keeps about the signed-in account, as one JSON file."""
    data = personal_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="plp-portal-my-data-{day}.json"'
    return response


@never_cache
@require_POST
@login_required
def erasure_request(request):
    if erasure_refusal(request.user):
        return _page(request, status=403)
    form = ErasureRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    erasure_request_create(user=request.user)
    messages.success(
        request,
        _(
            "Your request is recorded. A curator will erase your account; until then you can "
            "still withdraw the request here."
        ),
    )
    return redirect("members:privacy")


@never_cache
@require_POST
@login_required
def erasure_cancel(request):
    if erasure_request_cancel(user=request.user):
        messages.success(request, _("Your request to be erased is withdrawn."))
    return redirect("members:privacy")
