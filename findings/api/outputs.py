"""Outputs in the API (``/api/v1/outputs/``): read by anyone (published and withdrawn ones),
written by members and moved along the review through the same services as the members'
pages and the admin (``findings.output_services``, ``findings.output_workflow``)."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from consortia.api.filters import StrictFilterSet
from consortia.api.serializers import ConsortiumRefSerializer, HtmlUrlField
from consortia.models import Consortium, Organisation, Person
from plp_portal.api_fields import StrictCharField, StrictURLField
from plp_portal.api_links import ObjectLinkField
from plp_portal.api_lookups import SLUG_PATTERN
from plp_portal.api_schema import BAD_REQUEST, FORBIDDEN, NOT_FOUND, STALE_VERSION
from plp_portal.page_tags import shows

from .. import output_services, output_workflow, permissions, workflow
from ..enums import ContentLanguage
from ..models import Finding
from ..output_enums import Licence, OutputType
from ..output_models import Output, OutputFile
from ..output_selectors import files_prefetch
from ..states import LISTED_STATES, PUBLIC_STATES
from .serializers import AttachmentSerializer


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["slug", "given_name", "family_name"]


class OrganisationNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name"]


class OutputFileSerializer(AttachmentSerializer):
    """An output's file, as a finding's attachment: downloaded through the site, which checks
    who may see the output. Files are uploaded on the members' form, not through the API (as
    a finding's)."""

    class Meta(AttachmentSerializer.Meta):
        model = OutputFile


class OptionalLinkField(serializers.URLField):
    """A link an output may not have: null, never "" (which is not a URI, as the schema says
    the value is)."""

    def to_representation(self, value):
        return value or None


class OutputSerializer(serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:output-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    consortium = ConsortiumRefSerializer(read_only=True)
    type = serializers.ChoiceField(source="output_type", choices=OutputType.choices)
    people = PersonNameSerializer(many=True, read_only=True)
    organisations = OrganisationNameSerializer(many=True, read_only=True)
    link = OptionalLinkField(
        source="url",
        read_only=True,
        allow_null=True,
        help_text="Where the output can be read, downloaded or watched; null when it has none.",
    )
    findings = serializers.SerializerMethodField(
        help_text="The slugs of the published findings drawn from it."
    )
    files = OutputFileSerializer(source="listed_files", many=True, read_only=True)

    class Meta:
        model = Output
        fields = [
            *("slug", "title", "type", "status", "consortium", "summary", "people"),
            *("organisations", "date", "language", "licence", "link", "files", "doi"),
            "findings",
            *("url", "html_url"),
        ]

    def get_findings(self, output) -> list[str]:
        return [finding.slug for finding in output.published_findings]


class OutputWriteSerializer(serializers.Serializer):
    """What a member sends to record or change a draft output."""

    consortium = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Consortium.objects.all(),
        help_text="The consortium's slug; only on create, and one you act for.",
    )
    type = serializers.ChoiceField(source="output_type", choices=OutputType.choices)
    title = StrictCharField(max_length=255)
    summary = serializers.CharField(required=False, allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True)
    language = serializers.ChoiceField(choices=ContentLanguage.choices, required=False)
    licence = serializers.ChoiceField(choices=Licence.choices, required=False, allow_blank=True)
    link = StrictURLField(source="url", required=False, allow_blank=True, max_length=500)
    doi = serializers.CharField(required=False, allow_blank=True, max_length=255)
    people = serializers.SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), many=True, required=False
    )
    organisations = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )


class OutputUpdateSerializer(OutputWriteSerializer):
    consortium = None
    type = serializers.ChoiceField(source="output_type", choices=OutputType.choices, required=False)
    title = StrictCharField(max_length=255, required=False)


class OutputDecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why: required to send back, request changes, reject or withdraw.",
    )


class OutputFilter(StrictFilterSet):
    """`?language=` or `?licence=` (empty) is a 400, as for the other lists: no choice is ""."""

    type = django_filters.ChoiceFilter(field_name="output_type", choices=OutputType.choices)
    consortium = django_filters.CharFilter(field_name="consortium__slug", max_length=80)
    language = django_filters.ChoiceFilter(choices=ContentLanguage.choices)
    year = django_filters.NumberFilter(field_name="date__year", min_value=1900, max_value=2999)
    licence = django_filters.ChoiceFilter(choices=[c for c in Licence.choices if c[0]])

    class Meta:
        model = Output
        fields = ["type", "consortium", "language", "year", "licence"]


def visible_outputs(user):
    """Public outputs for anyone; members add their consortia's in every state; curators see
    all."""
    if permissions.is_curator(user):
        return Output.objects.all()
    if user.is_authenticated:
        return Output.objects.public() | output_services.outputs_visible_to_member(user)
    return Output.objects.public()


@extend_schema_view(
    list=extend_schema(summary="List outputs"),
    retrieve=extend_schema(summary="One output"),
    create=extend_schema(
        summary="Record a new draft output",
        description="A member records a draft output for a consortium they act for.",
        request=OutputWriteSerializer,
        responses={201: OutputSerializer, 400: BAD_REQUEST, 403: FORBIDDEN},
    ),
    partial_update=extend_schema(
        summary="Change a draft output",
        description=(
            "Members change their consortium's drafts and outputs with changes requested; "
            "curators may correct any output."
        ),
        request=OutputUpdateSerializer,
        responses={200: OutputSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
)
@shows(Output, OutputFile, Consortium, Person, Organisation, Finding)
class OutputViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reports, white papers, toolkits, policy briefs, datasets and recordings. The list holds
    published outputs (members also see their own consortia's, curators all); a withdrawn
    output stays reachable by its URL."""

    serializer_class = OutputSerializer
    filterset_class = OutputFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        outputs = visible_outputs(self.request.user)
        if self.action == "list":
            outputs = outputs.exclude(status__in=PUBLIC_STATES - LISTED_STATES)
        return (
            outputs.select_related("consortium")
            .prefetch_related(
                "people",
                "organisations",
                files_prefetch(),
                Prefetch(
                    "findings",
                    queryset=Finding.objects.published().only("id", "slug").order_by("slug"),
                    to_attr="published_findings",
                ),
            )
            .order_by("-date", "title", "id")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return OutputWriteSerializer
        if self.action == "partial_update":
            return OutputUpdateSerializer
        if self.action in DECISIONS:
            return OutputDecisionSerializer
        return OutputSerializer

    def _respond(self, output: Output, status_code=status.HTTP_200_OK) -> Response:
        output = self.get_queryset().get(pk=output.pk)
        data = OutputSerializer(output, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        output = output_services.output_create(user=request.user, **serializer.validated_data)
        response = self._respond(output, status.HTTP_201_CREATED)
        response["Location"] = str(response.data["url"])
        return response

    def partial_update(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        output = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = output_services.output_update(
            output=output, user=request.user, **serializer.validated_data
        )
        return self._respond(updated)

    def update(self, request, *args, **kwargs):  # PUT is not offered: changes are partial.
        return self.http_method_not_allowed(request, *args, **kwargs)

    def _decide(self, request, action_name: str):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        output = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        output_services.output_decide(
            output=output,
            user=request.user,
            action=action_name,
            comment=serializer.validated_data["comment"],
        )
        return self._respond(output)


WHO = {
    "member": "Members of the output's consortium",
    "coordinator": "A coordinator of the output's consortium (never of an output they recorded)",
    "curator": "Curators",
}


def _decision_endpoint(transition):
    def decide(self, request, slug=None):
        return self._decide(request, transition.action)

    decide.__name__ = str(transition.action)
    who = WHO.get(transition.who.name.split(" ")[0], "")
    notes = [f"{who} take this step, from: {', '.join(sorted(transition.sources))}."]
    if transition.comment_required:
        notes.append("A comment is required.")
    decide = action(detail=True, methods=["post"], url_path=transition.url_name)(decide)
    return extend_schema(
        summary=str(transition.label).rstrip("…"),
        description=" ".join(notes),
        request=OutputDecisionSerializer,
        responses={
            200: OutputSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: STALE_VERSION,
        },
    )(decide)


# One endpoint per transition the API offers, as for findings (findings.api.views).
for _transition in workflow.at_door(workflow.API, output_workflow.OUTPUT_TRANSITIONS):
    setattr(OutputViewSet, str(_transition.action), _decision_endpoint(_transition))
DECISIONS = {str(t.action) for t in workflow.at_door(workflow.API)}
