"""One error shape everywhere, JSON 404s under /api/, throttles, and the OpenAPI schema."""

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from tests.factories import FindingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/api/v1/findings/a/b/", "/api/v2/findings/", "/api/"]
)
def test_unknown_api_addresses_are_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No such API endpoint.", "code": "not_found"}


def test_slug_with_unusual_characters_is_json_404(api):
    response = api.get("/api/v1/themes/%C3%A9t%C3%A9/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_method_not_allowed_comes_before_authentication(api):
    ThemeFactory(slug="legal")

    response = api.delete("/api/v1/themes/legal/")
    token_patch = api.patch("/api/v1/tokens/1/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == {
        "detail": 'Method "DELETE" not allowed.',
        "code": "method_not_allowed",
    }
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert token_patch.status_code == 405


def test_anonymous_reads_are_throttled(api, settings):
    # The throttle limits what the server renders; an answer from the page cache costs no more
    # than a refusal and is not counted (tests/site/test_page_cache.py).
    settings.PLP_PAGE_CACHE = False
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "2/minute", "user_write": "100/minute"},
    }

    statuses = [api.get("/api/v1/themes/").status_code for _ in range(3)]
    refused = api.get("/api/v1/sdgs/")

    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 0 < refused.json()["retry_after"] <= 60
    assert refused["Retry-After"] == str(refused.json()["retry_after"])


def test_signed_in_reads_are_not_throttled_by_the_anonymous_rate(as_member_a, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "1/minute", "user_write": "100/minute"},
    }

    assert [as_member_a.get("/api/v1/themes/").status_code for _ in range(3)] == [200] * 3


def test_members_writes_are_throttled(as_member_a, consortium_a, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_read": "100/minute", "user_write": "2/minute"},
    }
    FindingFactory(consortium=consortium_a, slug="draft")

    statuses = [
        as_member_a.patch(
            "/api/v1/findings/draft/", {"title": f"T{n}", "version": n + 1}, format="json"
        ).status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]
    assert as_member_a.get("/api/v1/findings/draft/").status_code == 200


def test_schema_is_valid_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    schema = yaml.safe_load(schema_file.read_text())
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    assert {
        "/api/v1/consortia/",
        "/api/v1/consortia/{slug}/",
        "/api/v1/organisations/",
        "/api/v1/people/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/themes/",
        "/api/v1/sdgs/",
        "/api/v1/sdgs/{number}/",
        "/api/v1/findings/",
        "/api/v1/findings/{slug}/",
        "/api/v1/findings/{slug}/submit/",
        "/api/v1/findings/{slug}/approve/",
        "/api/v1/findings/{slug}/send-back/",
        "/api/v1/findings/{slug}/publish/",
        "/api/v1/findings/{slug}/release/",
        "/api/v1/tokens/",
        "/api/v1/tokens/{id}/",
    } <= set(schema["paths"])


def test_schema_documents_errors_on_every_operation(tmp_path):
    schema_file = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(schema_file))
    schema = yaml.safe_load(schema_file.read_text())

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = set(operation["responses"])
            assert {"401", "429", "503"} <= responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if method in {"post", "patch", "delete"}:
                assert {"400", "403"} <= responses or method == "delete", (method, path)
    update = schema["paths"]["/api/v1/findings/{slug}/"]["patch"]
    assert {"409", "412", "428"} <= set(update["responses"])
    # Every step of the workflow answers 409 from a wrong state or on a stale version, and says
    # who may take it (its summary is the step's button).
    steps = ["submit", "approve", "send-back", "publish", "request-changes", "reject", "withdraw"]
    for step in [*steps, "release"]:
        operation = schema["paths"][f"/api/v1/findings/{{slug}}/{step}/"]["post"]
        assert {"200", "409", "412"} <= set(operation["responses"]), step
        assert operation["summary"], step


def test_schema_and_docs_pages_are_served(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert schema["Content-Type"].startswith("application/vnd.oai.openapi")
    assert docs.status_code == 200
    # The docs load Swagger UI from this site (drf-spectacular-sidecar), not from a CDN.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content.decode()


def test_body_that_is_not_json_is_400_with_the_usual_shape(as_member_a):
    response = as_member_a.post("/api/v1/tokens/", "\x00", content_type="application/json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    assert body["errors"] == {"non_field_errors": [body["detail"]]}


def test_wrong_address_with_unsafe_method_is_json_404_not_csrf_403(member_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)

    response = client.delete("/api/v1/tokens/%C2%84/")
    newline = client.get("/api/v1/consortia/a%0Ab/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert newline.status_code == 404
    assert newline.json()["code"] == "not_found"
