"""A small HTTP client for one server: cookies kept by hand, nothing followed."""

import http.client
import json
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

HOST = "127.0.0.1"
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    cookies: dict[str, str]

    def json(self):
        return json.loads(self.body)


@dataclass
class Browser:
    """One client's cookies, sent to whichever server is asked."""

    cookies: dict[str, str] = field(default_factory=dict)
    # As nginx would add it: the client's address, the same whichever server answers.
    forwarded_for: str = "203.0.113.7"

    def request(self, port: int, method: str, path: str, *, body=None, headers=None) -> Answer:
        sent = {"Host": HOST, "X-Forwarded-For": self.forwarded_for, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            set_cookies = {}
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    set_cookies[name] = morsel.value
            for name, value in set_cookies.items():
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
            return Answer(response.status, dict(response.headers), text, set_cookies)
        finally:
            connection.close()

    def get(self, port: int, path: str, **options) -> Answer:
        return self.request(port, "GET", path, **options)

    def post_form(self, port: int, path: str, fields: dict[str, str], *, shown_on=None) -> Answer:
        """POST a form the way a browser does after showing it (on `path`, or on the page
        `shown_on`): with its CSRF token."""
        form = self.get(port, shown_on or path)
        token = _CSRF_FIELD.search(form.body)
        if not token:
            raise RuntimeError(f"{shown_on or path} on port {port} shows no form ({form.status}).")
        return self.request(
            port,
            "POST",
            path,
            body=urlencode({**fields, "csrfmiddlewaretoken": token.group(1)}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


def anonymous_get(port: int, path: str) -> Answer:
    return Browser().get(port, path)


def wait_until_answers(port: int, path: str, *, seconds: float, alive=lambda: True) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"the server for port {port} exited")
        try:
            if anonymous_get(port, path).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered {path} on port {port} within {seconds:.0f} s")
