"""Curators moderate reactions in the admin (a queue, like submitted findings) and record
policy uptakes. Every decision goes through ``findings.reactions.services``."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..exceptions import FindingError
from ..permissions import is_curator_account
from . import services
from .enums import ReactionStatus
from .models import PolicyUptake, Reaction, SubmittedReaction


class ReactionModeration:
    list_display = ["finding", "organisation", "kind", "status", "author", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["finding__title", "organisation__name", "note", "evidence"]
    list_select_related = ["finding", "organisation", "author"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "finding",
        "organisation",
        "kind",
        "country",
        "place",
        "note",
        "evidence",
        "status",
        "author",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    fields = [*readonly_fields[:-3], "curator_comment", *readonly_fields[-3:]]
    actions = ["publish_reactions", "reject_reactions"]

    def has_add_permission(self, request):
        return False  # members write reactions on their pages or through the API

    def has_delete_permission(self, request, obj=None):
        return False  # a decision keeps its record: reject instead

    def _decide(self, request, queryset, target):
        done = 0
        for reaction in queryset:
            try:
                services.reaction_decide(reaction=reaction, user=request.user, target=target)
            except FindingError as error:
                self.message_user(request, f"{reaction}: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d reaction decided.", "%(count)d reactions decided.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Publish the selected reactions"), permissions=["change"])
    def publish_reactions(self, request, queryset):
        self._decide(request, queryset, ReactionStatus.PUBLISHED)

    @admin.action(description=_("Reject the selected reactions"), permissions=["change"])
    def reject_reactions(self, request, queryset):
        self._decide(request, queryset, ReactionStatus.REJECTED)

    def has_change_permission(self, request, obj=None):
        return is_curator_account(request.user) and super().has_change_permission(request, obj)


@admin.register(Reaction)
class ReactionAdmin(ReactionModeration, admin.ModelAdmin):
    pass


@admin.register(SubmittedReaction)
class SubmittedReactionAdmin(ReactionModeration, admin.ModelAdmin):
    """The queue: reactions waiting for a decision, oldest first."""

    list_filter = ["kind"]
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ReactionStatus.SUBMITTED)


@admin.register(PolicyUptake)
class PolicyUptakeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "issuer", "country", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "issuer", "description"]
    autocomplete_fields = ["findings"]
