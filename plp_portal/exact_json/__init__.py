"""`dumpdata`'s JSON formats, keeping times to the microsecond.

Django's JSON encoder rounds datetimes and times to milliseconds, so a dump loaded back
changes every timestamp a little. These serializers replace the "json" and "jsonl" formats
(settings.SERIALIZATION_MODULES) with ones that write every digit; loading reads either.
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return super().default(o) if o.utcoffset() is not None else o.isoformat()
        return super().default(o)
