"""A NUL byte in an address is a 400 with a plain sentence, on every kind of page."""

import pytest


@pytest.mark.parametrize(
    "address",
    [
        "/findings/?q=%00",
        "/findings/?theme=%00",
        "/api/v1/findings/?search=a%00b",
        "/api/v1/events/?%00=1",
        "/admin/findings/finding/?status__exact=%00",
    ],
)
def test_a_nul_byte_in_the_address_is_a_400(client, db, curator, address):
    client.force_login(curator)

    response = client.get(address)

    assert response.status_code == 400
    assert response.content.decode() == (
        "The address holds a NUL character (%00), which no page of this site accepts.\n"
    )


def test_an_address_without_nul_is_served(client, db):
    assert client.get("/findings/?q=cities").status_code == 200
