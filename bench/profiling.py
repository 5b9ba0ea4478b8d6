"""pyinstrument profiles of single addresses, in-process, through Django's WSGI handler
(what gunicorn calls, without the test client's extra work). Runs inside Django."""

from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from pyinstrument import Profiler

PROFILE_REQUESTS = 5
TREE_LINES = 40
FLAT_LINES = 12


def _get(handler: WSGIHandler, path: str) -> None:
    path_info, _, query = path.partition("?")
    environ = RequestFactory()._base_environ(
        PATH_INFO=path_info, QUERY_STRING=query, REQUEST_METHOD="GET"
    )
    body = handler(environ, lambda status, headers, exc_info=None: None)
    for _chunk in body:  # streamed responses do their work while iterated
        pass
    body.close()  # request_finished: connections closed or kept, as under gunicorn


def _timed_lines(text: str, count: int) -> str:
    """``count`` lines from the first timed one: without pyinstrument's banner."""
    lines = text.strip().splitlines()
    start = next(n for n, line in enumerate(lines) if line[:1].isdigit())
    return "\n".join(lines[start : start + count])


def profile(path: str) -> dict:
    """The top of the call tree (library frames folded) and the functions that spent most
    time themselves, over PROFILE_REQUESTS requests after one to warm up."""
    handler = WSGIHandler()
    _get(handler, path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(PROFILE_REQUESTS):
        _get(handler, path)
    profiler.stop()
    session = profiler.last_session
    return {
        "requests": PROFILE_REQUESTS,
        "wall": session.duration,
        "cpu": session.cpu_time,
        "tree": _timed_lines(profiler.output_text(), TREE_LINES),
        "flat": _timed_lines(profiler.output_text(flat=True, show_all=True), FLAT_LINES),
    }
