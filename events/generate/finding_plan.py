"""One generated finding, decided from the seed and its number alone (no database reads)."""

import bisect
import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from django.utils.text import slugify

from . import words
from .directory import ConsortiumFacts
from .plan import LAST_DAY, rng_for
from .text import Writer
from .trail import Trail, status_for, trail_for

# Decent work is the SSE's goal most often cited; every goal appears.
SDG_WEIGHTS = {
    8: 12, 10: 7, 11: 7, 5: 6, 17: 6, 1: 5, 12: 5, 4: 4, 3: 3, 7: 3, 9: 3, 13: 3, 16: 2,
    2: 2, 6: 1, 14: 1, 15: 1,
}  # fmt: skip
SDG_NUMBERS, SDG_CHANCES = zip(*SDG_WEIGHTS.items(), strict=True)


#: The structured claim's values (findings.claims), drawn from their own random stream so the
#: rest of a finding stays what it was before claims existed.
KIND_WEIGHTS = {"observation": 4, "lesson_learned": 3, "recommendation": 3, "": 1}
LEVEL_CODES = ("local", "regional", "national", "international")
EVIDENCE_KINDS = ("case_studies", "survey", "stakeholder_consultation", "literature",
                  "data_analysis")  # fmt: skip
#: Kinds of evidence that often come with a count, and its range.
EVIDENCE_COUNTS = {"case_studies": (2, 30), "survey": (40, 900)}


@dataclass(frozen=True)
class ClaimPlan:
    kind: str
    lever_ids: list[int]
    level_codes: list[str]
    evidence: list[tuple[str, int | None]]
    target_codes: list[str]


def plan_claim(
    rng: random.Random,
    *,
    lever_ids: list[int],
    targets_by_goal: dict[int, list[str]],
    sdg_numbers: list[int],
) -> ClaimPlan:
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    kind = rng.choices(kinds, weights)[0]
    levers = rng.sample(lever_ids, min(len(lever_ids), rng.randint(0, 2))) if lever_ids else []
    levels = sorted(rng.sample(LEVEL_CODES, rng.randint(1, 2)), key=LEVEL_CODES.index)
    evidence = []
    for evidence_kind in rng.sample(EVIDENCE_KINDS, rng.randint(0, 2)):
        bounds = EVIDENCE_COUNTS.get(evidence_kind)
        count = rng.randint(*bounds) if bounds and rng.random() < 0.6 else None
        evidence.append((evidence_kind, count))
    # Targets of its own SDGs only: a target implies its goal (findings.claims).
    candidates = [code for goal in sdg_numbers for code in targets_by_goal.get(goal, ())]
    targets = rng.sample(candidates, min(len(candidates), rng.choice((0, 1, 1, 2))))
    return ClaimPlan(kind, sorted(levers), levels, evidence, targets)


@dataclass(frozen=True)
class FindingPlan:
    number: int
    consortium: ConsortiumFacts
    status: str
    title: str
    slug: str
    summary: str
    body: str
    countries: list[str]
    theme_ids: list[int]
    sdg_numbers: list[int]
    sources: list[tuple[str, str]]
    author_id: int | None
    trail: Trail
    #: Who made each step of the trail: a member for a submission, a curator otherwise.
    actor_ids: list[int | None]
    claim: ClaimPlan | None = None

    @property
    def last_actor_id(self) -> int | None:
        return self.actor_ids[-1] if self.actor_ids else self.author_id


class FindingPlanner:
    """Plans finding number 0, 1, 2 … of one run."""

    def __init__(
        self,
        *,
        seed: int,
        consortia: list[ConsortiumFacts],
        topic_theme_ids: list[int],
        curator_ids: list[int],
        lever_ids: list[int] = (),
        targets_by_goal: dict[int, list[str]] | None = None,
    ):
        self.seed = seed
        self.lever_ids = list(lever_ids)
        self.targets_by_goal = targets_by_goal or {}
        self.consortia = consortia
        self.cumulative = []
        total = 0.0
        for consortium in consortia:
            total += consortium.weight
            self.cumulative.append(total)
        self.topic_theme_ids = topic_theme_ids
        self.curator_ids = curator_ids

    def _consortium(self, rng: random.Random) -> ConsortiumFacts:
        index = bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])
        return self.consortia[min(index, len(self.consortia) - 1)]

    def _last_change(self, consortium: ConsortiumFacts, rng: random.Random) -> dt.datetime:
        """Findings come from a few months into a partnership until a while after it ends."""
        start = dt.datetime.combine(consortium.start, dt.time(9), tzinfo=dt.UTC)
        start += dt.timedelta(days=60)
        end = min(
            dt.datetime.combine(consortium.end, dt.time(17), tzinfo=dt.UTC)
            + dt.timedelta(days=540),
            LAST_DAY,
        )
        seconds = max((end - start).total_seconds(), 0)
        return min(start + dt.timedelta(seconds=int(rng.random() * seconds)), LAST_DAY)

    def _themes(self, consortium: ConsortiumFacts, rng: random.Random) -> list[int]:
        focus = consortium.topic_theme_ids
        chosen = rng.sample(focus, min(rng.randint(1, 3), len(focus)))
        if rng.random() < 0.25:
            chosen.append(rng.choice(self.topic_theme_ids))
        return list(dict.fromkeys(chosen))

    def plan_batch(self, numbers: range) -> list[FindingPlan]:
        return [self.plan(number) for number in numbers]

    def plan(self, number: int) -> FindingPlan:
        rng = rng_for(self.seed, "finding", number)
        status = status_for(number, rng)
        consortium = self._consortium(rng)
        trail = trail_for(status, self._last_change(consortium, rng), rng)
        writer = Writer(rng, consortium.places)
        title = writer.finding_title()
        slug = f"{slugify(title)[:80].strip('-')}-{number + 1}"
        countries = rng.sample(consortium.countries, min(len(consortium.countries), 3))
        year = trail.created_at.year
        sources = [
            (
                f"{rng.choice(words.SOURCE_KINDS)}: {consortium.short_name}, {year}",
                f"https://publications.example.org/{slug}/{position}.pdf",
            )
            for position in range(1, rng.choice((0, 1, 1, 2, 2, 3)) + 1)
        ]
        author_id = rng.choice(consortium.account_ids) if consortium.account_ids else None
        actor_ids = [
            rng.choice(self.curator_ids) if step.by_curator else author_id for step in trail.steps
        ]
        plan = FindingPlan(
            number=number,
            consortium=consortium,
            status=status,
            title=title,
            slug=slug,
            summary=writer.finding_summary(),
            body=writer.finding_body(),
            countries=countries[: rng.randint(1, 3)],
            theme_ids=self._themes(consortium, rng),
            sdg_numbers=sorted(set(rng.choices(SDG_NUMBERS, SDG_CHANCES, k=rng.randint(1, 3)))),
            sources=sources,
            author_id=author_id,
            trail=trail,
            actor_ids=actor_ids,
        )
        claim = plan_claim(
            rng_for(self.seed, "claim", number),
            lever_ids=self.lever_ids,
            targets_by_goal=self.targets_by_goal,
            sdg_numbers=plan.sdg_numbers,
        )
        return dataclasses.replace(plan, claim=claim)
