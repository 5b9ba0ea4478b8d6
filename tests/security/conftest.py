import pytest

from tests.security.audit import AuditLog


@pytest.fixture
def audit_log():
    """The audit lines written during the test, parsed (see tests/conftest.py)."""
    return AuditLog()
