import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The real 2021 programme, as `make run` loads it."""
    call_command("load_demo", password="demo-password-for-tests", verbosity=0)
