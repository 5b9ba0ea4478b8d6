"""Endorsements and disagreements: another consortium's organisation reacts to a published
finding (endorses it, has applied it somewhere, or found otherwise), and curators moderate the
reaction as they do findings.

The one public question other code asks (the /compare/ page marks disagreeing cells with it):

    from findings.reactions import contested_finding_ids
    contested_finding_ids(Finding.objects.filter(...))  # -> set of ids, one query

A finding is *contested* when at least one published reaction of kind "found otherwise" is
recorded for it.
"""


def contested_finding_ids(queryset) -> set[int]:
    """The ids of the findings of ``queryset`` that are contested (at least one published
    "found otherwise" reaction). One query, whatever the size of ``queryset``."""
    from .selectors import contested_ids

    return contested_ids(queryset)
