"""Plausible SSE prose from the word lists: titles, summaries and Markdown bodies.

Every text comes from the ``random.Random`` it is given, so a seed fixes every word. A template
draws only the words it names, which keeps 100,000 bodies cheap to write.
"""

import random
from functools import cache
from string import Formatter

from . import words


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def pick(rng: random.Random, items):
    """``rng.choice(items)``, three times faster: texts draw millions of words."""
    return items[int(rng.random() * len(items))]


@cache
def _field_names(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in Formatter().parse(template) if name)


# What each template field is drawn from; a capitalised field name capitalises the word.
_DRAWS = {
    "actors": lambda w: pick(w.rng, words.ACTORS),
    "other_actors": lambda w: pick(w.rng, words.ACTORS),
    "object": lambda w: pick(w.rng, words.OBJECTS),
    "other_object": lambda w: pick(w.rng, words.OBJECTS),
    "verb": lambda w: pick(w.rng, words.VERBS)[0],
    "verb_past": lambda w: pick(w.rng, words.VERBS)[1],
    "condition": lambda w: pick(w.rng, words.CONDITIONS),
    "outcome": lambda w: pick(w.rng, words.OUTCOMES),
    "obstacle": lambda w: pick(w.rng, words.OBSTACLES),
    "evidence": lambda w: pick(w.rng, words.EVIDENCE).format(n=w.rng.randint(6, 140)),
    "place": lambda w: pick(w.rng, w.places),
    "percent": lambda w: str(w.rng.randint(12, 87)),
    "n": lambda w: str(w.rng.randint(3, 12)),
}


class Writer:
    """Fills templates with words; ``places`` are the city or country names it may mention."""

    def __init__(self, rng: random.Random, places: list[str]):
        self.rng = rng
        self.places = places or ["Europe"]

    def _word(self, name: str) -> str:
        if name == "Verb":  # the imperative, to start a recommendation
            return pick(self.rng, words.VERBS)[2]
        if name[0].isupper():
            return capitalised(_DRAWS[name.lower()](self))
        return _DRAWS[name](self)

    def fill(self, template: str) -> str:
        return template.format_map({name: self._word(name) for name in _field_names(template)})

    def sentence(self) -> str:
        return self.fill(pick(self.rng, words.SENTENCES))

    def paragraph(self, fewest: int, most: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(fewest, most)))

    def finding_title(self) -> str:
        return self.fill(pick(self.rng, words.FINDING_TITLES))[:200]

    def finding_summary(self) -> str:
        return self.paragraph(2, 3)

    def finding_body(self) -> str:
        """Markdown: context, what was found (with a list), what it means, sometimes a quote."""
        rng = self.rng
        leads = rng.sample(words.BULLET_LEADS, rng.randint(3, 5))
        bullets = "\n".join(f"- **{lead}**: {self.sentence()}" for lead in leads)
        advice = "\n".join(
            f"{number}. {self.fill(pick(rng, words.RECOMMENDATIONS))}"
            for number in range(1, rng.randint(2, 4) + 1)
        )
        parts = [
            "## Context",
            self.paragraph(3, 5),
            "## What we found",
            self.paragraph(2, 4),
            bullets,
            "## What it means for policy",
            self.paragraph(1, 3),
            advice,
        ]
        if rng.random() < 0.4:
            parts.append(
                f"> {self.sentence()}\n>\n> — a participant from {rng.choice(self.places)}"
            )
        return "\n\n".join(parts)
