"""Who takes part: the programme, organisations, people, consortia and their accounts."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django_countries import countries

from consortia.enums import AccessRole, MembershipRole
from consortia.models import (
    Consortium,
    ConsortiumAccess,
    Membership,
    Organisation,
    Person,
    Programme,
)
from plp_portal.progress import Progress

from ..roles import ensure_curators_group
from . import words
from .bulk import dates_as_given, insert
from .plan import FIRST_DAY, LAST_CONSORTIUM_START, PROGRAMME_SLUG, Sizes, rng_for
from .text import Writer

CURATORS = 3
# Accounts are for looking around as a member would, never for logging in: no password.
NO_PASSWORD = "!generated-account-without-password"


@dataclass
class ConsortiumFacts:
    """What later steps need to know about a consortium, without querying it again."""

    pk: int
    short_name: str
    start: dt.date
    end: dt.date
    countries: list[str]
    places: list[str]
    topic_theme_ids: list[int]
    weight: float
    people: list[int] = field(default_factory=list)
    account_ids: list[int] = field(default_factory=list)


@dataclass
class Directory:
    consortia: list[ConsortiumFacts]
    people: list[int]
    curator_ids: list[int]


def _programme() -> Programme:
    programme = Programme(
        slug=PROGRAMME_SLUG,
        name="Global Peer-Learning Programme on the Social and Solidarity Economy",
        funder="A consortium of public and philanthropic funders",
        summary=(
            "Peer-learning partnerships of SSE networks, enterprises, cities and researchers "
            "from every continent learn from each other and publish what they find."
        ),
        description=(
            "The programme funds peer-learning partnerships between organisations of the "
            "Social and Solidarity Economy (SSE) and the public bodies that support them.\n\n"
            "Each partnership studies one question for one to three years, meets its peers at "
            "the programme's events and publishes its findings here."
        ),
        start_date=FIRST_DAY.date(),
        end_date=dt.date(2027, 12, 31),
        website="https://programme.example.org/",
    )
    programme.full_clean()
    programme.save()
    return programme


def _organisations(sizes: Sizes) -> list[tuple[Organisation, str, str]]:
    """Organisations with the city and the country code of each."""
    rng = rng_for(sizes.seed, "organisations")
    kinds, weights = zip(*words.ORGANISATION_KIND_WEIGHTS.items(), strict=True)
    names_taken: set[str] = set()
    made = []
    for number in range(1, sizes.organisations + 1):
        for _attempt in range(5):  # a few tries for a name no other organisation has
            kind = rng.choices(kinds, weights)[0]
            city, code, _zone = rng.choice(words.CITIES)
            name = rng.choice(words.ORGANISATION_NAMES[kind]).format(
                city=city,
                country=countries.name(code),
                family=rng.choice(words.FAMILY_NAMES),
                word=rng.choice(words.NAME_WORDS),
            )
            if name not in names_taken:
                break
        names_taken.add(name)
        slug = f"{slugify(name)[:70].strip('-')}-{number}"
        acronym = ""
        if kind in ("network", "international", "government") and rng.random() < 0.5:
            acronym = "".join(w[0] for w in name.split() if w[0].isupper())[:8]
        organisation = Organisation(
            slug=slug,
            name=name,
            acronym=acronym,
            country=code,
            kind=kind,
            website=f"https://{slug}.example.org/",
            description=Writer(rng, [city]).sentence(),
        )
        made.append((organisation, city, code))
    return made


def _people(sizes: Sizes, organisations: list[Organisation]) -> list[list[Person]]:
    """One to three people per organisation, in the organisations' order."""
    rng = rng_for(sizes.seed, "people")
    number = 0
    staff = []
    for organisation in organisations:
        people = []
        for _ in range(rng.randint(1, 3)):
            number += 1
            given, family = rng.choice(words.GIVEN_NAMES), rng.choice(words.FAMILY_NAMES)
            slug = f"{slugify(f'{given} {family}')}-{number}"
            people.append(
                Person(
                    given_name=given,
                    family_name=family,
                    slug=slug,
                    honorific=rng.choice(words.HONORIFICS),
                    position=rng.choice(words.POSITIONS),
                    affiliation_id=organisation.pk,
                    email=f"{slug}@example.org",
                )
            )
        staff.append(people)
    return staff


def _consortia(
    sizes: Sizes, programme: Programme, organisations: list, topic_theme_ids: list[int]
) -> tuple[list[Consortium], list[list[int]], list[ConsortiumFacts]]:
    """Consortia, the indexes of their organisations (lead first), and their facts."""
    rng = rng_for(sizes.seed, "consortia")
    span = (LAST_CONSORTIUM_START - FIRST_DAY.date()).days
    rows, members, facts = [], [], []
    for number in range(1, sizes.consortia + 1):
        first, second = rng.sample(words.ACRONYM_PARTS, 2)
        short_name = f"{first}{second} {number}"
        chosen = rng.sample(range(len(organisations)), rng.randint(3, 8))
        cities = [organisations[index][1] for index in chosen]
        codes = list(dict.fromkeys(organisations[index][2] for index in chosen))
        places = cities + [countries.name(code) for code in codes]
        writer = Writer(rng, places)
        start = FIRST_DAY.date() + dt.timedelta(days=rng.randint(0, span))
        end = start + dt.timedelta(days=rng.randint(270, 900))
        slug = slugify(short_name)
        rows.append(
            Consortium(
                programme=programme,
                short_name=short_name,
                title=f"{short_name}: {writer.fill(rng.choice(words.CONSORTIUM_TITLES))}",
                slug=slug,
                topic=writer.paragraph(2, 2),
                description=(
                    f"## Who we are\n\n{writer.paragraph(2, 3)}\n\n"
                    f"## How we worked\n\n{writer.paragraph(2, 3)}"
                ),
                start_date=start,
                end_date=end,
                website=f"https://{slug}.example.org/",
            )
        )
        members.append(chosen)
        facts.append(
            ConsortiumFacts(
                pk=0,
                short_name=short_name,
                start=start,
                end=end,
                countries=codes,
                places=places,
                topic_theme_ids=rng.sample(topic_theme_ids, min(3, len(topic_theme_ids))),
                weight=rng.lognormvariate(0, 0.7),  # a few consortia write much more
            )
        )
    return rows, members, facts


def _accounts(consortia: list[Consortium], facts: list[ConsortiumFacts]) -> list[int]:
    """A coordinator and a member account per consortium, and the curators; curator ids."""
    user_model = get_user_model()
    users, accesses = [], []
    for consortium, fact in zip(consortia, facts, strict=True):
        joined = dt.datetime.combine(fact.start, dt.time(9), tzinfo=dt.UTC)
        for role in (AccessRole.COORDINATOR, AccessRole.MEMBER):
            username = f"gen-{consortium.slug}-{role}"
            users.append(
                user_model(
                    username=username,
                    email=f"{username}@example.org",
                    password=NO_PASSWORD,
                    date_joined=joined,
                )
            )
            accesses.append((len(users) - 1, consortium, fact, role, joined))
    for number in range(1, CURATORS + 1):
        users.append(
            user_model(
                username=f"gen-curator-{number}",
                email=f"gen-curator-{number}@example.org",
                password=NO_PASSWORD,
                is_staff=True,
                date_joined=FIRST_DAY,
            )
        )
    insert(user_model, users)
    rows = []
    for index, consortium, fact, role, joined in accesses:
        fact.account_ids.append(users[index].pk)
        rows.append(
            ConsortiumAccess(user=users[index], consortium=consortium, role=role, created_at=joined)
        )
    with dates_as_given(ConsortiumAccess._meta.get_field("created_at")):
        insert(ConsortiumAccess, rows)
    curators = users[-CURATORS:]
    ensure_curators_group().user_set.add(*curators)
    return [user.pk for user in curators]


def build_directory(sizes: Sizes, topic_theme_ids: list[int], progress: Progress) -> Directory:
    programme = _programme()
    located = _organisations(sizes)
    organisations = insert(Organisation, [organisation for organisation, _, _ in located])
    progress.done("organisations", len(organisations))
    staff = _people(sizes, organisations)
    people = insert(Person, [person for people in staff for person in people])
    progress.done("people", len(people))
    rows, members, facts = _consortia(sizes, programme, located, topic_theme_ids)
    consortia = insert(Consortium, rows)
    memberships = []
    for consortium, fact, chosen in zip(consortia, facts, members, strict=True):
        fact.pk = consortium.pk
        for place, index in enumerate(chosen):
            role = MembershipRole.LEAD if place == 0 else MembershipRole.PARTNER
            memberships.append(
                Membership(consortium=consortium, organisation=organisations[index], role=role)
            )
            fact.people += [person.pk for person in staff[index]]
    insert(Membership, memberships)
    progress.done("consortia", len(consortia))
    curator_ids = _accounts(consortia, facts)
    return Directory(
        consortia=facts, people=[person.pk for person in people], curator_ids=curator_ids
    )
