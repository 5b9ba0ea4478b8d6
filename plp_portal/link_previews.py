"""What a shared link's preview shows (OpenGraph and Twitter-card tags in the base template's
head), and which pages have none.

Members' pages, sign-in and the admin are not for sharing: a preview of them would show a
stranger nothing but a login form, so they carry no preview tags (the admin does not use the
base template at all). Error pages override the base template's ``social_meta`` block.
"""

from django.conf import settings
from django.templatetags.static import static

from .languages import unprefixed_path
from .linked_data import PREVIEW_IMAGE, PREVIEW_IMAGE_SIZE

# The sections of the site, below the language prefix, whose pages have no preview.
NOT_PREVIEWED = ("/accounts/", "/me/", "/admin/")

# OpenGraph names a locale with its territory; each interface language in the one it is
# mainly read in on this site (the OECD writes British English).
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


def is_previewable(path: str) -> bool:
    """Whether the page at `path` ("/fr/findings/x/") is one to show in a link preview."""
    return not unprefixed_path(path).startswith(NOT_PREVIEWED)


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code.replace("-", "_"))


def link_preview(request, language: str) -> dict:
    """The values of the preview tags that do not depend on the page's own content."""
    return {
        "url": request.build_absolute_uri(request.path),
        "locale": og_locale(language),
        "alternate_locales": [
            og_locale(code) for code, _name in settings.LANGUAGES if code != language
        ],
        "image": request.build_absolute_uri(static(PREVIEW_IMAGE)),
        "image_width": PREVIEW_IMAGE_SIZE[0],
        "image_height": PREVIEW_IMAGE_SIZE[1],
    }
