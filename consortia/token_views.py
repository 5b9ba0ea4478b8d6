"""/me/tokens/: a signed-in member makes, sees and revokes their personal API tokens."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plp_portal.rate_limits import TOKEN_CREATE, rate_limited

from .tokens import ApiToken, api_token_create, api_token_revoke


class ApiTokenForm(forms.ModelForm):
    """A token's name, and the last day it works: a day, not a moment, typed or picked the
    same way in every browser (a date-and-time field shows each browser's own order)."""

    last_day = forms.DateField(
        required=False,
        label=_("Last day it works (optional)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Give the date as year-month-day, e.g. 2030-03-31.")},
    )

    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("What is it for?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_day"].help_text = _(
            "Pick the day from the calendar, or type it in the order the box shows; where the "
            "box is plain text, type year-month-day, e.g. 2030-03-31. The token stops working "
            "at midnight at the end of that day (%(zone)s time). Leave it empty for a token "
            "that works until you revoke it."
        ) % {"zone": settings.TIME_ZONE}

    def clean_last_day(self):
        day = self.cleaned_data.get("last_day")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Give today or a later day, or leave it empty."))
        return day

    @property
    def expires_at(self) -> dt.datetime | None:
        """Midnight at the end of the last day, in the portal's time zone."""
        day = self.cleaned_data.get("last_day")
        if day is None:
            return None
        next_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        return timezone.make_aware(next_day)


@never_cache
@login_required
@rate_limited(TOKEN_CREATE)
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = api_token_create(
            user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at
        )
        # Rendered, not redirected: the key exists only in this response.
        return render(request, "consortia/token_created.html", {"token": token, "key": key})
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "consortia/token_list.html", {"form": form, "tokens": tokens})


@require_POST
@login_required
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(
        request,
        _gettext("The token “%(name)s” (%(prefix)s…) no longer works.")
        % {"name": token.name, "prefix": token.prefix},
    )
    return redirect("tokens:token_list")
