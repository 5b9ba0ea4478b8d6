"""Serializer fields whose checks match what the OpenAPI schema promises callers."""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Refuses text longer than `max_length` as sent, before surrounding whitespace is trimmed:
    the schema's maxLength describes the request, so a longer one must get a 400."""

    def to_internal_value(self, data):
        if self.max_length is not None and isinstance(data, str) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
