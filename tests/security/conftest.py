from tests.public.conftest import published_finding  # noqa: F401 (a fixture the page tests share)
