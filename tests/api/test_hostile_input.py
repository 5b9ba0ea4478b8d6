"""Input built to break the API gets a 400 in the API's error shape, never a 500."""

import pytest

from findings.models import Finding


@pytest.mark.parametrize("offset", ["%2B16:00", "-16:00", "%2B20:00", "%2B14:00"])
def test_updated_since_with_any_offset_is_an_answer_not_a_500(api, db, offset):
    response = api.get(f"/api/v1/findings/?updated_since=2021-01-01T00:00:00{offset}")

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "updated_since" in response.json()["errors"]


def test_updated_since_with_an_impossible_offset_is_400(api, db):
    response = api.get("/api/v1/findings/?updated_since=2021-01-01T00:00:00%2B16:00")

    assert response.status_code == 400
    assert response.json()["errors"]["updated_since"] == [
        "Give a moment in ISO 8601 with a UTC offset between -14:00 and +14:00."
    ]


def test_updated_since_with_a_real_offset_filters(api, db):
    response = api.get("/api/v1/findings/?updated_since=2021-01-01T00:00:00%2B14:00")

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1e20", "17.5", "true", '"8"'])
@pytest.mark.parametrize("method", ["post", "patch"])
def test_an_sdg_that_is_no_whole_number_is_400(as_member_a, consortium_a, method, number):
    finding = Finding.objects.create(
        consortium=consortium_a, title="Draft", slug="draft", summary="Short."
    )
    body = f'{{"consortium": "{consortium_a.slug}", "title": "T", "summary": "S", "version": 1,'
    body += f' "sdgs": [{number}]}}'
    url = "/api/v1/findings/" if method == "post" else f"/api/v1/findings/{finding.slug}/"

    response = getattr(as_member_a, method)(url, body, content_type="application/json")

    assert response.status_code == 400, response.content
    assert "sdgs" in response.json()["errors"]
    assert Finding.objects.count() == 1


@pytest.mark.parametrize("method", ["post", "patch"])
def test_deeply_nested_json_is_400(as_member_a, consortium_a, method):
    Finding.objects.create(consortium=consortium_a, title="Draft", slug="draft", summary="S")
    url = "/api/v1/findings/" if method == "post" else "/api/v1/findings/draft/"
    body = "[" * 50_000 + "]" * 50_000

    response = getattr(as_member_a, method)(url, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_numbers_json_does_not_have_are_a_parse_error(as_member_a, consortium_a, number):
    body = (
        f'{{"consortium": "{consortium_a.slug}", "title": "T", "summary": "S", "sdgs": [{number}]}}'
    )

    response = as_member_a.post("/api/v1/findings/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert Finding.objects.count() == 0
