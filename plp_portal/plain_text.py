"""Members' text made fit for formats that cannot carry every character.

HTML and JSON escape what they must and carry the rest. XML 1.0 (the Atom feed) has no way
to write most control characters at all: Django refuses to serialise them (a 500 for the whole
feed). An iCalendar TEXT value (RFC 5545) may not hold them either. A member can still type
them (the API takes any JSON string), so these outputs drop them: they carry no meaning a
reader could miss.
"""

import re

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020, except the
# surrogates and U+FFFE/U+FFFF.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# RFC 5545 CONTROL: every control character but tab; line breaks are escaped by icalendar.
_NOT_IN_CALENDARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return _NOT_IN_XML.sub("", text)


def calendar_text(text: str) -> str:
    """`text` without the control characters an iCalendar text value may not hold."""
    return _NOT_IN_CALENDARS.sub("", text)
