"""Events with their programme: sessions, contributions, breakouts and key points.

Times are ISO 8601 with the offset of the event's own zone (named in `time_zone`), so
"13:00+01:00" reads as the programme printed it in Paris.
"""

from rest_framework import serializers

from consortia.api.serializers import HtmlUrlField, PersonRefSerializer
from findings.api.serializers import ThemeRefSerializer
from plp_portal.api_links import ObjectLinkField

from ..models import Breakout, Contribution, Event, KeyPoint, Session


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


class EventSerializer(serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:event-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    starts_at = EventTimeField(read_only=True)
    ends_at = EventTimeField(read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "has_programme",
            "schedule_note",
            "format",
            "venue",
            "summary",
            "themes",
            "participant_count",
            "contributor_count",
            "url",
            "html_url",
        ]

    def to_representation(self, instance):
        # Nested serializers share the root's context: every time below is in this zone.
        self.context["event_zone"] = instance.zone
        return super().to_representation(instance)


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "description", "sessions"]
