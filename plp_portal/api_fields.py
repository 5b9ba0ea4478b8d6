"""Serializer fields whose checks match what the OpenAPI schema promises callers."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Refuses text longer than `max_length` as sent, before surrounding whitespace is trimmed:
    the schema's maxLength describes the request, so a longer one must get a 400. The message
    is the one the model and the site's forms give (Django's MaxLengthValidator), so every
    door refuses the same text in the same words."""

    def to_internal_value(self, data):
        if self.max_length is not None and isinstance(data, str):
            try:
                MaxLengthValidator(self.max_length)(data)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages, code="max_length") from None
        return super().to_internal_value(data)


class StrictURLField(StrictCharField, serializers.URLField):
    """A URL whose length is checked like StrictCharField's."""


class WholeNumberKeyField(serializers.PrimaryKeyRelatedField):
    """A key given as a JSON whole number: 17, not 17.5, "17", 1e999 or true (a float that
    big would otherwise reach the database as infinity)."""

    default_error_messages = {
        "not_whole": "Give a whole number.",
    }

    def to_internal_value(self, data):
        if type(data) is not int:
            self.fail("not_whole")
        return super().to_internal_value(data)
