"""One corpus of hostile text, run through every output of the portal (tests/security/
test_hostile_text.py): each string goes into a finding, a consortium, an organisation, a
person, a theme, an event and a review comment, and every page, feed, API answer, calendar and
e-mail that shows them must show them as text: no live markup, no extra calendar lines, no
extra mail headers, no 500.

Each string fits the shortest field it goes into (a consortium's short name: 80 characters).
"""

HOSTILE_STRINGS = {
    "script element": "<script>alert(1)</script>",
    "attribute break-out": '"><svg onload=alert(1)>',
    "single-quoted break-out": "'><img src=x onerror=alert(1)>",
    "javascript: link": "[read the report](javascript:alert(1))",
    "disguised javascript: links": (
        '[a](JaVaScRiPt:x) [b](java&#09;script:x) <a href=" java\tscript:x">c'
    ),
    "raw HTML in Markdown": "<iframe src=//evil.example></iframe><b onclick=alert(1)>bold</b>",
    "style injection": "<!-- --><style>body{display:none}</style>",
    "mail header injection": "Decent work\r\nBcc: victim@example.org",
    "calendar injection": "Meeting\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Forged",
    "bare line feeds": "first line\nX-Injected: yes\nsecond line",
    "highlight markers": "\ue000cities\ue001 and \ue000<b>\ue001",
    "right-to-left override": "invoice\u202egpj.exe",
    "control characters": "bell\x07 escape\x1b vertical\x0b form\x0c delete\x7f",
    "line and paragraph separators": "one\u2028two\u2029three",
    "combining marks and emoji": (
        "Z\u0335\u0321a\u0337l\u0336g\u0338o \U0001f469\U0001f3fd\u200d\U0001f4bb \ufdfd"
    ),
    "very long word": "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt",
    "template syntax": "{{ request.META }} {% debug %} ${7*7} #{7*7}",
    "CDATA end": "]]><x>&amp;</x><![CDATA[",
    "entities": "&lt;b&gt; &amp;amp; &#60;script&#62;",
}
