"""The members' page to react to another consortium's finding (``/me/reactions/<slug>/``).

The refusals are ``rules.reaction_refusal``'s, shown on ``members/refused.html`` with the
same status the API answers with; a duplicate or missing evidence is a form error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..exceptions import FindingError
from ..form_errors import error_summary
from ..models import Finding
from . import rules, services
from .enums import ReactionKind
from .forms import ReactionForm


def _refused(request, error: FindingError):
    return render(
        request, "members/refused.html", {"error": error, "finding": None}, status=error.http_status
    )


@login_required
def reaction_create(request, slug):
    try:
        finding = Finding.objects.public().select_related("consortium").get(slug=slug)
    except Finding.DoesNotExist:
        raise Http404("No published finding with this address.") from None
    refusal = rules.reaction_refusal(user=request.user, finding=finding)
    if refusal is not None:
        return _refused(request, refusal)
    kind = request.GET.get("kind")
    initial = {"kind": kind if kind in ReactionKind.values else ReactionKind.ENDORSED}
    form = ReactionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        finding=finding,
        initial=initial,
    )
    if not form.fields["organisation"].queryset.exists():
        return _refused(request, rules.reaction_refusal_no_organisation(finding))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reaction_submit(finding=finding, user=request.user, **form.cleaned_data)
            except services.ReactionInvalid as invalid:
                for field, message in invalid.errors.items():
                    form.add_error(field, message)
            except FindingError as error:
                if error.http_status != 400:
                    return _refused(request, error)
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your reaction to “%(finding)s” waits for a curator's review.")
                    % {"finding": finding.title},
                )
                return redirect("members:dashboard")
        status = 400
    return render(
        request,
        "findings/reaction_form.html",
        {"finding": finding, "form": form, "errors": error_summary(form) if form.errors else []},
        status=status,
    )
