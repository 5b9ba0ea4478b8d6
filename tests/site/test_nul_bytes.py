"""A NUL byte in an admin address is a 400 with a plain sentence, never a database error."""

import pytest

from tests.two_factor import force_login_confirmed


@pytest.mark.parametrize(
    "address",
    [
        "/admin/findings/finding/?status__exact=%00",
        "/admin/findings/finding/?q=%00",
        "/admin/consortia/consortium/?%00=1",
    ],
)
def test_a_nul_byte_in_the_address_is_a_400(client, db, curator, address):
    force_login_confirmed(client, curator)

    response = client.get(address)

    assert response.status_code == 400
    assert response.content.decode() == (
        "The address holds a NUL character (%00), which no page of this site accepts.\n"
    )


def test_an_admin_address_without_nul_is_served(client, db, curator):
    force_login_confirmed(client, curator)

    assert client.get("/admin/findings/finding/?status__exact=draft").status_code == 200


@pytest.mark.parametrize("address", ["/en/findings/?q=%00", "/en/findings/?theme=%00"])
def test_the_site_s_pages_refuse_nul_through_their_forms(client, db, address):
    assert client.get(address).status_code == 400
