"""The domain errors of the publishing workflow.

Every door turns them into its own error: the members' views into a message or a form
error, the admin into an error message, the API into 403/409/400. Each carries a sentence
that can be shown to the person as it is.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class FindingError(Exception):
    """Base class: a change to a finding was refused. ``str(error)`` is the human message."""

    #: The HTTP status an API door should answer with.
    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TransitionNotAllowed(FindingError):
    """The finding's current state does not allow this step (e.g. publishing a draft)."""

    http_status = 409


class NotPermitted(FindingError, PermissionDenied):
    """This person may not take this step (e.g. a member publishing, an outsider editing).

    Also a Django ``PermissionDenied``, so a door that forgets to catch it still answers 403.
    """

    http_status = 403


class StaleVersion(FindingError):
    """The change was based on an older version than the one stored: reload and redo."""

    http_status = 409

    def __init__(self, *, expected: int, current: int):
        super().__init__(
            _(
                "Someone else saved this finding after you opened it (you edited version "
                "%(expected)s, it is now at version %(current)s). Reload the page to see their "
                "changes, then apply yours again."
            )
            % {"expected": expected, "current": current}
        )
        self.expected = expected
        self.current = current


class CommentRequired(FindingError):
    """The decision needs a comment that explains it to the members."""

    http_status = 400
