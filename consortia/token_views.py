"""/me/tokens/: a signed-in member makes, sees and revokes their personal API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plp_portal.rate_limits import TOKEN_CREATE, rate_limited

from .tokens import ApiToken, api_token_create, api_token_revoke


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "expires_at"]
        labels = {
            "name": gettext_lazy("What is it for?"),
            "expires_at": gettext_lazy("Expires (optional)"),
        }
        widgets = {"expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Give a moment in the future, or leave it empty."))
        return value


@never_cache
@login_required
@rate_limited(TOKEN_CREATE)
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = api_token_create(user=request.user, **form.cleaned_data)
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
        _("The token “%(name)s” (%(prefix)s…) no longer works.")
        % {"name": token.name, "prefix": token.prefix},
    )
    return redirect("tokens:token_list")
