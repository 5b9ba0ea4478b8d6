"""Inviting members from the admin: a form on the member accounts' list.

``InviteMemberAdminMixin`` goes first in ``ConsortiumAccessAdmin``'s bases; it adds the
"Invite a member" button and page (``admin:consortia_consortiumaccess_invite``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from .forms import InviteForm
from .invitations import member_invite
from .permissions import can_invite_to_any_consortium


class InviteMemberAdminMixin:
    change_list_template = "admin/consortia/consortiumaccess/change_list.html"

    def has_invite_permission(self, request) -> bool:
        return can_invite_to_any_consortium(request.user)

    def get_urls(self):
        urls = [
            path(
                "invite/",
                self.admin_site.admin_view(self.invite_view),
                name="consortia_consortiumaccess_invite",
            )
        ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"can_invite": self.has_invite_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def invite_view(self, request):
        if not self.has_invite_permission(request):
            raise PermissionDenied
        form = InviteForm(request.POST or None, initial=request.GET.dict())
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            invitation = member_invite(
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.invitation(),
            )
            if invitation.created_access:
                self.message_user(
                    request,
                    _(
                        "%(email)s now acts for %(consortium)s and was sent an e-mail with a "
                        "link to set a password."
                    )
                    % {"email": invitation.user.email, "consortium": data["consortium"]},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "%(email)s already acted for %(consortium)s; the invitation e-mail was "
                        "sent again."
                    )
                    % {"email": invitation.user.email, "consortium": data["consortium"]},
                    messages.WARNING,
                )
            return HttpResponseRedirect(reverse("admin:consortia_consortiumaccess_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a member"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/consortia/consortiumaccess/invite.html", context)
