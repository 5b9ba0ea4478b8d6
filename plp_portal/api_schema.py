"""OpenAPI generation: every operation documents the errors it can answer with.

The error bodies are those of plp_portal.api_errors; an operation's own @extend_schema
responses win over the defaults added here.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence that can be shown to a person.")
    code = serializers.CharField(help_text="A stable, machine-readable code.")


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field; `non_field_errors` for the request as a whole.",
    )


class ThrottledErrorSerializer(ErrorSerializer):
    retry_after = serializers.IntegerField(help_text="Seconds to wait before trying again.")


class UnavailableErrorSerializer(ErrorSerializer):
    retry_after = serializers.IntegerField(help_text="Seconds to wait before trying again.")


class StaleVersionErrorSerializer(ErrorSerializer):
    expected_version = serializers.IntegerField(help_text="The version the change was based on.")
    version = serializers.IntegerField(help_text="The version stored now.")


class ConflictErrorSerializer(ErrorSerializer):
    expected_version = serializers.IntegerField(
        required=False, help_text="With code `stale_version`: the version the change was based on."
    )
    version = serializers.IntegerField(
        required=False, help_text="With code `stale_version`: the version stored now."
    )


def error(description: str, serializer=ErrorSerializer) -> OpenApiResponse:
    return OpenApiResponse(response=serializer, description=description)


BAD_REQUEST = error("Invalid input: field errors under `errors`.", ValidationErrorSerializer)
UNAUTHENTICATED = error("The token or session is missing, unknown, expired or revoked.")
FORBIDDEN = error("The caller may not do this.")
NOT_FOUND = error("No such object, or not visible to the caller; or no such page.")
THROTTLED = error("Too many requests; wait `retry_after` seconds.", ThrottledErrorSerializer)
UNAVAILABLE = error(
    "The database is out of reach for a moment; try again after `retry_after` seconds.",
    UnavailableErrorSerializer,
)
CONFLICT = error("The finding's state does not allow this step.")
STALE_VERSION = error(
    "The finding's state does not allow the change (`transition_not_allowed`), or it was "
    "based on an older version given in the `version` field (`stale_version`).",
    ConflictErrorSerializer,
)
PRECONDITION_FAILED = error(
    "If-Match named an older version than the one stored.", StaleVersionErrorSerializer
)
PRECONDITION_REQUIRED = error("An update must carry If-Match or a `version` field.")


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._default_errors().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _default_errors(self) -> dict[str, OpenApiResponse]:
        writes = self.method not in permissions.SAFE_METHODS
        has_path_parameter = "{" in self.path
        errors = {}
        if writes or self._is_list_view():
            errors["400"] = BAD_REQUEST
        # A bad token is refused on every endpoint, even a public one.
        errors["401"] = UNAUTHENTICATED
        if writes or not getattr(self.view, "anonymous_read", True):
            errors["403"] = FORBIDDEN
        if has_path_parameter or self._is_list_view():
            errors["404"] = NOT_FOUND
        errors["429"] = THROTTLED
        errors["503"] = UNAVAILABLE
        return errors

    def get_auth(self):
        auths = super().get_auth()
        # Reading is public unless a view says otherwise (the token list, for one).
        if (
            self.method in permissions.SAFE_METHODS
            and getattr(self.view, "anonymous_read", True)
            and {} not in auths
        ):
            auths.append({})
        return auths
