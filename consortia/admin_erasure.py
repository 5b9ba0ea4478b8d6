"""Erasure requests in the admin: curators see who asked and when, and carry requests out
(after a confirmation page, since nothing can bring the data back)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .erasure import ErasureRefused, ErasureRequest, account_erase, erasure_refusal

ERASE_PERMISSION = "consortia.erase_account"


@admin.action(description=gettext_lazy("Erase the accounts of the selected requests…"))
def erase_accounts(modeladmin, request, queryset):
    open_requests = list(queryset.filter(erased_at__isnull=True).select_related("user"))
    refused = [(item, erasure_refusal(item.user)) for item in open_requests]
    refused = [(item, reason) for item, reason in refused if reason]
    if refused:
        modeladmin.message_user(
            request, _("Nothing was erased. %(reason)s") % {"reason": refused[0][1]}, messages.ERROR
        )
        return None
    if not open_requests:
        modeladmin.message_user(
            request, _("The selected requests were already carried out."), messages.WARNING
        )
        return None
    if request.POST.get("confirmed") != "yes":
        return TemplateResponse(
            request,
            "admin/consortia/erasurerequest/erase_confirmation.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": _("Erase accounts"),
                "opts": modeladmin.model._meta,
                "requests": open_requests,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action_name": request.POST.get("action"),
            },
        )
    try:
        with transaction.atomic():
            for item in open_requests:
                account_erase(user=item.user, erased_by=request.user)
    except ErasureRefused as refusal:
        modeladmin.message_user(request, _("Nothing was erased. %(reason)s") % {"reason": refusal})
        return None
    count = len(open_requests)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d account erased: its personal data are gone, its published findings "
            "are now credited to “Former member”.",
            "%(count)d accounts erased: their personal data are gone, their published findings "
            "are now credited to “Former member”.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )
    return None


erase_accounts.allowed_permissions = ("erase",)


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "account", "requested_at", "state", "erased_at", "erased_by"]
    list_filter = [("erased_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "erased_by"]
    fields = ["user", "requested_at", "erased_at", "erased_by"]
    readonly_fields = ["requested_at", "erased_at", "erased_by"]
    autocomplete_fields = ["user"]
    actions = [erase_accounts]

    @admin.display(description=gettext_lazy("account"))
    def account(self, obj):
        return obj.user.get_username() if obj.user else _("(erased)")

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj):
        return _("waiting") if obj.is_open else _("carried out")

    def get_readonly_fields(self, request, obj=None):
        # A request is recorded for an account, then never edited: only carried out.
        return [*self.readonly_fields, "user"] if obj is not None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_erase_permission(self, request):
        return request.user.has_perm(ERASE_PERMISSION)
