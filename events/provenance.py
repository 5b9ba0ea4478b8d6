"""A finding's trail: where it came from (its consortium, its sources, the published outputs it
rests on) and where it went (the sessions that presented it, the breakouts that discussed it,
the key points that cite it, the policy outputs it fed), as nodes and edges laid out in columns.

The trail page (``events.trail_views``) draws it as inline SVG, computed here, and prints the
same nodes and edges as text. Lives in events because it reads events' data (consortia <-
findings <- events). A fixed number of queries whatever the data: eight reads, each capped at
``PER_COLUMN`` rows.
"""

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from findings.models import Attachment, Finding, Source
from findings.reactions.selectors import public_uptakes

from .models import Breakout, Contribution, KeyPoint
from .selectors import published_events

#: At most this many nodes in a column (the text equivalent says how many more there are).
PER_COLUMN = 8

COLUMNS = [
    ("origin", _("Origin")),
    ("finding", _("Finding")),
    ("events", _("Presented and discussed")),
    ("key_points", _("Key points")),
    ("policy", _("Policy uptake")),
]
COLUMN_INDEX = {key: index for index, (key, _label) in enumerate(COLUMNS)}

# Layout, in SVG user units.
NODE_WIDTH, NODE_HEIGHT = 180, 56
COLUMN_GAP, ROW_GAP, TOP, LEFT = 40, 16, 40, 8
LINE_CHARACTERS, LINES = 26, 3


@dataclass
class Node:
    key: str  # unique in the trail: "finding", "session:3", "keypoint:7" …
    kind: str  # consortium, source, attachment, output, finding, session, breakout, key_point,
    # uptake
    kind_label: str
    label: str
    url: str
    column: str
    row: int = 0

    @property
    def x(self) -> int:
        return LEFT + COLUMN_INDEX[self.column] * (NODE_WIDTH + COLUMN_GAP)

    @property
    def y(self) -> int:
        return TOP + self.row * (NODE_HEIGHT + ROW_GAP)

    @property
    def lines(self) -> list[str]:
        """The label wrapped to fit the box, cut with an ellipsis."""
        lines = textwrap.wrap(self.label, LINE_CHARACTERS) or [""]
        if len(lines) > LINES:
            lines = [*lines[: LINES - 1], lines[LINES - 1][: LINE_CHARACTERS - 1] + "…"]
        return lines

    @property
    def text_rows(self) -> list[tuple[int, str]]:
        """Each line with its baseline's y."""
        first = self.y + (NODE_HEIGHT - 14 * len(self.lines)) // 2 + 11
        return [(first + 14 * index, line) for index, line in enumerate(self.lines)]


@dataclass
class Edge:
    source: Node
    target: Node
    relation: str

    @property
    def path(self) -> str:
        """A curve from the right of the source's box to the left of the target's."""
        x1, y1 = self.source.x + NODE_WIDTH, self.source.y + NODE_HEIGHT // 2
        x2, y2 = self.target.x, self.target.y + NODE_HEIGHT // 2
        middle = (x1 + x2) // 2
        return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"


@dataclass
class Trail:
    finding: Finding
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    #: Per column key, how many nodes were left out.
    more: dict[str, int] = field(default_factory=dict)

    def add(self, node: Node) -> Node:
        for existing in self.nodes:
            if existing.key == node.key:
                return existing
        node.row = sum(1 for other in self.nodes if other.column == node.column)
        self.nodes.append(node)
        return node

    def link(self, source: Node, target: Node, relation: str) -> None:
        self.edges.append(Edge(source, target, relation))

    @property
    def columns(self) -> list[dict]:
        """Each column with its heading, nodes and the number left out (text and SVG)."""
        return [
            {
                "key": key,
                "label": label,
                "x": LEFT + index * (NODE_WIDTH + COLUMN_GAP),
                "nodes": [node for node in self.nodes if node.column == key],
                "more": self.more.get(key, 0),
            }
            for index, (key, label) in enumerate(COLUMNS)
        ]

    @property
    def width(self) -> int:
        return LEFT * 2 + len(COLUMNS) * NODE_WIDTH + (len(COLUMNS) - 1) * COLUMN_GAP

    @property
    def height(self) -> int:
        rows = max((node.row + 1 for node in self.nodes), default=1)
        return TOP + rows * (NODE_HEIGHT + ROW_GAP)

    @property
    def node_width(self) -> int:
        return NODE_WIDTH

    @property
    def node_height(self) -> int:
        return NODE_HEIGHT


def _capped(queryset, trail: Trail, column: str) -> list:
    rows = list(queryset[: PER_COLUMN + 1])
    if len(rows) > PER_COLUMN:
        trail.more[column] = trail.more.get(column, 0) + 1  # "and more": the count is unknown
        rows = rows[:PER_COLUMN]
    return rows


def finding_trail(finding: Finding) -> Trail:
    """The trail of a public ``finding`` (with its consortium selected)."""
    trail = Trail(finding)
    consortium = finding.consortium
    origin = trail.add(
        Node(
            f"consortium:{consortium.pk}",
            "consortium",
            _("Consortium"),
            consortium.short_name,
            consortium.get_absolute_url(),
            "origin",
        )
    )
    centre = Node(
        "finding", "finding", _("Finding"), finding.title, finding.get_absolute_url(), "finding"
    )
    trail.add(centre)
    trail.link(origin, centre, _("found"))
    sources = Source.objects.filter(finding=finding).order_by("position", "id")
    for source in _capped(sources, trail, "origin"):
        node = trail.add(
            Node(f"source:{source.pk}", "source", _("Source"), source.label, source.url, "origin")
        )
        trail.link(node, centre, _("supports"))
    attachments = Attachment.objects.filter(finding=finding).order_by("uploaded_at", "id")
    for attachment in _capped(attachments.select_related("finding"), trail, "origin"):
        node = trail.add(
            Node(
                f"attachment:{attachment.pk}",
                "attachment",
                _("Document"),
                attachment.title,
                attachment.get_absolute_url(),
                "origin",
            )
        )
        trail.link(node, centre, _("supports"))
    outputs = finding.outputs.published().only("id", "slug", "title", "output_type")
    for output in _capped(outputs.order_by("-date", "title", "id"), trail, "origin"):
        node = trail.add(
            Node(
                f"output:{output.pk}",
                "output",
                output.get_output_type_display(),
                output.title,
                output.get_absolute_url(),
                "origin",
            )
        )
        trail.link(node, centre, _("supports"))

    events = published_events()
    contributions = (
        Contribution.objects.filter(findings=finding, session__event__in=events)
        .select_related("session__event")
        .order_by("session__event__starts_at", "session__position", "position")
    )
    for contribution in _capped(contributions, trail, "events"):
        session = contribution.session
        node = trail.add(
            Node(
                f"session:{session.pk}",
                "session",
                _("Session"),
                f"{session.event.title}: {session.title}",
                f"{session.event.get_absolute_url()}#session-{session.position}",
                "events",
            )
        )
        if not any(e.source is centre and e.target is node for e in trail.edges):
            trail.link(centre, node, _("presented at"))

    def breakout_node(breakout: Breakout) -> Node:
        session = breakout.session
        return trail.add(
            Node(
                f"breakout:{breakout.pk}",
                "breakout",
                _("Breakout"),
                breakout.title,
                f"{session.event.get_absolute_url()}#session-{session.position}",
                "events",
            )
        )

    breakouts = (
        Breakout.objects.filter(findings=finding, session__event__in=events)
        .select_related("session__event")
        .order_by("session__event__starts_at", "session__position", "position")
    )
    for breakout in _capped(breakouts, trail, "events"):
        trail.link(centre, breakout_node(breakout), _("discussed in"))

    key_points = (
        KeyPoint.objects.filter(findings=finding, breakout__session__event__in=events)
        .select_related("breakout__session__event")
        .order_by("breakout__session__event__starts_at", "breakout__position", "position")
    )
    for point in _capped(key_points, trail, "key_points"):
        parent = breakout_node(point.breakout)
        if not any(e.source is centre and e.target is parent for e in trail.edges):
            trail.link(centre, parent, _("cited in"))
        node = trail.add(
            Node(
                f"keypoint:{point.pk}",
                "key_point",
                _("Key point"),
                point.text,
                parent.url,
                "key_points",
            )
        )
        trail.link(parent, node, _("reported in"))

    uptakes = public_uptakes(finding)
    if len(uptakes) > PER_COLUMN:
        trail.more["policy"] = 1
    for uptake in uptakes[:PER_COLUMN]:
        node = trail.add(
            Node(
                f"uptake:{uptake.pk}",
                "uptake",
                uptake.get_kind_display(),
                uptake.title,
                uptake.url,
                "policy",
            )
        )
        trail.link(centre, node, _("fed"))
    return trail


def finding_key_points(finding: Finding, limit: int = PER_COLUMN * 2) -> list[KeyPoint]:
    """The key points of breakouts at published events that cite the finding (one query)."""
    return list(
        KeyPoint.objects.filter(findings=finding, breakout__session__event__in=published_events())
        .select_related("breakout__session__event")
        .order_by("breakout__session__event__starts_at", "breakout__position", "position")[:limit]
    )
