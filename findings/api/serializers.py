"""Representations of themes, SDGs and findings, and the members' writing format."""

from django.db.models import Prefetch
from django_countries import countries as all_countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consortia.api.serializers import ConsortiumRefSerializer, HtmlUrlField
from consortia.country_choices import CountryCodeChoiceField
from consortia.models import Consortium
from plp_portal.api_fields import StrictCharField, StrictURLField, WholeNumberKeyField
from plp_portal.api_links import ObjectLinkField, SharedRefMixin
from plp_portal.api_list_items import CachedItemsListSerializer
from plp_portal.content_language import translations_of

from .. import counts as finding_counts
from ..enums import ClaimKind, ContentLanguage, EvidenceKind, FindingStatus, ReviewDecision
from ..markdown import render_markdown
from ..models import (
    SDG,
    Attachment,
    Evidence,
    Finding,
    GovernmentLevel,
    PolicyLever,
    Review,
    SDGTarget,
    Source,
    Theme,
)
from ..output_models import Output
from ..reactions.selectors import published_reactions_prefetch, reaction_counts


class ThemeRefSerializer(SharedRefMixin, serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:theme-detail", lookup_field="slug")

    class Meta:
        model = Theme
        fields = ["slug", "name", "kind", "url"]


@extend_schema_field(OpenApiTypes.INT)
class FindingCountField(serializers.Field):
    """Published findings of the object, from one cached grouped count (findings.counts) for the
    whole response: never a count per row."""

    def __init__(self, counts, **kwargs):
        self.counts = counts
        kwargs.update(source="pk", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, pk) -> int:
        memo = self.context.setdefault("finding_counts", {})
        if self.counts not in memo:
            memo[self.counts] = self.counts()
        return memo[self.counts].get(pk, 0)


class ThemeSerializer(ThemeRefSerializer):
    html_url = HtmlUrlField()
    finding_count = FindingCountField(
        finding_counts.published_by_theme, help_text="Published findings on this theme."
    )

    class Meta(ThemeRefSerializer.Meta):
        fields = ["slug", "name", "kind", "description", "position", "finding_count", "url",
                  "html_url"]  # fmt: skip


class SDGRefSerializer(SharedRefMixin, serializers.ModelSerializer):
    url = ObjectLinkField(
        view_name="api:sdg-detail", lookup_field="number", lookup_url_kwarg="number"
    )

    class Meta:
        model = SDG
        fields = ["number", "short_name", "colour", "url"]


class SDGSerializer(SDGRefSerializer):
    html_url = HtmlUrlField()
    finding_count = FindingCountField(
        finding_counts.published_by_sdg, help_text="Published findings on this goal."
    )

    class Meta(SDGRefSerializer.Meta):
        fields = [*SDGRefSerializer.Meta.fields, "finding_count", "html_url"]


class PolicyLeverRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyLever
        fields = ["slug", "name"]


class SDGTargetRefSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="goal_id", read_only=True, help_text="Its SDG.")

    class Meta:
        model = SDGTarget
        fields = ["code", "goal", "text"]


class EvidenceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    count = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text="How many (case studies, respondents…), where that applies; else null.",
    )

    class Meta:
        model = Evidence
        fields = ["kind", "count", "note"]
        extra_kwargs = {"note": {"required": False}}


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["label", "url"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Where to download the file.")

    class Meta:
        model = Attachment
        fields = ["title", "url", "content_type", "size", "uploaded_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        request = self.context.get("request")
        url = attachment.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class CountryListField(serializers.ListField):
    child = CountryCodeChoiceField()

    def to_representation(self, data):
        return [country.code for country in data]


#: What the claim fields read: one query each, for a whole page.
CLAIM_PREFETCH = ("levers", "levels", "evidence", "sdg_targets")


def published_outputs_prefetch() -> Prefetch:
    """The published outputs a finding rests on, as ``finding.published_outputs``: what its
    ``outputs`` field reads, one query for a whole page."""
    return Prefetch(
        "outputs",
        queryset=Output.objects.published().only("id", "slug").order_by("slug"),
        to_attr="published_outputs",
    )


class ReactionCountsSerializer(serializers.Serializer):
    """A finding's published reactions (findings.reactions), counted: submitted and rejected
    ones are never counted."""

    endorsed = serializers.IntegerField(
        read_only=True, min_value=0, help_text="Published endorsements."
    )
    applied = serializers.IntegerField(
        read_only=True,
        min_value=0,
        help_text="Published reactions of organisations that have applied it.",
    )
    otherwise = serializers.IntegerField(
        read_only=True,
        min_value=0,
        help_text='Published "found otherwise" reactions (organisations whose evidence differs).',
    )
    contested = serializers.BooleanField(
        read_only=True,
        help_text='At least one published "found otherwise": what ?contested=1 lists.',
    )

    def to_representation(self, finding):
        return super().to_representation(reaction_counts(finding))


class FindingListSerializer(serializers.ModelSerializer):
    """A finding in a list: what it is about and where to read it, with its summary but not its
    body (the detail has the body, sources and attachments)."""

    url = ObjectLinkField(view_name="api:finding-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    consortium = ConsortiumRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=FindingStatus.choices, read_only=True)
    withdrawn = serializers.SerializerMethodField(
        help_text="Withdrawn by the curators: still citable, no longer current."
    )
    themes = ThemeRefSerializer(many=True, read_only=True)
    sdgs = SDGRefSerializer(many=True, read_only=True)
    countries = CountryListField(
        read_only=True, help_text="ISO 3166-1 alpha-2 codes of the countries it draws on."
    )
    language = serializers.ChoiceField(
        choices=ContentLanguage.choices,
        read_only=True,
        help_text="The language it was written in. Title, summary and body are given in the "
        "request's language (Accept-Language) when translated, else in this one.",
    )
    # The structured claim (findings.claims).
    kind = serializers.ChoiceField(
        choices=ClaimKind.choices,
        read_only=True,
        allow_blank=True,  # the schema then allows "" (findings written before kinds were asked)
        help_text='Observation, lesson learned or recommendation; "" when not given.',
    )
    levers = PolicyLeverRefSerializer(
        many=True, read_only=True, help_text="The policy levers it concerns."
    )
    levels = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text="The levels of government it addresses: local, regional, national, "
        "international.",
    )
    evidence = EvidenceSerializer(many=True, read_only=True, help_text="What it rests on.")
    sdg_targets = SDGTargetRefSerializer(
        many=True, read_only=True, help_text="The SDG targets it concerns."
    )
    outputs = serializers.SerializerMethodField(
        help_text="The slugs of the published outputs (reports, white papers, datasets …) it "
        "rests on, in alphabetical order: each is read at /api/v1/outputs/<slug>/. Outputs not "
        "published (drafts, submitted, withdrawn) are never named."
    )
    reactions = ReactionCountsSerializer(
        source="*",
        read_only=True,
        help_text="Its published reactions by kind (read each at /api/v1/findings/<slug>/"
        "reactions/), and whether it is contested.",
    )

    class Meta:
        model = Finding
        fields = [
            "slug",
            "title",
            "status",
            "withdrawn",
            "consortium",
            "summary",
            "themes",
            "sdgs",
            "countries",
            "created_at",
            "updated_at",
            "published_at",
            "version",
            "url",
            "html_url",
            "language",
            "doi",
            "kind",
            "levers",
            "levels",
            "evidence",
            "sdg_targets",
            "outputs",
            "reactions",
        ]
        extra_kwargs = {
            "doi": {"help_text": 'Its DOI ("10.5281/zenodo.1234567"), or "" when it has none.'}
        }
        list_serializer_class = CachedItemsListSerializer
        # What an item shows: retired when any of these changes.
        cached_item_tags = ["findings.finding", "findings.theme", "findings.sdg",
                            "consortia.consortium", "findings.policylever",
                            "findings.evidence", "findings.output",
                            "findings.reaction"]  # fmt: skip
        cached_item_prefetch = ["themes", "sdgs", *CLAIM_PREFETCH, published_outputs_prefetch(),
                                published_reactions_prefetch()]  # fmt: skip

    def get_withdrawn(self, finding) -> bool:
        return finding.status == FindingStatus.WITHDRAWN

    def get_outputs(self, finding) -> list[str]:
        outputs = getattr(finding, "published_outputs", None)
        if outputs is None:  # a finding not read with published_outputs_prefetch()
            outputs = finding.outputs.published().only("slug").order_by("slug")
        return [output.slug for output in outputs]


class FindingSerializer(FindingListSerializer):
    """A finding whole: the list's fields, and its body (Markdown and HTML), sources and
    attachments."""

    body_html = serializers.SerializerMethodField(help_text="The body rendered as safe HTML.")
    translations = serializers.SerializerMethodField(
        help_text='Its own text in each other language it is translated into: {"fr": {"title", '
        '"summary", "body"}}; a field not translated is "".'
    )
    sources = SourceSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(FindingListSerializer.Meta):
        fields = [
            *FindingListSerializer.Meta.fields[:6],  # slug … summary
            "body",
            "body_html",
            *FindingListSerializer.Meta.fields[6:9],  # themes, sdgs, countries
            "sources",
            "attachments",
            *FindingListSerializer.Meta.fields[9:],  # the dates, version, urls, language
            "translations",
        ]
        # A whole finding is never listed through the list's item cache.
        list_serializer_class = serializers.ListSerializer

    def get_body_html(self, finding) -> str:
        return str(render_markdown(finding.body))

    def get_translations(self, finding) -> dict[str, dict[str, str]]:
        return translations_of(finding)


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text="Who took the step."
    )
    decision = serializers.ChoiceField(choices=ReviewDecision.choices, read_only=True)

    class Meta:
        model = Review
        fields = ["decision", "reviewer", "comment", "created_at", "released_at"]
        extra_kwargs = {
            "released_at": {
                "help_text": "When the step took effect; null for a decision a curator keeps "
                "pending (only curators see those)."
            }
        }


class SourceInputSerializer(serializers.Serializer):
    label = StrictCharField(max_length=Source._meta.get_field("label").max_length)
    url = StrictURLField(max_length=Source._meta.get_field("url").max_length)


class FindingWriteSerializer(serializers.Serializer):
    """What a member sends to create or change a draft. The status changes only through the
    decision endpoints (submit, publish …); the slug is made from the title."""

    consortium = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Consortium.objects.all(),
        help_text="The consortium's slug; only on create, and one you act for.",
    )
    title = StrictCharField(max_length=Finding._meta.get_field("title").max_length)
    summary = serializers.CharField(help_text="Two or three sentences, plain text.")
    body = serializers.CharField(required=False, allow_blank=True, help_text="Markdown.")
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    sdgs = WholeNumberKeyField(
        queryset=SDG.objects.all(), many=True, required=False, help_text="SDG numbers (1–17)."
    )
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=list(all_countries)),
        required=False,
        help_text="ISO 3166-1 alpha-2 codes.",
    )
    sources = SourceInputSerializer(many=True, required=False)
    outputs = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Output.objects.all(),
        many=True,
        required=False,
        help_text="The slugs of the outputs it rests on: your consortium's, or published ones.",
    )
    kind = serializers.ChoiceField(
        choices=ClaimKind.choices,
        required=False,
        allow_blank=True,
        help_text='observation, lesson_learned or recommendation ("" for none).',
    )
    levers = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PolicyLever.objects.all(),
        many=True,
        required=False,
        help_text="Policy lever slugs.",
    )
    levels = serializers.PrimaryKeyRelatedField(
        queryset=GovernmentLevel.objects.all(),
        many=True,
        required=False,
        help_text="local, regional, national, international.",
    )
    evidence = EvidenceSerializer(
        many=True,
        required=False,
        help_text='What it rests on (replaces all): [{"kind": "case_studies", "count": 12}].',
    )
    sdg_targets = serializers.PrimaryKeyRelatedField(
        queryset=SDGTarget.objects.all(),
        many=True,
        required=False,
        help_text='SDG target codes ("12.6", "1.a"); the finding\'s SDGs then include their goals.',
    )

    def validate_evidence(self, rows):
        kinds = [row["kind"] for row in rows]
        if len(kinds) != len(set(kinds)):
            raise serializers.ValidationError("Give each kind of evidence once.")
        return rows


class FindingUpdateSerializer(FindingWriteSerializer):
    consortium = None
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The version the change is based on (or send it as If-Match). A stale version "
            "is refused with 409 (412 with If-Match)."
        ),
    )


class DecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why: required to request changes, reject or withdraw.",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="If given (or sent as If-Match), the decision applies only to that version.",
    )
    pending = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Curators' decisions on a submission only: record the decision without "
        "taking it; nothing is public and nobody is told until it is released.",
    )
