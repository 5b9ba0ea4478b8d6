from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from plp_portal.admin_translations import MissingTranslationFilter, TranslatedContentAdmin

from .admin_delete import FindingDeletionMixin
from .admin_review import FindingCurationMixin  # also registers the review queue
from .claims import include_target_goals
from .models import (
    SDG,
    Attachment,
    Evidence,
    Finding,
    PolicyLever,
    Review,
    SDGTarget,
    Source,
    Theme,
)
from .output_admin import OutputAdmin  # noqa: F401  (registers outputs and their queue)


@admin.register(Theme)
class ThemeAdmin(TranslatedContentAdmin):
    list_display = ["name", "kind", "position", "missing_translations"]
    list_editable = ["position"]
    list_filter = ["kind", MissingTranslationFilter]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    """The goals are fixed reference data: curators read them, a migration writes them."""

    list_display = ["number", "short_name", "colour"]
    search_fields = ["short_name", "=number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyLever)
class PolicyLeverAdmin(TranslatedContentAdmin):
    """The policy levers findings may concern: a vocabulary curators extend."""

    list_display = ["name", "slug", "position", "missing_translations"]
    list_editable = ["position"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SDGTarget)
class SDGTargetAdmin(admin.ModelAdmin):
    """The 169 targets are fixed reference data, loaded by a migration (read only)."""

    list_display = ["code", "goal", "text"]
    list_filter = ["goal"]
    search_fields = ["=code", "text"]
    list_select_related = ["goal"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CountryListFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return list(countries)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.drawing_on(self.value())
        return queryset


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "count", "note"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    # The file too: a replacement would skip the content check of findings.attachments.
    readonly_fields = ["file", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        # Uploads go through the members' form, which checks the file's content.
        return False


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    # An empty "released at" marks a decision kept pending (findings.services.finding_release).
    fields = ["created_at", "decision", "reviewer", "comment", "released_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(
    FindingCurationMixin, FindingDeletionMixin, TranslatedContentAdmin, SimpleHistoryAdmin
):
    list_display = [
        "title",
        "consortium",
        "status",
        "published_at",
        "updated_at",
        "missing_translations",
    ]
    list_select_related = ["consortium"]
    list_filter = [
        "status",
        "consortium",
        "themes",
        "sdgs",
        "kind",
        "levers",
        "levels",
        "evidence__kind",
        CountryListFilter,
        MissingTranslationFilter,
    ]  # events.admin adds the filter by event
    search_fields = ["title", "summary", "body", "consortium__short_name"]
    autocomplete_fields = ["consortium", "themes", "sdgs", "author", "sdg_targets", "outputs"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["status", "version", "published_at", "created_at", "updated_at"]
    inlines = [SourceInline, EvidenceInline, AttachmentInline, ReviewInline]
    fieldsets = [
        (None, {"fields": ["consortium", "language", "title", "slug", "summary", "body"]}),
        (_("Classification"), {"fields": ["themes", "sdgs", "countries", "outputs"]}),
        (
            _("What kind of claim"),
            {
                "fields": ["kind", "levers", "levels", "sdg_targets"],
                "description": _("The SDGs of the chosen targets are added to its SDGs."),
            },
        ),
        (_("Citation"), {"fields": ["doi"]}),
        (
            _("Life cycle"),
            {
                "fields": [
                    "status",
                    "author",
                    "version",
                    "created_at",
                    "updated_at",
                    "published_at",
                ]
            },
        ),
    ]
    filter_horizontal = ["levers", "levels"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        include_target_goals(form.instance)  # the rule of findings.claims


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The review record is a log: it is read, never edited."""

    list_display = ["finding", "decision", "reviewer", "created_at"]
    list_select_related = ["finding", "reviewer"]
    list_filter = ["decision"]
    search_fields = ["finding__title", "comment"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from .reactions import admin as reactions_admin  # noqa: E402, F401  (registers its admins)
