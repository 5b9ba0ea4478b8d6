"""schema.org JSON-LD for the pages of consortia, organisations and people, and the nodes the
other apps' documents name them by (an event's speakers, a finding's consortium).

Built from the objects the page's selector read (consortia.selectors), with what the page
shows and nothing else: a person is their name, honorific, position and affiliation, never
their e-mail address.
"""

from plp_portal.linked_data import Absolute, compact, document

from .models import Consortium, Organisation, Person


def organisation_node(organisation: Organisation, absolute: Absolute) -> dict:
    """An organisation as named on another page: its name, page and country."""
    return compact(
        {
            "@type": "Organization",
            "name": organisation.name,
            "alternateName": organisation.acronym,
            "url": absolute(organisation.get_absolute_url()),
            "address": _country(organisation),
        }
    )


def consortium_node(consortium: Consortium, absolute: Absolute) -> dict:
    """A consortium as named on another page (a finding's author, a contribution's partner)."""
    return compact(
        {
            "@type": "Organization",
            "name": consortium.short_name,
            "alternateName": consortium.title,
            "url": absolute(consortium.get_absolute_url()),
        }
    )


def person_node(person: Person, absolute: Absolute) -> dict:
    """A person's public fields, as their page shows them (consortia.selectors.person_detail:
    the affiliation read with them)."""
    affiliation = person.affiliation
    return compact(
        {
            "@type": "Person",
            "name": person.full_name,
            "givenName": person.given_name,
            "familyName": person.family_name,
            "honorificPrefix": person.honorific,
            "jobTitle": person.position,
            "url": absolute(person.get_absolute_url()),
            "affiliation": (
                compact(
                    {
                        "@type": "Organization",
                        "name": affiliation.name,
                        "url": absolute(affiliation.get_absolute_url()),
                    }
                )
                if affiliation
                else None
            ),
        }
    )


def consortium_document(consortium: Consortium, absolute: Absolute) -> dict:
    """A consortium's page: the partnership and its member organisations, lead first (as
    consortia.selectors.consortium_detail orders them)."""
    return document(
        compact(
            {
                **consortium_node(consortium, absolute),
                "description": consortium.topic,
                "sameAs": consortium.website,
                "member": [
                    organisation_node(membership.organisation, absolute)
                    for membership in consortium.memberships.all()
                ],
            }
        )
    )


def organisation_document(organisation: Organisation, absolute: Absolute) -> dict:
    """An organisation's page (consortia.selectors.organisation_detail): the consortia it is
    a member of, and the people its page lists."""
    return document(
        compact(
            {
                **organisation_node(organisation, absolute),
                "description": organisation.description,
                "sameAs": organisation.website,
                "memberOf": [
                    consortium_node(membership.consortium, absolute)
                    for membership in organisation.memberships.all()
                ],
                "member": [
                    compact(
                        {
                            "@type": "Person",
                            "name": person.full_name,
                            "jobTitle": person.position,
                            "url": absolute(person.get_absolute_url()),
                        }
                    )
                    for person in organisation.listed_people
                ],
            }
        )
    )


def person_document(person: Person, absolute: Absolute) -> dict:
    return document(person_node(person, absolute))


def _country(organisation: Organisation) -> dict | None:
    if not organisation.country:
        return None
    return {"@type": "PostalAddress", "addressCountry": organisation.country.code}
