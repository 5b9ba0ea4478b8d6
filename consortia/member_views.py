"""The members' workspace pages about consortia (under ``/me/``, the ``members`` namespace,
joined with findings' workspace pages in plp_portal/urls.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plp_portal.sessions import sessions_end_others

from .forms import InviteForm
from .invitations import member_invite as invite_service
from .permissions import can_invite_members_to, consortia_for


@login_required
def member_invite(request, slug):
    """Coordinators invite colleagues to their own consortium (as members)."""
    # A consortium the user does not act for is not disclosed: 404.
    consortium = get_object_or_404(consortia_for(request.user), slug=slug)
    if not can_invite_members_to(request.user, consortium):
        raise PermissionDenied(
            _("Only the coordinators of %(consortium)s can invite members to it.")
            % {"consortium": consortium.short_name}
        )
    form = InviteForm(request.POST or None, consortium=consortium)
    if request.method == "POST" and form.is_valid():
        invitation = invite_service(
            invited_by=request.user, base_url=request.build_absolute_uri("/"), **form.invitation()
        )
        names = {"email": invitation.user.email, "consortium": consortium.short_name}
        if invitation.created_access:
            messages.success(
                request,
                _(
                    "%(email)s can now act for %(consortium)s; "
                    "we sent them an e-mail to set their password."
                )
                % names,
            )
        else:
            messages.info(request, _("%(email)s already acts for %(consortium)s.") % names)
        return redirect("members:dashboard")
    return render(request, "consortia/member_invite.html", {"form": form, "consortium": consortium})


@require_POST
@login_required
def sign_out_elsewhere(request):
    """Ends every other session of the account: a lost phone, a shared computer."""
    sessions_end_others(request=request)
    messages.success(
        request,
        _(
            "You are signed out on every other browser and device. Your API tokens still work: "
            "revoke them under “API tokens” if they may be in the wrong hands."
        ),
    )
    return redirect("members:dashboard")
