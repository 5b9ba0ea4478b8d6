"""The API's JSON parser: a body nested too deeply is a 400, not a crashed worker."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's json module recurses once per level: thousands of nested brackets
            # exhaust the stack before any field could be checked.
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
