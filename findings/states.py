"""Sets of states, defined once (``findings.workflow`` re-exports them with the table).

Kept apart from the workflow table so that the model, its querysets and the predicates can
read them without importing the table (which imports the predicates, which import the model).
"""

from .enums import FindingStatus as S

#: States in which the consortium's members may edit a finding's content.
MEMBER_EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})

#: Members translate their findings while they write them and while they are reviewed.
MEMBER_TRANSLATABLE_STATES = frozenset({*MEMBER_EDITABLE_STATES, S.AWAITING_SIGNOFF, S.SUBMITTED})

# What the public sees, defined once. The model (``Finding.is_public``), its querysets
# (``published()``, ``public()``), permissions, pages, feeds, sitemaps and the API all read
# these two sets:
#
# - LISTED: shown in every list — the findings list and its facets, search, theme, SDG and
#   consortium pages, an event's programme, counts, the feed — on the site and in the API.
# - PUBLIC: has a public page and API detail, is citable and its files downloadable. A
#   withdrawn finding keeps its page (marked withdrawn) but leaves every list.

#: States shown in lists, search, facets, counts and event programmes.
LISTED_STATES = frozenset({S.PUBLISHED})

#: States whose page is public (marked withdrawn where so); a finding that was ever public
#: cannot be deleted.
PUBLIC_STATES = frozenset({S.PUBLISHED, S.WITHDRAWN})
