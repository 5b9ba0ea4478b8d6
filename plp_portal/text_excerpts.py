"""Short excerpts of running text that end where a reader expects a pause: after a whole
sentence, or at a whole word with an ellipsis, never in the middle of either."""

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (or one of them and a closing quote or bracket) and a space; "e.g."
# and "i.e." end none.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)\]]))(?<!\be\.g\.)(?<!\bi\.e\.)\s+")
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Excerpt:
    text: str
    #: Something was left out: the page offers the whole text ("Read more").
    is_cut: bool


def excerpt(text: str, max_words: int) -> Excerpt:
    """At most `max_words` words of `text`: as many whole sentences as fit, or, when even the
    first sentence is longer, its first words and an ellipsis."""
    text = " ".join((text or "").split())
    if len(text.split()) <= max_words:
        return Excerpt(text, is_cut=False)
    kept, count = [], 0
    for sentence in _SENTENCE_END.split(text):
        words = len(sentence.split())
        if count + words > max_words:
            break
        kept.append(sentence)
        count += words
    if kept:
        return Excerpt(" ".join(kept), is_cut=True)
    words = text.split()[:max_words]
    return Excerpt(" ".join(words).rstrip(",;:—–-") + ELLIPSIS, is_cut=True)
