"""Everything the portal keeps about one person, section by section: for their download (a
JSON copy, GDPR's right of access) and for their erasure.

Each app that keeps personal data registers a ``PersonalDataSection`` in its
``AppConfig.ready()`` (findings registers authorship, reviews and uploads), so this module
never names an upper app and no app's data is forgotten. ``erase`` hands what must stay
(published work) to the "Former member" account and deletes the rest; the account itself is
deleted last, by ``consortia.erasure.account_erase``.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class PersonalDataSection:
    #: The key of the section in the download.
    name: str
    #: ``export(user)``: the section's data, JSON-ready.
    export: Callable[[Any], Any]
    #: ``erase(user, former_member)``: keep nothing of ``user`` in the section.
    erase: Callable[[Any, Any], None]


_SECTIONS: dict[str, PersonalDataSection] = {}


def register(section: PersonalDataSection) -> None:
    _SECTIONS[section.name] = section


def sections() -> list[PersonalDataSection]:
    return list(_SECTIONS.values())


def moment(value: dt.datetime | None) -> str | None:
    """Dates in the download: ISO 8601 with the offset, or null."""
    return value.isoformat() if value is not None else None


def personal_data_export(user) -> dict:
    """A copy of everything kept about ``user``, one key per section."""
    data = {"exported_at": moment(timezone.now())}
    for section in sections():
        data[section.name] = section.export(user)
    return data
