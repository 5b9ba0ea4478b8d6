"""Reads for the public pages about consortia, organisations and people: consortia's own data.

consortia knows nothing of findings or events, not even their relation names. The pages that
also show findings or event appearances take these reads and add their own in the app that owns
that data (findings.selectors, events.selectors), from that app's view.
"""

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Left, Upper

from .models import Consortium, Membership, Organisation, Person


def consortium_list() -> QuerySet:
    """Consortia with lead and partners, by short name."""
    # Explicit: Meta.ordering is not applied once a caller adds an aggregate.
    return Consortium.objects.with_organisations().order_by("short_name")


def consortium_detail(slug: str) -> Consortium:
    """A consortium with its programme and organisations, lead first (raises DoesNotExist)."""
    return (
        Consortium.objects.select_related("programme")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "role", "organisation__name"
                ),
            )
        )
        .get(slug=slug)
    )


# An organisation's page names at most this many of its people.
ORGANISATION_PEOPLE_LIMIT = 100


def organisation_detail(slug: str) -> Organisation:
    """An organisation with its consortium memberships and the people affiliated with it (at
    most ORGANISATION_PEOPLE_LIMIT, by name, in ``listed_people``; ``people_count`` says how
    many it has). Raises Organisation.DoesNotExist."""
    organisation = Organisation.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("consortium").order_by(
                "consortium__short_name"
            ),
        ),
    ).get(slug=slug)
    people = list(
        organisation.people.order_by("family_name", "given_name")[: ORGANISATION_PEOPLE_LIMIT + 1]
    )
    organisation.listed_people = people[:ORGANISATION_PEOPLE_LIMIT]
    organisation.people_count = (
        len(people) if len(people) <= ORGANISATION_PEOPLE_LIMIT else organisation.people.count()
    )
    return organisation


def person_detail(slug: str) -> Person:
    """A person with their affiliation (raises Person.DoesNotExist)."""
    return Person.objects.select_related("affiliation").get(slug=slug)


def person_list(initial: str = "") -> QuerySet:
    """People by family name, with their affiliation; only those whose family name starts
    with `initial` when one is given."""
    people = Person.objects.select_related("affiliation").order_by("family_name", "given_name")
    return people.filter(family_name__istartswith=initial) if initial else people


def organisation_list(initial: str = "") -> QuerySet:
    """Organisations by name; only those whose name starts with `initial` when one is given."""
    organisations = Organisation.objects.order_by("name")
    return organisations.filter(name__istartswith=initial) if initial else organisations


def initials(queryset: QuerySet, field: str) -> list[str]:
    """The first letters of `field` in `queryset`, upper case, in order: one query."""
    letters = (
        queryset.order_by()
        .annotate(initial=Upper(Left(field, 1)))
        .values_list("initial", flat=True)
        .distinct()
    )
    return sorted(letter for letter in letters if letter)
