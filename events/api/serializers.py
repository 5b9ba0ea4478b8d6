"""Events with their programme: sessions, contributions, breakouts and key points.

Times are ISO 8601 with the offset of the event's own zone (named in `time_zone`), so
"13:00+01:00" reads as the programme printed it in Paris.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consortia.api.serializers import HtmlUrlField, PersonRefSerializer
from findings.api.serializers import ThemeRefSerializer
from findings.output_enums import OutputType
from plp_portal.api_links import ObjectLinkField
from plp_portal.object_urls import object_url

from ..models import Breakout, Contribution, Event, EventScheduleChange, KeyPoint, Session


class EventTimeField(serializers.DateTimeField):
    """A moment shown in the zone of the event being serialised."""

    def to_representation(self, value):
        if value is None:
            return None
        zone = self.context.get("event_zone")
        return (value.astimezone(zone) if zone else value).isoformat()


class FindingSlugsField(serializers.ListField):
    """The slugs of the linked findings that are listed (published; not withdrawn)."""

    child = serializers.SlugField()

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager):
        # The prefetch keeps only listed findings (see events.api.views).
        return [finding.slug for finding in manager.all()]


class KeyPointSerializer(serializers.ModelSerializer):
    findings = FindingSlugsField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = KeyPoint
        fields = ["position", "text", "themes", "findings"]


class BreakoutSerializer(serializers.ModelSerializer):
    theme = ThemeRefSerializer(read_only=True)
    rapporteur = PersonRefSerializer(read_only=True, allow_null=True)
    participants = PersonRefSerializer(many=True, read_only=True)
    key_points = KeyPointSerializer(many=True, read_only=True)
    findings = FindingSlugsField()

    class Meta:
        model = Breakout
        fields = [
            "position",
            "title",
            "theme",
            "rapporteur",
            "participants",
            "summary",
            "key_points",
            "findings",
        ]


class ContributionSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    consortium = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    findings = FindingSlugsField()

    class Meta:
        model = Contribution
        fields = ["position", "kind", "title", "summary", "person", "consortium", "findings"]


class SessionSerializer(serializers.ModelSerializer):
    starts_at = EventTimeField(read_only=True, allow_null=True)
    ends_at = EventTimeField(read_only=True, allow_null=True)
    moderator = PersonRefSerializer(read_only=True, allow_null=True)
    contributions = ContributionSerializer(many=True, read_only=True)
    breakouts = BreakoutSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "position",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "moderator",
            "summary",
            "contributions",
            "breakouts",
        ]


class ScheduleChangeSerializer(serializers.ModelSerializer):
    """One change to the event's schedule, with the dates before and (rescheduled) after."""

    previous_starts_at = EventTimeField(read_only=True)
    previous_ends_at = EventTimeField(read_only=True)
    new_starts_at = EventTimeField(read_only=True, allow_null=True)
    new_ends_at = EventTimeField(read_only=True, allow_null=True)
    changed_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The day the change was announced; null when the sources do not say.",
    )
    recorded_at = serializers.DateTimeField(
        read_only=True, help_text="When the portal recorded the change."
    )

    class Meta:
        model = EventScheduleChange
        fields = [
            "kind",
            "changed_on",
            "previous_starts_at",
            "previous_ends_at",
            "new_starts_at",
            "new_ends_at",
            "reason",
            "recorded_at",
        ]


class LaunchedOutputSerializer(serializers.Serializer):
    """A published output launched at the event (an ``OutputLaunch``): read whole at its
    ``url``."""

    slug = serializers.SlugField(source="output.slug", read_only=True)
    title = serializers.CharField(source="output.title", read_only=True)
    type = serializers.ChoiceField(
        source="output.output_type",
        choices=OutputType.choices,
        read_only=True,
        help_text="As in /api/v1/outputs/: report, white paper, dataset …",
    )
    consortium = serializers.SlugField(
        source="output.consortium.slug", read_only=True, help_text="Its consortium's slug."
    )
    session = serializers.IntegerField(
        source="session.position",
        read_only=True,
        allow_null=True,
        help_text="The position of the session it was launched in (as in `sessions`); null "
        "when not recorded.",
    )
    url = serializers.SerializerMethodField(help_text="The output in the API.")
    html_url = serializers.SerializerMethodField(help_text="The output's page on the public site.")

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, launch) -> str:
        return self._absolute(object_url("api:output-detail", launch.output.slug))

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, launch) -> str:
        return self._absolute(launch.output.get_absolute_url())


class EventSerializer(serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:event-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    starts_at = EventTimeField(read_only=True)
    ends_at = EventTimeField(read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True)
    schedule_status = serializers.ChoiceField(
        choices=Event._meta.get_field("schedule_status").choices,
        read_only=True,
        help_text=(
            "scheduled (on its first dates), rescheduled (on new dates), postponed (new dates "
            "not yet known; starts_at and ends_at are the dates it was planned for) or "
            "cancelled. The detail lists the changes in `schedule_changes`."
        ),
    )
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="The event's own last change (a schedule change among them)."
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "has_programme",
            "schedule_status",
            "format",
            "venue",
            "summary",
            "themes",
            "participant_count",
            "contributor_count",
            "updated_at",
            "url",
            "html_url",
        ]

    def to_representation(self, instance):
        # Nested serializers share the root's context: every time below is in this zone.
        self.context["event_zone"] = instance.zone
        return super().to_representation(instance)


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    schedule_changes = serializers.SerializerMethodField()
    launched_outputs = LaunchedOutputSerializer(
        many=True,
        read_only=True,
        help_text="The published outputs launched at the event, by title (at most 50), as its "
        "page lists them: drafts, submitted and withdrawn outputs never appear.",
    )

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "schedule_changes",
            "description",
            "sessions",
            "launched_outputs",
        ]

    @extend_schema_field(ScheduleChangeSerializer(many=True))
    def get_schedule_changes(self, event):
        """The changes to the schedule, oldest first ([] for an event on its first dates)."""
        if not event.schedule_sequence:
            return []  # no query for the events that never moved
        return ScheduleChangeSerializer(
            event.schedule_changes.all(), many=True, context=self.context
        ).data
