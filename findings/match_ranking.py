"""Which matches an organisation keeps: its best few, and how to bring them up to date when
only some organisations' scores changed without scoring every pair again (findings.matching).

Pure functions over (other organisation, score) pairs; no database.
"""

from collections.abc import Callable, Iterable

#: Matches kept per organisation: pages show at most matching.BEST_MATCHES.
KEPT_PER_ORGANISATION = 20

#: (other organisation id, score)
Scored = tuple[int, int]


def rank_key(item: Scored) -> tuple[int, int]:
    """Best first: the higher score, then the older organisation (a fixed order for ties)."""
    other, score = item
    return (-score, other)


def best(candidates: Iterable[Scored], kept: int | None = None) -> list[Scored]:
    """The `kept` best candidates with a score, best first."""
    kept = kept or KEPT_PER_ORGANISATION
    return sorted((item for item in candidates if item[1] > 0), key=rank_key)[:kept]


def updated(
    stored: list[Scored],
    changed: dict[int, int],
    rescore_everyone: Callable[[], Iterable[Scored]],
    kept: int | None = None,
) -> list[Scored]:
    """An organisation's best matches once its scores with the organisations in `changed`
    became `changed`'s values (0: no longer a match); the others' scores are as stored.

    Merging the stored list with the changed scores is exact unless the stored list was full
    and one of its matches fell: then an organisation it had left out may belong in it again,
    and only scoring everyone again (`rescore_everyone`) can tell. When nothing fell, every
    match left out still ranks below all the stored ones, which keep or improve their place.
    """
    kept = kept or KEPT_PER_ORGANISATION
    if len(stored) >= kept and any(
        changed.get(other, score) < score for other, score in stored if other in changed
    ):
        return best(rescore_everyone(), kept)
    unchanged = [(other, score) for other, score in stored if other not in changed]
    return best([*unchanged, *changed.items()], kept)
