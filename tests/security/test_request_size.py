"""A request body larger than the portal accepts is refused from its Content-Length alone,
before a byte of it is read: 413 with a page that says the limit (the API: its JSON error)."""

import io

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

MB = 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A WSGI input that fails the test if the server reads any of it."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.read_bytes += len(buffer)
        raise AssertionError("the server read the body of a request it should have refused")


def serve(path: str, content_type: str, content_length: int, cookies: str = ""):
    """One request through the whole WSGI application, as gunicorn would hand it over."""
    body = UnreadableBody()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(content_length),
        "HTTP_COOKIE": cookies,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    content = b"".join(WSGIHandler()(environ, start_response))
    return answer["status"], answer["headers"], content.decode(), body.read_bytes


def signed_in_cookies(user) -> str:
    client = Client()
    client.force_login(user)
    client.get("/en/me/findings/new/")  # sets the CSRF cookie, as the form page does
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def test_an_upload_of_200_mb_is_refused_before_its_body_is_read(member_a):
    status, headers, page, read = serve(
        "/en/me/findings/new/",
        "multipart/form-data; boundary=plp",
        200 * MB,
        cookies=signed_in_cookies(member_a),
    )

    assert (status, read) == (413, 0)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "The files you sent come to 200.0 MB" in page
    assert "a form may send at most 21.0 MB, each file at most 10.0 MB" in page
    assert "Content-Security-Policy" in headers


def test_an_upload_within_the_limit_reaches_the_form(client, member_a, consortium_a):
    client.force_login(member_a)

    response = client.post(
        "/en/me/findings/new/",
        {
            "consortium": consortium_a.pk,
            "title": "Small",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200  # the form, with its field errors


def declaring(client, length: int):
    # The test client sets no type or length for an empty body: the headers are given here.
    return client.generic(
        "POST",
        "/en/me/findings/new/",
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=plp",
        CONTENT_LENGTH=str(length),
    )


def test_the_limit_is_the_setting(client, db, settings):
    settings.PLP_UPLOAD_MAX_BYTES = 3 * MB

    assert declaring(client, 3 * MB + 1).status_code == 413
    assert declaring(client, 3 * MB).status_code == 302  # to the login page: not refused


def test_a_large_api_body_is_refused_with_the_api_s_error_before_it_is_read(db):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    status, headers, body, read = serve("/api/v1/findings/", "application/json", limit + 1)

    assert (status, read) == (413, 0)
    assert headers["Content-Type"] == "application/json"
    assert body == (
        '{"detail": "The request body is 2.5 MB; the API accepts at most 2.5 MB.", '
        '"code": "too_large", "limit": 2621440}'
    )


@pytest.mark.parametrize(
    ("content_type", "limit"),
    [
        ("application/x-www-form-urlencoded", "DATA_UPLOAD_MAX_MEMORY_SIZE"),
        ("text/plain", "DATA_UPLOAD_MAX_MEMORY_SIZE"),
        ("multipart/form-data; boundary=plp", "PLP_UPLOAD_MAX_BYTES"),
    ],
)
def test_any_page_refuses_a_body_over_its_kind_s_limit_unread(db, content_type, limit):
    status, _, _, read = serve("/en/accounts/login/", content_type, getattr(settings, limit) + 1)

    assert (status, read) == (413, 0)


def test_a_malformed_length_is_left_to_django(client, db):
    response = client.generic(
        "POST", "/en/accounts/login/", b"", content_type="text/plain", CONTENT_LENGTH="lots"
    )

    assert response.status_code == 200  # the login page, which reads nothing
