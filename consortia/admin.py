from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from plp_portal.admin_translations import MissingTranslationFilter, TranslatedContentAdmin

from . import admin_erasure, admin_users  # noqa: F401  (register their admins)
from .admin_invite import InviteMemberAdminMixin
from .enums import AccessRole
from .models import Consortium, ConsortiumAccess, Membership, Organisation, Person, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "start_date", "end_date"]
    search_fields = ["name", "funder"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "position", "affiliation"]
    list_select_related = ["affiliation"]
    list_filter = ["affiliation__country"]
    search_fields = ["family_name", "given_name", "position", "affiliation__name"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "slug"]}),
        (_("Role"), {"fields": ["position", "affiliation"]}),
        (
            _("Private contact"),
            {"fields": ["email"], "description": _("Never shown publicly.")},
        ),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


class ConsortiumAccessInline(admin.TabularInline):
    model = ConsortiumAccess
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name_plural = "member accounts (logins that act for this consortium)"


@admin.register(Consortium)
class ConsortiumAdmin(TranslatedContentAdmin):
    list_display = [
        "short_name",
        "title",
        "lead",
        "partner_count",
        "signoff",
        "start_date",
        "end_date",
        "missing_translations",
    ]
    list_filter = ["programme", MissingTranslationFilter]
    search_fields = ["short_name", "title", "topic"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline, ConsortiumAccessInline]
    readonly_fields = ["signoff"]

    def get_queryset(self, request):
        coordinators = Q(accesses__role=AccessRole.COORDINATOR, accesses__user__is_active=True)
        return (
            super()
            .get_queryset(request)
            .with_organisations()
            .annotate(
                organisation_count=Count("memberships", distinct=True),
                coordinator_count=Count("accesses", filter=coordinators, distinct=True),
            )
        )

    @admin.display(description=_("coordinator sign-off"))
    def signoff(self, consortium):
        """What the setting does today: a consortium without a coordinator falls back to
        direct submission, and says so."""
        if consortium.pk is None:
            return _("On for a new consortium, once it has a coordinator.")
        if not consortium.requires_coordinator_signoff:
            return _("Off: submissions go to the curators directly.")
        count = getattr(consortium, "coordinator_count", None)
        if count is None:
            count = consortium.accesses.filter(
                role=AccessRole.COORDINATOR, user__is_active=True
            ).count()
        if not count:
            return _(
                "On, but this consortium has no coordinator: submissions go to the curators "
                "directly."
            )
        return _("On: a coordinator signs submissions off before the curators see them.")

    @admin.display(description=_("lead organisation"))
    def lead(self, consortium):
        return consortium.lead_organisation or "—"

    @admin.display(description=_("organisations"), ordering="organisation_count")
    def partner_count(self, consortium):
        return consortium.organisation_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "consortium", "role"]
    list_select_related = ["organisation", "consortium"]
    list_filter = ["role", "consortium"]
    search_fields = ["organisation__name", "organisation__acronym", "consortium__short_name"]
    autocomplete_fields = ["organisation", "consortium"]


@admin.register(ConsortiumAccess)
class ConsortiumAccessAdmin(InviteMemberAdminMixin, admin.ModelAdmin):
    list_display = ["user", "consortium", "role", "created_at"]
    list_select_related = ["user", "consortium"]
    list_filter = ["role", "consortium"]
    search_fields = ["user__username", "user__email", "consortium__short_name"]
    autocomplete_fields = ["user", "consortium"]
