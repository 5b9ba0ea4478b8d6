"""Deleting findings in the admin, through ``findings.services.finding_delete``.

The service's rule (``findings.permissions.can_delete_finding``: curators delete drafts, a
finding with a review record is rejected or withdrawn instead) is the admin's rule: the
Delete page and the "delete selected" action of ``FindingAdmin`` and of the review queue ask
the service why not, and say so in a message instead of a 403 page. The attachments' files
go with their rows (``findings.attachments.remove_file_after_commit``).
"""

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from . import services
from .exceptions import FindingError
from .permissions import can_delete_finding


def _refused(request, findings) -> list:
    return [
        (finding, refusal)
        for finding in findings
        if (refusal := services.finding_deletion_refusal(finding=finding, user=request.user))
    ]


def delete_selected_findings(modeladmin, request, queryset):
    """Django's "delete selected" (its confirmation page, then ``delete_queryset``), once no
    selected finding is refused; otherwise nothing is deleted and a message says why."""
    refused = _refused(request, queryset)
    if not refused:
        try:
            with transaction.atomic():  # the log entries and the deletions, or nothing
                return delete_selected(modeladmin, request, queryset)
        except FindingError as error:  # a state changed since the selection was read
            modeladmin.message_user(
                request, _("Nothing was deleted. %(reason)s") % {"reason": error}, messages.ERROR
            )
            return None
    names = get_text_list([f"“{finding}”" for finding, _refusal in refused], _("and"))
    modeladmin.message_user(
        request,
        _("Nothing was deleted: %(findings)s cannot be deleted. %(reason)s")
        % {"findings": names, "reason": refused[0][1]},
        messages.ERROR,
    )
    return None


class FindingDeletionMixin:
    """Put before the ``ModelAdmin`` base of an admin of ``Finding`` or its proxies."""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_delete_finding(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions[name] = (delete_selected_findings, name, description)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        finding = self.get_object(request, unquote(object_id))
        if finding is None or not self.has_view_or_change_permission(request, finding):
            return super().delete_view(request, object_id, extra_context)
        refusal = services.finding_deletion_refusal(finding=finding, user=request.user)
        if refusal is None:
            try:
                return super().delete_view(request, object_id, extra_context)
            except FindingError as error:  # its state changed since the page was read
                refusal = error
        self.message_user(
            request,
            _("“%(finding)s” was not deleted. %(reason)s")
            % {"finding": finding, "reason": refusal},
            messages.ERROR,
        )
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[finding.pk],
                current_app=self.admin_site.name,
            )
        )

    def delete_model(self, request, obj):
        services.finding_delete(finding=obj, user=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for finding in queryset:
            services.finding_delete(finding=finding, user=request.user)
