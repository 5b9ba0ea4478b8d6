"""Sign-in events in the audit log: who by id, never by name."""

from plp_portal.audit_log import username_digest
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
ADDRESS = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_REQUEST_ID": "req-0000000001"}


def test_a_login_and_a_logout_are_recorded_by_account_id(client, db, audit_log):
    user = UserFactory(username="ana@example.org")

    client.post("/en/accounts/login/", {"username": user.username, "password": PASSWORD}, **ADDRESS)
    client.post("/en/accounts/logout/", **ADDRESS)

    assert audit_log.entries() == [
        {
            "event": "login",
            "user": user.pk,
            "address": "203.0.113.9",
            "request_id": "req-0000000001",
        },
        {
            "event": "logout",
            "user": user.pk,
            "address": "203.0.113.9",
            "request_id": "req-0000000001",
        },
    ]
    assert "ana" not in "".join(audit_log.lines())


def test_a_failed_login_names_the_account_by_id_and_the_name_only_by_digest(client, db, audit_log):
    user = UserFactory(username="ana@example.org")

    client.post("/en/accounts/login/", {"username": user.username, "password": "wrong"}, **ADDRESS)
    client.post("/en/accounts/login/", {"username": "bob", "password": "wrong"}, **ADDRESS)

    assert audit_log.entries() == [
        {
            "event": "login_failed",
            "user": user.pk,
            "address": "203.0.113.9",
            "request_id": "req-0000000001",
            "username_digest": username_digest("ana@example.org"),
        },
        {
            "event": "login_failed",
            "user": None,
            "address": "203.0.113.9",
            "request_id": "req-0000000001",
            "username_digest": username_digest("bob"),
        },
    ]
    assert "ana" not in "".join(audit_log.lines())
    assert "bob" not in "".join(audit_log.lines())


def test_a_username_with_line_breaks_cannot_forge_a_line(client, db, audit_log):
    forged = 'x"}\r\n{"event":"login","user":1,"address":"127.0.0.1","request_id":null}\n'

    client.post("/en/accounts/login/", {"username": forged, "password": "wrong"}, **ADDRESS)

    assert len(audit_log.lines()) == 1
    assert audit_log.entries() == [
        {
            "event": "login_failed",
            "user": None,
            "address": "203.0.113.9",
            "request_id": "req-0000000001",
            # The login form strips the name's surrounding blanks before trying it.
            "username_digest": username_digest(forged.strip()),
        }
    ]
