"""A search is at most 200 characters: longer, the page says so and the API answers 400."""

from tests.factories import PublishedFindingFactory


def test_search_page_refuses_a_query_longer_than_200_characters_with_a_message(client, db):
    PublishedFindingFactory(title="Legal frameworks")

    response = client.get("/en/findings/", {"q": "x" * 4000})
    html = response.content.decode()

    assert response.status_code == 400
    assert (
        "<li>Search findings: Search for at most 200 characters: a few words or a “quoted "
        "phrase” find more than a long text (this one has 4000).</li>"
    ) in html
    assert 'aria-invalid="true" aria-describedby="filter-errors"' in html
    assert 'maxlength="200"' in html
    # The query is left out: the list is the unfiltered one.
    assert "1 finding</h2>" in html


def test_search_page_takes_a_query_of_200_characters(client, db):
    response = client.get("/en/findings/", {"q": "x" * 200})

    assert "Some filters could not be used" not in response.content.decode()
    assert f"0 findings for “{'x' * 200}”</h2>" in response.content.decode()


def test_api_refuses_a_search_longer_than_200_characters_with_a_json_400(client, db):
    response = client.get("/api/v1/findings/", {"search": "x" * 201})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request has invalid fields; see errors.",
        "code": "invalid",
        "errors": {"search": ["Ensure this value has at most 200 characters (it has 201)."]},
    }
