from django.db import models
from django.db.models import F, Q


def ends_after_start(
    *, name: str, start: str, end: str, optional: bool, message: str
) -> models.CheckConstraint:
    """A period whose end is not before its start; `optional` periods may leave either open."""
    in_order = Q(**{f"{end}__gte": F(start)})
    if optional:
        in_order = Q(**{f"{end}__isnull": True}) | Q(**{f"{start}__isnull": True}) | in_order
    return models.CheckConstraint(condition=in_order, name=name, violation_error_message=message)
