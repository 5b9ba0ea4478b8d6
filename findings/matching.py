"""Peer matching: organisations to talk to, and why.

An organisation's findings are the published findings of the consortia it is a member of.
Two organisations match on the features their findings share (themes, SDGs, countries, and
what other apps add: the events their people met at), each shared value counting the
findings the two have on it, at least (``min``), times the feature's weight. Organisations
already in a consortium together are not matched: they talk already.

Computed on write, never on a page: ``rebuild_for_consortium`` after a finding is published
or withdrawn (findings.services, on commit), ``rebuild`` for everything
(``manage.py compute_matches``). The figures come from grouped queries (findings.compare's,
one per feature), so a rebuild costs a few queries plus the pairs in Python; pages read the
stored rows, best first, with a fixed number of queries (``best_matches``).

A feature is one ``register_feature`` call: the findings axes (themes, SDGs, countries,
policy levers, SDG targets) and the published "applied" reactions here, events' shared events
in events/apps.py (findings never imports events).
"""

import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium, Membership, Organisation
from plp_portal.content_changes import content_changed
from plp_portal.content_signals import kind_tag
from plp_portal.progress import Progress

from . import compare, match_ranking
from .models import ConsortiumMatchProfile, Finding, OrganisationMatch
from .reactions.enums import ReactionKind, ReactionStatus
from .reactions.models import Reaction
from .states import LISTED_STATES

#: Shared values kept per feature (the reason names the first).
SHARED_KEPT = 3
#: Matches a page shows.
BEST_MATCHES = 5

#: {id: {feature key: findings}} per consortium or per organisation.
Profiles = dict[int, Counter]


@dataclass(frozen=True)
class Feature:
    name: str
    weight: int
    #: A sentence with %(name)s, the strongest shared value's name.
    sentence: str
    #: keys -> {key: name}, a fixed number of queries.
    names: Callable[[set[str]], dict[str, str]]
    #: published findings -> per consortium (then summed over an organisation's consortia;
    #: stored per consortium, see ConsortiumMatchProfile) …
    by_consortium: Callable[[QuerySet], Profiles] | None = None
    #: … or () -> per organisation directly.
    by_organisation: Callable[[], Profiles] | None = None
    #: The content tags of what ``names`` reads (plp_portal.page_tags): a page showing
    #: reasons is fresh when one of these is renamed.
    shows: tuple[str, ...] = ()


FEATURES: dict[str, Feature] = {}


def register_feature(feature: Feature) -> None:
    FEATURES[feature.name] = feature


def reason_tags() -> tuple[str, ...]:
    """The content tags of every registered feature's names (apps register theirs in
    ``ready()``, before any URLconf is read)."""
    return tuple(tag for feature in FEATURES.values() for tag in feature.shows)


def _by_axis(axis_name: str) -> Callable[[QuerySet], Profiles]:
    """The given published findings of each consortium per value of an axis: one grouped
    query."""

    def collect(findings: QuerySet) -> Profiles:
        counts = compare.grouped_counts(
            findings, compare.AXES["consortium"], compare.AXES[axis_name]
        )
        profiles: Profiles = defaultdict(Counter)
        for (consortium, key), number in counts.cells.items():
            profiles[int(consortium)][key] = number
        return profiles

    return collect


def _axis_names(axis_name: str) -> Callable[[set[str]], dict[str, str]]:
    def names(keys: set[str]) -> dict[str, str]:
        return {value.key: value.label for value in compare.AXES[axis_name].values(keys)}

    return names


register_feature(
    Feature(
        "theme",
        3,
        _("Both found something about %(name)s."),
        _axis_names("theme"),
        by_consortium=_by_axis("theme"),
    )
)
register_feature(
    Feature(
        "sdg",
        2,
        _("Both worked towards %(name)s."),
        _axis_names("sdg"),
        by_consortium=_by_axis("sdg"),
    )
)
register_feature(
    Feature(
        "country",
        1,
        _("Both found something in %(name)s."),
        _axis_names("country"),
        by_consortium=_by_axis("country"),
    )
)
# The structured claim (findings.claims): a shared policy lever weighs most, a shared target
# as much as a shared goal (a target implies its goal, so they add up).
register_feature(
    Feature(
        "lever",
        4,
        _("Both found something about the policy lever %(name)s."),
        _axis_names("lever"),
        by_consortium=_by_axis("lever"),
    )
)
register_feature(
    Feature(
        "sdg_target",
        2,
        _("Both worked towards SDG target %(name)s."),
        _axis_names("sdg_target"),
        by_consortium=_by_axis("sdg_target"),
    )
)
#: The reason a shared theme gives, when they also share a country.
THEME_IN_COUNTRY = _("Both found something about %(name)s, in %(country)s.")


def refresh_consortium_profiles(consortia: Iterable[int] | None = None) -> dict[int, dict]:
    """Count the published findings of `consortia` (their ids; all if None) per feature and
    store the counts: one grouped query per feature, over those consortia's findings only.
    Returns {consortium id: {feature: {key: findings}}}."""
    findings = Finding.objects.published()
    if consortia is None:
        ids = list(Consortium.objects.values_list("pk", flat=True))
    else:
        ids = sorted(set(consortia))
        findings = findings.filter(consortium__in=ids)
    counted: dict[int, dict] = {pk: {} for pk in ids}
    if ids:
        for feature in FEATURES.values():
            if feature.by_consortium is None:
                continue
            for consortium, values in feature.by_consortium(findings).items():
                if consortium in counted and values:
                    counted[consortium][feature.name] = dict(values)
    now = timezone.now()
    ConsortiumMatchProfile.objects.bulk_create(
        [
            ConsortiumMatchProfile(consortium_id=pk, features=f, computed_at=now)
            for pk, f in counted.items()
        ],
        update_conflicts=True,
        unique_fields=["consortium"],
        update_fields=["features", "computed_at"],
    )
    return counted


def _consortium_profiles(consortia: set[int]) -> dict[int, dict]:
    """The stored profiles of `consortia`; those never counted are counted now."""
    stored = dict(
        ConsortiumMatchProfile.objects.filter(consortium__in=consortia).values_list(
            "consortium_id", "features"
        )
    )
    missing = consortia - set(stored)
    if missing:
        stored.update(refresh_consortium_profiles(missing))
    return stored


def _profiles(consortia_of: dict[int, set[int]]) -> dict[int, dict[str, Counter]]:
    """{organisation id: {feature: Counter}}: its consortia's stored counts added up, and the
    features counted per organisation."""
    by_consortium = _consortium_profiles(
        set().union(*consortia_of.values()) if consortia_of else set()
    )
    profiles: dict[int, dict[str, Counter]] = defaultdict(dict)
    for organisation, consortia in consortia_of.items():
        summed: dict[str, Counter] = defaultdict(Counter)
        for consortium in consortia:
            for name, values in by_consortium.get(consortium, {}).items():
                summed[name].update(values)
        if summed:
            profiles[organisation] = dict(summed)
    for feature in FEATURES.values():
        if feature.by_organisation is not None:
            for organisation, values in feature.by_organisation().items():
                if values:
                    profiles[organisation][feature.name] = Counter(values)
    return profiles


def pair_score(a: dict[str, Counter], b: dict[str, Counter]) -> int:
    """How well two organisations' profiles match: per feature, the findings each shared
    value has on the side with fewer, times the feature's weight. Run for many pairs per
    rebuild, so it walks the smaller side of each feature and builds nothing."""
    score = 0
    for name, feature in FEATURES.items():
        mine, theirs = a.get(name), b.get(name)
        if not mine or not theirs:
            continue
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        score += feature.weight * sum(
            min(number, theirs[key]) for key, number in mine.items() if key in theirs
        )
    return score


def shared_features(a: dict[str, Counter], b: dict[str, Counter]) -> dict:
    """What two organisations' profiles share, per feature: the strongest values first (most
    findings, then by key), at most SHARED_KEPT, as [[key, findings], …]."""
    shared = {}
    for name in FEATURES:
        mine, theirs = a.get(name), b.get(name)
        if not mine or not theirs:
            continue
        common = [(key, min(number, theirs[key])) for key, number in mine.items() if key in theirs]
        if common:
            strongest = heapq.nsmallest(SHARED_KEPT, common, key=lambda item: (-item[1], item[0]))
            shared[name] = [[key, number] for key, number in strongest]
    return shared


class _Scorer:
    """Pair scores of one rebuild, each pair scored once; what a pair shares is worked out
    only for the rows written."""

    def __init__(self, consortia_of: dict[int, set[int]], profiles: dict):
        self.consortia_of = consortia_of
        self.profiles = profiles
        self.everyone = sorted(set(consortia_of) | set(profiles))
        self.scored: dict[tuple[int, int], int] = {}

    def score(self, a: int, b: int) -> int:
        key = (a, b) if a < b else (b, a)
        if key not in self.scored:
            if a == b or self.consortia_of.get(a, set()) & self.consortia_of.get(b, set()):
                # The same organisation, or partners already: they talk already.
                self.scored[key] = 0
            else:
                self.scored[key] = pair_score(self.profiles.get(a, {}), self.profiles.get(b, {}))
        return self.scored[key]

    def shared(self, a: int, b: int) -> dict:
        return shared_features(self.profiles.get(a, {}), self.profiles.get(b, {}))

    def all_of(self, a: int) -> list[match_ranking.Scored]:
        return [(b, self.score(a, b)) for b in self.everyone]


def rebuild(*, organisations: Iterable[int] | None = None, write=None) -> int:
    """Bring the stored matches up to date after the profiles of `organisations` (their ids;
    all if None) changed: their own best matches, and their place in everyone else's.
    Returns the number of matches written (none when nothing changed)."""
    progress = Progress(write)
    consortia_of: dict[int, set[int]] = defaultdict(set)
    for organisation, consortium in Membership.objects.values_list(
        "organisation_id", "consortium_id"
    ):
        consortia_of[organisation].add(consortium)
    if organisations is None:
        refresh_consortium_profiles()
    scorer = _Scorer(consortia_of, _profiles(consortia_of))
    progress.done("organisations with findings or events", len(scorer.profiles))
    changed = scorer.everyone if organisations is None else sorted(set(organisations))
    stored = _StoredMatches()
    wanted: dict[int, list[match_ranking.Scored]] = {}
    counter = progress.counter("organisations matched", len(changed))
    for a in changed:
        wanted[a] = match_ranking.best(scorer.all_of(a))
        counter.advance(1)
    counter.finish()
    for b in scorer.everyone:
        if b not in wanted:
            wanted[b] = match_ranking.updated(
                stored.best_first(b),
                {a: scorer.score(b, a) for a in changed},
                lambda b=b: scorer.all_of(b),
            )
    rows = {(a, b): score for a, best in wanted.items() for b, score in best}
    return _store(rows, scorer, stored, changed, progress)


class _StoredMatches:
    """The stored matches' keys and scores (what they share is read only where needed)."""

    def __init__(self):
        self.rows: dict[tuple[int, int], int] = {}  # (a, b) -> pk
        self.of: dict[int, list[match_ranking.Scored]] = defaultdict(list)
        for pk, a, b, score in OrganisationMatch.objects.order_by().values_list(
            "pk", "organisation_id", "other_id", "score"
        ):
            self.rows[(a, b)] = pk
            self.of[a].append((b, score))

    def best_first(self, organisation: int) -> list[match_ranking.Scored]:
        return sorted(self.of.get(organisation, []), key=match_ranking.rank_key)


def _store(
    rows: dict[tuple[int, int], int], scorer: _Scorer, stored: _StoredMatches, changed, progress
) -> int:
    """Make the stored matches `rows` ({(a, b): score}), writing only what differs, in one
    transaction. A pair of two organisations whose profiles did not change keeps its score
    and what it shares: only pairs with a changed organisation are compared."""
    touching = OrganisationMatch.objects.filter(
        Q(organisation__in=changed) | Q(other__in=changed)
    ).values_list("organisation_id", "other_id", "score", "shared")
    differs = {
        (a, b)
        for a, b, score, shared in touching
        if rows.get((a, b)) != score or not _same(shared, scorer.shared(a, b))
    }
    gone = [pk for key, pk in stored.rows.items() if key not in rows or key in differs]
    now = timezone.now()
    new = [
        OrganisationMatch(
            organisation_id=a,
            other_id=b,
            score=score,
            shared=scorer.shared(a, b),
            computed_at=now,
        )
        for (a, b), score in rows.items()
        if (a, b) not in stored.rows or (a, b) in differs
    ]
    if not gone and not new:
        progress.done("matches unchanged", len(rows))
        return 0
    with transaction.atomic():
        # Computed rows: no signal, no cascade to follow.
        doomed = OrganisationMatch.objects.filter(pk__in=gone)
        doomed._raw_delete(doomed.db)
        OrganisationMatch.objects.bulk_create(new, batch_size=2_000)
        content_changed(kind_tag(OrganisationMatch))
    progress.done("matches stored", len(new))
    removed = sum(1 for key in stored.rows if key not in rows)
    if removed:
        progress.done("matches removed", removed)
    return len(new)


def _same(one: dict, other: dict) -> bool:
    return json.dumps(one, sort_keys=True) == json.dumps(other, sort_keys=True)


def rebuild_for_consortium(consortium_id: int) -> int:
    """A finding of the consortium entered or left the lists, or changed there: count its
    published findings again (its own only) and update its members' matches."""
    refresh_consortium_profiles([consortium_id])
    members = list(
        Membership.objects.filter(consortium_id=consortium_id).values_list(
            "organisation_id", flat=True
        )
    )
    return rebuild(organisations=members) if members else 0


@dataclass
class Match:
    other: Organisation
    score: int
    reasons: list[str] = field(default_factory=list)


def best_matches(organisations: Iterable[Organisation], *, limit: int = BEST_MATCHES):
    """{organisation id: [Match, …]} best first, at most `limit` each: one query for the
    matches, then one per feature named in the reasons."""
    ids = [organisation.pk for organisation in organisations]
    if not ids:
        return {}
    stored = list(
        OrganisationMatch.objects.filter(organisation__in=ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("organisation_id"),
                order_by=[F("score").desc(), F("other__name").asc()],
            )
        )
        .filter(rank__lte=limit)
        .select_related("other")
        .order_by("organisation_id", "-score", "other__name")
    )
    wanted: dict[str, set[str]] = defaultdict(set)
    for match in stored:
        for name, values in match.shared.items():
            if name in FEATURES and values:
                wanted[name].add(str(values[0][0]))
    names = {name: FEATURES[name].names(keys) for name, keys in wanted.items()}
    result: dict[int, list[Match]] = {pk: [] for pk in ids}
    for match in stored:
        result[match.organisation_id].append(
            Match(match.other, match.score, reasons(match.shared, names))
        )
    return result


def reasons(shared: dict, names: dict[str, dict[str, str]], *, limit: int = 2) -> list[str]:
    """At most `limit` short sentences from the strongest shared features, the heaviest
    feature first: "Both found something about Legal frameworks, in Spain."."""
    sentences = []
    strongest = {
        name: names.get(name, {}).get(str(values[0][0]))
        for name, values in shared.items()
        if values and name in FEATURES
    }
    ordered = sorted(
        (name for name, label in strongest.items() if label),
        key=lambda name: (-FEATURES[name].weight, name),
    )
    for name in ordered:
        if name == "country" and "theme" in strongest:
            continue  # said with the theme
        if name == "theme" and strongest.get("country"):
            sentences.append(
                str(THEME_IN_COUNTRY)
                % {"name": strongest["theme"], "country": strongest["country"]}
            )
        else:
            sentences.append(str(FEATURES[name].sentence) % {"name": strongest[name]})
        if len(sentences) == limit:
            break
    return sentences


def _applied_by_organisation() -> Profiles:
    """{organisation id: {finding id: 1}}: the published findings it applied (a published
    "applied" reaction), and those its consortia wrote that another organisation applied. Two
    organisations share a finding when one found what the other applied, or both applied it."""
    applied = Reaction.objects.filter(
        kind=ReactionKind.APPLIED,
        status=ReactionStatus.PUBLISHED,
        finding__status__in=LISTED_STATES,
    )
    profiles: Profiles = defaultdict(Counter)
    writers: dict[int, set[int]] = defaultdict(set)
    for organisation, finding, consortium in applied.values_list(
        "organisation_id", "finding_id", "finding__consortium_id"
    ).distinct():
        profiles[organisation][str(finding)] = 1
        writers[consortium].add(finding)
    for organisation, consortium in Membership.objects.filter(
        consortium__in=list(writers)
    ).values_list("organisation_id", "consortium_id"):
        for finding in writers[consortium]:
            profiles[organisation][str(finding)] = 1
    return profiles


def _finding_titles(keys: set[str]) -> dict[str, str]:
    return {
        str(pk): title
        for pk, title in Finding.objects.published().filter(pk__in=keys).values_list("pk", "title")
    }


# Reactions (findings.reactions): what was applied weighs most of all.
register_feature(
    Feature(
        "applied",
        5,
        _("“%(name)s” links them: one found it and the other applied it, or both applied it."),
        _finding_titles,
        by_organisation=_applied_by_organisation,
    )
)
