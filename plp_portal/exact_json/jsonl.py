from django.core.serializers import jsonl

from . import ExactJSONEncoder

Deserializer = jsonl.Deserializer


class Serializer(jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
