import pytest

from tests.public.conftest import published_finding  # noqa: F401 (a fixture the page tests share)
from tests.security.audit import AuditLog


@pytest.fixture
def audit_log():
    """The audit lines written during the test, parsed (see tests/conftest.py)."""
    return AuditLog()
