"""Reading a chart back from a page: its caption, its SVG's name and texts, its table."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class RenderedChart:
    figure_id: str
    caption: str = ""
    caption_id: str = ""
    svgs: list[dict] = field(default_factory=list)
    #: Every <text> of the SVGs as a wide chart shows it, whitespace collapsed, in order.
    texts: list[str] = field(default_factory=list)
    #: Classes of the bars drawn.
    bar_classes: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    #: The table's body: (row heading, [cells]).
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    summary: str = ""

    def table(self) -> dict[str, int]:
        """{row heading: the last cell as a number} ("1,234" → 1234)."""
        return {head: int(cells[-1].replace(",", "")) for head, cells in self.rows}


class _ChartParser(HTMLParser):
    def __init__(self, figure_id: str):
        super().__init__()
        self.chart = RenderedChart(figure_id)
        self.depth = 0  # <figure> nesting while inside the wanted one
        self.capture: str | None = None
        self.buffer: list[str] = []
        self.row: tuple[str, list[str]] | None = None
        self.in_thead = False
        self.in_short_label = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and (self.depth or attrs.get("id") == self.chart.figure_id):
            self.depth += 1
            return
        if not self.depth:
            return
        if tag == "figcaption":
            self.chart.caption_id = attrs.get("id", "")
            self._start("caption")
        elif tag == "svg":
            self.chart.svgs.append(attrs)
        elif tag == "text":
            self._start("text")
        elif tag == "rect" and "chart__bar" in attrs.get("class", ""):
            self.chart.bar_classes.append(attrs["class"])
        elif tag == "thead":
            self.in_thead = True
        elif tag == "tr" and not self.in_thead:
            self.row = ("", [])
        elif tag == "th":
            self._start("th")
        elif tag == "td":
            self._start("td")
        elif tag == "summary":
            self._start("summary")
        elif tag == "tspan" and self.capture == "text":
            # Read as a wide chart shows it: the labels cut for a narrow one are left out.
            self.in_short_label = "chart__name--short" in attrs.get("class", "")
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "tspan":
            self.in_short_label = False
        if tag == "figure":
            self.depth -= 1
        elif tag == "thead":
            self.in_thead = False
        elif tag == "tr" and self.row is not None:
            self.chart.rows.append(self.row)
            self.row = None
        elif tag in ("figcaption", "text", "th", "td", "summary") and self.capture:
            text = " ".join("".join(self.buffer).split())
            kind, self.capture, self.buffer = self.capture, None, []
            if kind == "caption":
                self.chart.caption = text
            elif kind == "text":
                self.chart.texts.append(text)
            elif kind == "summary":
                self.chart.summary = text
            elif kind == "th" and self.row is not None:
                self.row = (text, self.row[1])
            elif kind == "th":
                self.chart.headings.append(text)
            elif kind == "td" and self.row is not None:
                self.row[1].append(text)

    def handle_data(self, data):
        if self.capture and not self.in_short_label:
            self.buffer.append(data)

    def _start(self, kind):
        self.capture, self.buffer = kind, []


def rendered_chart(html: str, figure_id: str) -> RenderedChart:
    parser = _ChartParser(figure_id)
    parser.feed(html)
    assert parser.chart.caption, f"no chart #{figure_id} on the page"
    return parser.chart
