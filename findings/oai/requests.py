"""An OAI-PMH 2.0 request, read and checked: the verb, its arguments, the resumption token.

Every way a request can be wrong is an ``OaiError`` with the protocol's code; the view turns
it into the protocol's error response. Resumption tokens are signed (``django.core.signing``),
so a harvester gets back exactly the list it started and cannot forge one of its own.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

METADATA_PREFIX = "oai_dc"
VERBS = {
    # verb: (required arguments, optional arguments, exclusive argument)
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}
# The protocol's patterns (OAI-PMH.xsd): a value that does not match is a bad argument.
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_TOKEN_SALT = "findings.oai.resumption"


class OaiError(Exception):
    """One of the protocol's errors: ``code`` as the protocol names it, a message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    @property
    def echoes_arguments(self) -> bool:
        """The response names the request's arguments, except for these two errors."""
        return self.code not in ("badVerb", "badArgument")


@dataclass
class OaiRequest:
    verb: str
    arguments: dict[str, str]
    #: For the list verbs: the window of datestamps, the set and where the page starts.
    since: dt.datetime | None = None
    before: dt.datetime | None = None  # exclusive: ``until`` plus its granularity
    set_spec: str = ""
    #: Where the page starts: after a datestamp and id (records), at a place (sets).
    after: tuple[dt.datetime, int] | int | None = None
    cursor: int = 0
    complete_size: int | None = None
    resumed: bool = False


def parse_request(params) -> OaiRequest:
    """Check the query (a QueryDict) against the verb's arguments; raise ``OaiError``."""
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", _("The verb is missing, repeated or not one of OAI-PMH's."))
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments = {}
    for name in params:
        if name == "verb":
            continue
        if name not in required | optional | {exclusive}:
            raise OaiError("badArgument", _("%(name)s is no argument of %(verb)s.") % {
                "name": name[:50], "verb": verb
            })  # fmt: skip
        values = params.getlist(name)
        if len(values) != 1:
            raise OaiError("badArgument", _("%(name)s is given more than once.") % {"name": name})
        arguments[name] = values[0]
    if exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", _("A resumption token comes alone, with the verb only."))
        return _resumed(verb, arguments)
    missing = sorted(required - set(arguments))
    if missing:
        raise OaiError(
            "badArgument",
            _("%(verb)s needs %(names)s.") % {"verb": verb, "names": ", ".join(missing)},
        )
    request = OaiRequest(verb=verb, arguments=arguments)
    _check_syntax(request)
    return request


def _check_syntax(request: OaiRequest) -> None:
    arguments = request.arguments
    prefix = arguments.get("metadataPrefix")
    if prefix is not None and not _PREFIX.fullmatch(prefix):
        raise OaiError("badArgument", _("The metadataPrefix is not a valid prefix."))
    identifier = arguments.get("identifier")
    if identifier is not None and (not identifier or re.search(r"\s", identifier)):
        raise OaiError("badArgument", _("The identifier is not a valid identifier."))
    set_spec = arguments.get("set")
    if set_spec is not None:
        if not _SET_SPEC.fullmatch(set_spec):
            raise OaiError("badArgument", _("The set is not a valid setSpec."))
        request.set_spec = set_spec
    since, until = arguments.get("from"), arguments.get("until")
    granularities = {_granularity(value) for value in (since, until) if value is not None}
    if len(granularities) > 1:
        raise OaiError("badArgument", _("from and until must have the same granularity."))
    if since is not None:
        request.since = _moment(since)
    if until is not None:
        step = dt.timedelta(days=1) if _granularity(until) == "day" else dt.timedelta(seconds=1)
        request.before = _moment(until) + step
    if request.since and request.before and request.since >= request.before:
        raise OaiError("badArgument", _("from is later than until."))
    if prefix is not None and prefix != METADATA_PREFIX:
        raise OaiError(
            "cannotDisseminateFormat", _("Findings are offered in oai_dc (Dublin Core) only.")
        )


def _granularity(value: str) -> str:
    if _DAY.fullmatch(value):
        return "day"
    if _SECOND.fullmatch(value):
        return "second"
    raise OaiError("badArgument", _("Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)."))


def _moment(value: str) -> dt.datetime:
    try:
        if _DAY.fullmatch(value):
            return dt.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt.UTC)
        return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        raise OaiError("badArgument", _("%(value)s is no date.") % {"value": value}) from None


# ---------------------------------------------------------------- resumption tokens


def resumption_token(request: OaiRequest, *, after, cursor: int, complete_size: int) -> str:
    """The token for the page after this one: the request's window and set, where the next
    page starts (`after`: a datestamp and id, or an offset for sets), and the counts."""
    state = {
        "v": request.verb,
        "s": request.set_spec,
        "f": request.since.isoformat() if request.since else None,
        "b": request.before.isoformat() if request.before else None,
        "a": [after[0].isoformat(), after[1]] if isinstance(after, tuple) else after,
        "c": cursor,
        "n": complete_size,
    }
    return signing.dumps(state, salt=_TOKEN_SALT, compress=True)


def _resumed(verb: str, arguments: dict[str, str]) -> OaiRequest:
    token = arguments["resumptionToken"]
    try:
        state = signing.loads(token, salt=_TOKEN_SALT)
        if state["v"] != verb:
            raise ValueError
        after = state["a"]
        if isinstance(after, list):
            after = (dt.datetime.fromisoformat(after[0]), int(after[1]))
        return OaiRequest(
            verb=verb,
            arguments=arguments,
            since=dt.datetime.fromisoformat(state["f"]) if state["f"] else None,
            before=dt.datetime.fromisoformat(state["b"]) if state["b"] else None,
            set_spec=state["s"],
            after=after,
            cursor=int(state["c"]),
            complete_size=int(state["n"]),
            resumed=True,
        )
    except (signing.BadSignature, ValueError, KeyError, TypeError, IndexError):
        raise OaiError(
            "badResumptionToken", _("This resumption token is not one this repository gave.")
        ) from None
