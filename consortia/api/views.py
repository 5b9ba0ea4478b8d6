"""Consortia, organisations, people (public fields only), and the caller's API tokens."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from plp_portal.api_lookups import SLUG_PATTERN
from plp_portal.api_permissions import Authenticated
from plp_portal.api_throttling import LimitThrottle
from plp_portal.page_tags import shows
from plp_portal.rate_limits import TOKEN_CREATE

from ..models import Consortium, Membership, Organisation, Person, Programme
from ..tokens import ApiToken, api_token_create, api_token_revoke
from .filters import ConsortiumFilter, OrganisationFilter, PersonFilter
from .serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenSerializer,
    ConsortiumSerializer,
    OrganisationSerializer,
    PersonSerializer,
)


@shows(Consortium, Programme, Membership, Organisation)
class ConsortiumViewSet(viewsets.ReadOnlyModelViewSet):
    """The consortia that run the peer-learning partnerships, with their lead and partners."""

    queryset = Consortium.objects.select_related("programme").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").order_by(
                "role", "organisation__name"
            ),
        )
    )
    serializer_class = ConsortiumSerializer
    filterset_class = ConsortiumFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


@shows(Organisation, Membership, Consortium)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations taking part in the consortia, with their memberships."""

    queryset = Organisation.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("consortium"))
    )
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


@shows(Person, Organisation)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People who spoke, moderated or reported at the events (never their contact data)."""

    queryset = Person.objects.select_related("affiliation")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


class TokenCreateThrottle(LimitThrottle):
    limit = TOKEN_CREATE


@extend_schema_view(
    list=extend_schema(summary="Your API tokens"),
    create=extend_schema(
        summary="Make a token",
        request=ApiTokenSerializer,
        responses={201: ApiTokenCreatedSerializer},
        description="The response carries the key, the only time it is shown.",
    ),
    retrieve=extend_schema(summary="One of your tokens"),
    destroy=extend_schema(
        summary="Revoke a token",
        description=(
            "The token stops working at once and is gone from the API (404 from then on); "
            "the token page on /me/tokens/ keeps it in the account's history, marked revoked."
        ),
    ),
)
class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own personal API tokens (signed-in members only)."""

    serializer_class = ApiTokenSerializer
    permission_classes = [Authenticated]
    filter_backends = []
    anonymous_read = False  # For the schema: even reading needs a signed-in caller.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_throttles(self):
        # First, so that its refusal (counted with the site's token page) stops the rest.
        return [TokenCreateThrottle(), *super().get_throttles()]

    def get_queryset(self):
        # A revoked token is deleted as far as the API is concerned.
        return ApiToken.objects.filter(user=self.request.user, revoked_at__isnull=True)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = api_token_create(user=request.user, **serializer.validated_data)
        token.key = key
        data = ApiTokenCreatedSerializer(token, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        api_token_revoke(token=instance)
