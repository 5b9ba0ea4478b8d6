from django import template

from ..enums import FindingStatus
from ..models import Finding
from ..permissions import is_curator

register = template.Library()


@register.simple_tag(takes_context=True)
def findings_awaiting_review(context) -> int | None:
    """How many submissions wait for a decision; None for users who cannot decide."""
    if not is_curator(context["request"].user):
        return None
    return Finding.objects.filter(status=FindingStatus.SUBMITTED).count()
