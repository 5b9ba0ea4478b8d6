"""The interface's languages and a page's address in each of them.

Every page for people has one address per language, the language code first (/en/findings/,
/fr/findings/, /es/findings/: ``i18n_patterns`` in plp_portal/urls.py); the same page in
another language is the same address with the other code. Swapping the prefix costs nothing
per page, where resolving and reversing the address once per language would (the base
template shows every page's alternates); it holds while no URL pattern is itself translated.
"""

from typing import NamedTuple

from django.conf import settings
from django.utils.translation import get_language_info


class Alternate(NamedTuple):
    code: str
    #: The language named in itself ("Français"), as a reader of it looks for it.
    name: str
    #: The page's path and query string in that language.
    url: str


def name_in_itself(code: str) -> str:
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def language_of_path(path: str) -> str | None:
    """The language whose prefix `path` starts with ("/fr/findings/" → "fr"), if any."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/") or path == f"/{code}":
            return code
    return None


def unprefixed_path(path: str) -> str:
    """`path` without its language prefix: "/fr/findings/?q=x" → "/findings/?q=x"."""
    code = language_of_path(path)
    if code is None:
        return path
    return path[len(code) + 1 :] or "/"


def alternates(full_path: str) -> list[Alternate]:
    """The address (path and query string) of this page in each language."""
    rest = unprefixed_path(full_path)
    return [
        Alternate(code=code, name=name_in_itself(code), url=f"/{code}{rest}")
        for code, _name in settings.LANGUAGES
    ]
