"""``/api/v1/findings/<slug>/reactions/``: a published finding's published reactions, for
anyone; members of other consortia record one with their token (it waits for a curator)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consortia.models import Consortium, Organisation
from plp_portal.api_schema import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    UNAUTHENTICATED,
    error,
)
from plp_portal.page_tags import shows

from ..models import Finding
from . import services
from .enums import ReactionKind, ReactionStatus
from .models import Reaction

CONFLICT = error("The finding is not published: only published findings can be reacted to.")


class ReactionSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        help_text="The organisation's slug: one of the consortia you act for.",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    kind = serializers.ChoiceField(
        choices=ReactionKind.choices,
        help_text="`endorsed`, `applied` (give country and place) or `otherwise` (give the "
        "evidence).",
    )
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=2, help_text="ISO 3166-1 alpha-2 code."
    )
    status = serializers.ChoiceField(choices=ReactionStatus.choices, read_only=True)

    class Meta:
        model = Reaction
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "country",
            "place",
            "note",
            "evidence",
            "status",
            "created_at",
            "decided_at",
        ]
        read_only_fields = ["id", "status", "created_at", "decided_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["country"] = str(instance.country.code or "")
        return data


@extend_schema_view(
    get=extend_schema(
        summary="A published finding's published reactions",
        responses={200: ReactionSerializer(many=True), 404: NOT_FOUND},
    ),
    post=extend_schema(
        summary="Record your organisation's reaction (waits for a curator)",
        request=ReactionSerializer,
        responses={
            201: ReactionSerializer,
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        description="The same refusals as the site's: 403 for a finding of a consortium you "
        "act for, for an organisation you do not act for, or without a consortium; 400 for a "
        "duplicate (your organisation already recorded this kind of reaction, waiting or "
        "published) or a missing place or evidence; 409 for a withdrawn finding.",
    ),
)
@shows(Finding, Consortium, Reaction, Organisation)
class FindingReactionsView(generics.ListCreateAPIView):
    """Endorsements ("endorsed"), applications ("applied", where) and disagreements
    ("otherwise", with the evidence) that other consortia's organisations recorded for a
    finding. Only published reactions are listed; a new one waits for a curator's decision."""

    serializer_class = ReactionSerializer
    filter_backends: list = []

    def get_finding(self) -> Finding:
        """A public finding (a withdrawn one is refused with 409 on a write); others 404."""
        try:
            return (
                Finding.objects.public().select_related("consortium").get(slug=self.kwargs["slug"])
            )
        except Finding.DoesNotExist:
            raise Http404("No published finding with this address.") from None

    def get_queryset(self):
        finding = self.get_finding()
        return (
            Reaction.objects.published()
            .filter(finding=finding)
            .select_related("organisation")
            .order_by("kind", "-decided_at", "-id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        finding = self.get_finding()
        try:
            reaction = services.reaction_submit(
                finding=finding,
                user=request.user,
                organisation=data["organisation"],
                kind=data["kind"],
                country=data.get("country", "").upper(),
                place=data.get("place", ""),
                note=data.get("note", ""),
                evidence=data.get("evidence", ""),
            )
        except services.ReactionInvalid as invalid:
            raise ValidationError(invalid.errors) from None
        return Response(self.get_serializer(reaction).data, status=status.HTTP_201_CREATED)
