"""The reactions an account wrote or decided on (see ``consortia.personal_data``).

Erasure keeps them, as an organisation's reaction, credited to the "Former member": a
reaction speaks for the organisation, not for the person who typed it."""

from consortia.personal_data import PersonalDataSection, moment

from .models import Reaction


def _reactions(user) -> list[dict]:
    reactions = Reaction.objects.filter(author=user).select_related("finding", "organisation")
    return [
        {
            "finding": reaction.finding.slug,
            "organisation": reaction.organisation.name,
            "kind": reaction.kind,
            "status": reaction.status,
            "country": str(reaction.country.code or ""),
            "place": reaction.place,
            "note": reaction.note,
            "evidence": reaction.evidence,
            "created_at": moment(reaction.created_at),
        }
        for reaction in reactions.order_by("created_at", "pk")
    ]


def erase(user, former_member) -> None:
    Reaction.objects.filter(author=user).update(author=former_member)
    Reaction.objects.filter(decided_by=user).update(decided_by=former_member)


SECTION = PersonalDataSection("finding_reactions", _reactions, erase)
