import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests create many accounts; the production hasher's slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The real 2021 programme, as `make run` loads it."""
    # Django runs tests with DEBUG off, where the loader guards its accounts behind --force.
    call_command("load_demo", password="demo-password-for-tests", force=True, verbosity=0)
