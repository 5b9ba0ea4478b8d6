"""Themes, SDGs and findings: read by anyone, findings written by members through the same
services as the members' pages and the admin (findings.services)."""

import re

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import (
    APIException,
    NotAuthenticated,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response

from consortia.models import Consortium
from plp_portal.api_lookups import SLUG_PATTERN
from plp_portal.api_schema import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    PRECONDITION_FAILED,
    PRECONDITION_REQUIRED,
    STALE_VERSION,
    UNAUTHENTICATED,
)
from plp_portal.page_tags import shows

from .. import counts as finding_counts
from .. import permissions, services, workflow
from ..claims import CLAIM_MODELS
from ..models import SDG, UNLISTED_COLUMNS, Attachment, Finding, Reaction, Source, Theme
from ..output_models import Output
from ..reactions.selectors import with_reaction_counts
from ..workflow import LISTED_STATES, PUBLIC_STATES
from .filters import FindingApiFilter, ThemeFilter
from .serializers import (
    CLAIM_PREFETCH,
    DecisionSerializer,
    FindingListSerializer,
    FindingSerializer,
    FindingUpdateSerializer,
    FindingWriteSerializer,
    ReviewSerializer,
    SDGSerializer,
    ThemeSerializer,
    published_outputs_prefetch,
)

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')


@shows(Theme, Finding)
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Themes: the event's three discussion themes and the topics the consortia studied."""

    # finding_count comes from one cached grouped count (findings.counts), not a per-row count.
    queryset = Theme.objects.order_by("kind", "position", "name")
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                "number", OpenApiTypes.INT, OpenApiParameter.PATH, description="1 to 17."
            )
        ]
    )
)
@shows(SDG, Finding)
class SDGViewSet(viewsets.ReadOnlyModelViewSet):
    """The 17 UN Sustainable Development Goals, looked up by number."""

    queryset = SDG.objects.order_by("number")
    serializer_class = SDGSerializer
    filter_backends = []
    pagination_class = None
    lookup_field = "number"
    lookup_url_kwarg = "number"
    lookup_value_regex = r"[0-9]{1,4}"


def visible_findings(user):
    """Public findings (``PUBLIC_STATES``: published, withdrawn) for anyone; members add
    their consortia's findings in every state; curators see all."""
    if permissions.is_curator(user):
        return Finding.objects.all()
    if user.is_authenticated:
        return Finding.objects.public() | permissions.findings_visible_to_member(user)
    return Finding.objects.public()


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "Send the version your change is based on: an If-Match header with the ETag, "
        "or a `version` field."
    )
    default_code = "precondition_required"


def expected_version(request, body_version: int | None) -> int:
    """The version a write is based on: If-Match wins over the body's `version`."""
    header = request.headers.get("If-Match")
    if header is not None:
        match = IF_MATCH.match(header)
        if not match:
            raise ValidationError(
                {"If-Match": [_('Give the ETag of the finding as read, e.g. If-Match: "3".')]}
            )
        return int(match.group(1))
    if body_version is None:
        raise PreconditionRequired()
    return body_version


def etag(finding: Finding) -> str:
    return f'"{finding.version}"'


ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="The finding's version, quoted; send it back as If-Match to change it.",
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    pattern=r'^(W/)?"?[0-9]{1,18}"?$',
    description="The ETag the change is based on (alternative to the `version` field).",
)
DECISION_RESPONSES = {
    200: FindingSerializer,
    400: BAD_REQUEST,
    403: FORBIDDEN,
    404: NOT_FOUND,
    409: STALE_VERSION,
    412: PRECONDITION_FAILED,
}


def _decision_schema(summary: str, description: str):
    return extend_schema(
        summary=summary,
        description=description,
        request=DecisionSerializer,
        responses=DECISION_RESPONSES,
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
    )


@extend_schema_view(
    list=extend_schema(
        summary="List findings",
        description=(
            "Each item carries the summary, not the body: the detail adds `body`, `body_html`, "
            "`sources` and `attachments`. Pages stop at an offset of 10,000 (see the page "
            "parameter); narrow the list with filters to reach the rest."
        ),
    ),
    retrieve=extend_schema(summary="One finding", parameters=[ETAG_HEADER]),
    create=extend_schema(
        summary="Write a new draft",
        description="A member writes a draft for a consortium they act for.",
        request=FindingWriteSerializer,
        responses={201: FindingSerializer, 400: BAD_REQUEST, 403: FORBIDDEN},
        parameters=[ETAG_HEADER],
    ),
    partial_update=extend_schema(
        summary="Change a draft",
        description=(
            "Members change their consortium's drafts and findings with changes requested; "
            "curators may correct any finding. Fields left out stay as they are. The change "
            "must carry the version it is based on (If-Match or `version`)."
        ),
        request=FindingUpdateSerializer,
        responses={
            200: FindingSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: STALE_VERSION,
            412: PRECONDITION_FAILED,
            428: PRECONDITION_REQUIRED,
        },
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
    ),
)
@shows(Finding, Consortium, Theme, SDG, Source, Attachment, Reaction, Output, *CLAIM_MODELS)
class FindingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What the consortia found. The list holds published findings (members also see their
    own consortia's, curators all); a withdrawn finding stays reachable by its URL."""

    serializer_class = FindingSerializer
    filterset_class = FindingApiFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        findings = self._anonymous_list()
        if findings is None:
            findings = visible_findings(self.request.user)
        findings = findings.select_related("consortium")
        if self.action == "list":
            # A list item carries the summary, not the body (FindingListSerializer), and its
            # themes, SDGs and reactions are read only for the items not in the cache.
            return self._listed(findings.defer(*UNLISTED_COLUMNS))
        # The finding's `reactions`, counted in its own row.
        return with_reaction_counts(findings).prefetch_related(
            "themes",
            "sdgs",
            Prefetch("sources", queryset=Source.objects.order_by("position", "id")),
            "attachments",
            *CLAIM_PREFETCH,
            published_outputs_prefetch(),
        )

    def _anonymous_list(self):
        """The public's list: the listed states, asked for as such. Public states minus the
        withdrawn one is the same set, but only an equality on the status lets PostgreSQL
        read the newest findings from the (status, published_at) index instead of sorting
        them all."""
        if self.action != "list" or self.request.user.is_authenticated:
            return None
        if self.request.query_params.get("status"):
            return None
        return Finding.objects.published()

    def known_count(self) -> int | None:
        """The length of the public's unfiltered list, from a cached count (for the pages)."""
        unfiltered = set(self.request.query_params) <= {"page", "page_size", "ordering", "format"}
        if self._anonymous_list() is not None and unfiltered:
            return finding_counts.published_total()
        return None

    def _listed(self, findings):
        if not self.request.query_params.get("status"):
            # Lists hold the listed states: a withdrawn finding keeps only its detail. Asking
            # for a state by name (?status=withdrawn) is how a harvester learns of withdrawals.
            findings = findings.exclude(status__in=PUBLIC_STATES - LISTED_STATES)
        return findings

    def get_serializer_class(self):
        if self.action == "create":
            return FindingWriteSerializer
        if self.action == "partial_update":
            return FindingUpdateSerializer
        if self.action in DECISIONS - {"release"}:
            return DecisionSerializer
        if self.action == "reviews":
            return ReviewSerializer
        if self.action == "list":
            return FindingListSerializer
        return FindingSerializer

    def _respond(self, finding: Finding, status_code=status.HTTP_200_OK) -> Response:
        finding = self.get_queryset().get(pk=finding.pk)
        data = FindingSerializer(finding, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers={"ETag": etag(finding)})

    def retrieve(self, request, *args, **kwargs):
        finding = self.get_object()
        data = self.get_serializer(finding).data
        return Response(data, headers={"ETag": etag(finding)})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        finding = services.finding_create(user=request.user, **serializer.validated_data)
        response = self._respond(finding, status.HTTP_201_CREATED)
        response["Location"] = str(response.data["url"])
        return response

    def partial_update(self, request, *args, **kwargs):
        finding = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        version = expected_version(request, fields.pop("version", None))
        updated = services.finding_update(
            finding=finding, user=request.user, expected_version=version, **fields
        )
        return self._respond(updated)

    def update(self, request, *args, **kwargs):  # PUT is not offered: changes are partial.
        return self.http_method_not_allowed(request, *args, **kwargs)

    def _decide(self, request, action: str):
        finding = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data.get("version")
        if request.headers.get("If-Match") is not None:
            version = expected_version(request, version)
        services.finding_decide(
            finding=finding,
            user=request.user,
            action=action,
            comment=serializer.validated_data["comment"],
            expected_version=version,
            pending=serializer.validated_data["pending"],
        )
        return self._respond(finding)

    @extend_schema(
        summary="The review thread",
        description=(
            "Every step of the finding's review, oldest first, with the curators' comments: "
            "for the members of its consortium and the curators."
        ),
        responses={
            200: ReviewSerializer(many=True),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def reviews(self, request, slug=None):
        finding = self.get_object()
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        if not permissions.can_read_review_thread(request.user, finding):
            raise PermissionDenied(
                _("The review thread is for the consortium's members and the curators.")
            )
        reviews = finding.reviews.select_related("reviewer").order_by("created_at", "id")
        if not permissions.is_curator(request.user):
            reviews = reviews.released()  # a pending decision is the curators' until released
        return Response(ReviewSerializer(reviews, many=True).data)

    @extend_schema(
        summary="Release a pending decision",
        description=(
            "Curators take the decision kept pending on the finding: it is published, sent "
            "back or rejected now, and its members are told."
        ),
        request=None,
        responses=DECISION_RESPONSES,
        parameters=[ETAG_HEADER],
    )
    @action(detail=True, methods=["post"])
    def release(self, request, slug=None):
        finding = self.get_object()
        services.finding_release(finding=finding, user=request.user)
        return self._respond(finding)


#: Who may take each step, for the API's documentation (the table decides).
WHO = {
    "member": "Members of the finding's consortium",
    "coordinator": "A coordinator of the finding's consortium (never of a finding they wrote)",
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
    if transition.may_be_pending:
        notes.append("`pending: true` records it without taking it, until it is released.")
    # extend_schema goes on the action, as the decorator above an @action would.
    decide = action(detail=True, methods=["post"], url_path=transition.url_name)(decide)
    return _decision_schema(str(transition.label).rstrip("…"), " ".join(notes))(decide)


# One endpoint per transition the API offers: the table (findings.workflow) says which.
for _transition in workflow.at_door(workflow.API):
    setattr(FindingViewSet, str(_transition.action), _decision_endpoint(_transition))
DECISIONS = {str(t.action) for t in workflow.at_door(workflow.API)} | {"release"}
