from django.contrib import admin

from .models import Breakout, Contribution, Event, KeyPoint, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["position", "kind", "title", "starts_at", "ends_at", "moderator"]
    autocomplete_fields = ["moderator"]
    show_change_link = True


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "time_zone", "format", "status"]
    list_filter = ["status", "format", "programme"]
    search_fields = ["title", "summary", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["themes"]
    inlines = [SessionInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "status"]}),
        (
            "When and where",
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "time_zone",
                    "has_programme",
                    "schedule_note",
                    "format",
                    "venue",
                ],
                "description": "Times are entered in the server's zone "
                "and shown to the public in the event's zone.",
            },
        ),
        ("About", {"fields": ["summary", "description", "themes"]}),
        ("Figures", {"fields": ["participant_count", "contributor_count"]}),
    ]


class ContributionInline(admin.StackedInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["person", "consortium", "findings"]
    fields = [("position", "kind"), ("person", "consortium"), "title", "summary", "findings"]


class BreakoutInline(admin.StackedInline):
    model = Breakout
    extra = 0
    autocomplete_fields = ["theme", "rapporteur", "participants", "findings"]
    fields = [("position", "title"), ("theme", "rapporteur"), "summary", "participants", "findings"]
    show_change_link = True


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "position", "kind", "starts_at", "moderator"]
    list_select_related = ["event", "moderator"]
    list_filter = ["kind", "event"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event", "moderator"]
    inlines = [ContributionInline, BreakoutInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "consortium", "session", "position"]
    list_select_related = ["person", "consortium", "session__event"]
    list_filter = ["kind", "consortium", "session__event"]
    search_fields = ["title", "person__family_name", "consortium__short_name"]
    autocomplete_fields = ["session", "person", "consortium", "findings"]


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 1
    autocomplete_fields = ["findings", "themes"]


@admin.register(Breakout)
class BreakoutAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "rapporteur", "session", "position"]
    list_select_related = ["theme", "rapporteur", "session__event"]
    list_filter = ["theme", "session__event"]
    search_fields = ["title", "theme__name", "rapporteur__family_name"]
    autocomplete_fields = ["session", "theme", "rapporteur", "participants", "findings"]
    inlines = [KeyPointInline]


@admin.register(KeyPoint)
class KeyPointAdmin(admin.ModelAdmin):
    list_display = ["__str__", "breakout", "position"]
    list_select_related = ["breakout"]
    list_filter = ["breakout__session__event", "breakout"]
    search_fields = ["text", "breakout__title"]
    autocomplete_fields = ["breakout", "findings", "themes"]
