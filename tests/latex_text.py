"""A BibTeX value as LaTeX typesets it, read by pylatexenc (tests of findings.citations).

pylatexenc knows most of LaTeX's text commands; these three it reads otherwise than LaTeX
prints them (``\\textasciicircum`` as the modifier letter U+02C6, the other two as nothing),
so they are told what LaTeX prints."""

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

_CONTEXT = get_default_latex_context_db().filter_context()
_CONTEXT.add_context_category(
    "latex-text-symbols",
    prepend=True,
    macros=[
        MacroTextSpec("textasciicircum", "^"),
        MacroTextSpec("textless", "<"),
        MacroTextSpec("textgreater", ">"),
    ],
)


def latex_text(value: str) -> str:
    """`value` as LaTeX typesets it (the braces that protect it taken off)."""
    return LatexNodes2Text(latex_context=_CONTEXT).latex_to_text(value)
