"""English dates and numbers the British way, as the portal wrote them before it spoke other
languages (its LANGUAGE_CODE was "en-gb"): day first, Monday first, "2 December 2021".
Django's "en" would write "Dec. 2, 2021" and read 02/12/2021 as the 12th of February."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
