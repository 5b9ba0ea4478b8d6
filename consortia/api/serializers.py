"""Public representations of organisations, people and consortia. A person's email is private
and appears in none of them."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from plp_portal.api_fields import StrictCharField
from plp_portal.api_links import ObjectLinkField, SharedRefMixin

from ..models import Consortium, Membership, Organisation, Person
from ..tokens import ApiToken


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The object's page on the public site, as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The page on the public site.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class CountryCodeField(serializers.CharField):
    """An ISO 3166-1 alpha-2 code, or "" when unknown."""

    def to_representation(self, value):
        return value.code or ""


class OrganisationRefSerializer(SharedRefMixin, serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:organisation-detail", lookup_field="slug")
    country = CountryCodeField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "acronym", "country", "url"]


class ConsortiumRefSerializer(SharedRefMixin, serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:consortium-detail", lookup_field="slug")

    class Meta:
        model = Consortium
        fields = ["slug", "short_name", "url"]


class PersonRefSerializer(SharedRefMixin, serializers.ModelSerializer):
    """A person as they appear in a programme: name, position, affiliation."""

    url = ObjectLinkField(view_name="api:person-detail", lookup_field="slug")
    affiliation = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "slug",
            "honorific",
            "given_name",
            "family_name",
            "full_name",
            "position",
            "affiliation",
            "url",
        ]


class PersonSerializer(PersonRefSerializer):
    html_url = HtmlUrlField()

    class Meta(PersonRefSerializer.Meta):
        fields = [*PersonRefSerializer.Meta.fields, "html_url"]


class OrganisationMembershipSerializer(serializers.ModelSerializer):
    consortium = ConsortiumRefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["consortium", "role"]


class OrganisationSerializer(OrganisationRefSerializer):
    country_name = serializers.CharField(source="country.name", read_only=True)
    memberships = OrganisationMembershipSerializer(many=True, read_only=True)
    html_url = HtmlUrlField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "acronym",
            "country",
            "country_name",
            "kind",
            "website",
            "description",
            "memberships",
            "url",
            "html_url",
        ]


class ConsortiumMembershipSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "role"]


class ConsortiumSerializer(serializers.ModelSerializer):
    url = ObjectLinkField(view_name="api:consortium-detail", lookup_field="slug")
    html_url = HtmlUrlField()
    programme = serializers.CharField(
        source="programme.name", read_only=True, allow_null=True, default=None
    )
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    memberships = ConsortiumMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Consortium
        fields = [
            "slug",
            "short_name",
            "title",
            "programme",
            "topic",
            "description",
            "start_date",
            "end_date",
            "website",
            "lead_organisation",
            "memberships",
            "url",
            "html_url",
        ]


class ApiTokenSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)
    name = StrictCharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=ApiToken._meta.get_field("name").help_text,
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
            "is_active",
        ]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "revoked_at"]

    def validate_expires_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError(_("Give a moment in the future, or leave it out."))
        return value


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True, help_text="The secret key. Shown this once: store it now."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
