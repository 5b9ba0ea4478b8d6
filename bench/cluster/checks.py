"""The checks, each returning what it saw; a failed expectation is a `Failed` with a sentence."""

import importlib.util
import json
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .portal import Cast
from .web import HOST, Browser, anonymous_get

WRK_SUMMARY = Path(__file__).resolve().parents[1] / "wrk_summary.lua"
# nginx's $upstream_addr: every server asked, in order ("A, B" when it asked again).
_UPSTREAMS = re.compile(r"upstream=(.*?) upstream_status=")


class Failed(Exception):
    pass


def expect(condition: bool, sentence: str) -> None:
    if not condition:
        raise Failed(sentence)


def _signed_in(answer) -> bool:
    return answer.status == 200


def login_is_shared(cast: Cast, first: int, second: int) -> list[str]:
    """Sign in on the first server, be signed in on the second; sign out there, be signed out
    on the first."""
    browser = Browser()
    expect(
        anonymous_get(second, "/en/me/").status == 302,
        "/en/me/ did not ask an anonymous to sign in.",
    )
    login = browser.post_form(
        first, "/en/accounts/login/", {"username": cast.member, "password": cast.password}
    )
    expect(
        login.status == 302 and "sessionid" in login.cookies,
        f"signing in on the first server answered {login.status} without a session",
    )
    on_second = browser.get(second, "/en/me/")
    expect(_signed_in(on_second), f"the second server answered /en/me/ with {on_second.status}")
    expect(cast.member in on_second.body, "the second server's /en/me/ does not name the member")
    logout = browser.post_form(second, "/en/accounts/logout/", {}, shown_on="/en/me/")
    expect(logout.status in (200, 302), f"signing out on the second answered {logout.status}")
    after = browser.get(first, "/en/me/")
    expect(after.status == 302, f"after signing out, the first server answered {after.status}")
    return [
        "signed in on server A: 302 to /en/me/ with a session cookie",
        f"/en/me/ on server B with that cookie: {on_second.status}, naming the member",
        f"signed out on server B; /en/me/ on server A: {after.status} to the sign-in page",
    ]


def lockout_is_shared(cast: Cast, first: int, second: int) -> list[str] | str:
    """Wrong passwords on one server lock the account out on the other (django-axes)."""
    if importlib.util.find_spec("axes") is None:
        return (
            "django-axes is not installed, so there is no lockout to share yet "
            "(the check runs once it is)"
        )
    from django.conf import settings

    if "axes" not in settings.INSTALLED_APPS:
        return "django-axes is installed but not in INSTALLED_APPS"
    from axes.utils import reset

    limit = int(getattr(settings, "AXES_FAILURE_LIMIT", 3))
    attacker = Browser(forwarded_for="198.51.100.23")
    reset(username=cast.member)
    try:
        for _ in range(limit):
            attacker.post_form(
                first, "/en/accounts/login/", {"username": cast.member, "password": "wrong"}
            )
        right = attacker.post_form(
            second, "/en/accounts/login/", {"username": cast.member, "password": cast.password}
        )
        expect(
            "sessionid" not in right.cookies,
            f"after {limit} wrong passwords on server A, the right one signed in on server B",
        )
    finally:
        reset(username=cast.member)
    return [
        f"{limit} wrong passwords on server A, then the right one on server B: {right.status}, "
        "no session"
    ]


def publish_is_seen_at_once(cast: Cast, first: int, second: int, proxy: int) -> list[str]:
    """A finding published through the first server shows through the second and nginx on
    the very next read, the page cache warm on both."""
    detail = f"/en/findings/{cast.submitted_slug}/"
    api = f"/api/v1/findings/{cast.submitted_slug}/"
    for port in (second, proxy):
        for _ in range(2):  # the second read is served from the shared cache
            anonymous_get(port, "/en/findings/")
            anonymous_get(port, "/api/v1/findings/")
    expect(anonymous_get(second, detail).status == 404, "the submitted finding is public already")
    expect(
        cast.submitted_title not in anonymous_get(second, "/en/findings/").body,
        "the findings list shows the submitted finding before it is published",
    )
    published = Browser().request(
        first,
        "POST",
        f"/api/v1/findings/{cast.submitted_slug}/publish/",
        body=json.dumps({"comment": "Published through server A."}),
        headers={"Authorization": f"Bearer {cast.token}", "Content-Type": "application/json"},
    )
    expect(published.status == 200, f"publishing through server A answered {published.status}")
    started = time.monotonic()
    reads = {
        "server B, finding page": anonymous_get(second, detail),
        "server B, findings list": anonymous_get(second, "/en/findings/"),
        "server B, API detail": anonymous_get(second, api),
        "server B, API list": anonymous_get(second, "/api/v1/findings/"),
        "nginx, findings list": anonymous_get(proxy, "/en/findings/"),
        "nginx, API list": anonymous_get(proxy, "/api/v1/findings/"),
    }
    seconds = time.monotonic() - started
    for where, answer in reads.items():
        expect(answer.status == 200, f"{where} answered {answer.status} after the publish")
        expect(
            cast.submitted_title in answer.body or cast.submitted_slug in answer.body,
            f"{where} did not show the published finding on the first read",
        )
    return [
        "published through server A (API, curator's token): 200",
        f"the first read after it, through server B and through nginx, showed it in all "
        f"{len(reads)} places (finding page, list, API detail and list): stale reads 0, "
        f"{seconds * 1000:,.0f} ms for the six reads",
    ]


@dataclass
class LoadResult:
    requests: int
    seconds: float
    socket_errors: int
    status_errors: int
    p50_ms: float
    p99_ms: float
    killed_at: float
    retried: int
    by_server: dict[str, int]
    non_200: int


def _wrk_script(folder: Path, paths: list[str]) -> Path:
    rotation = ", ".join(json.dumps(path) for path in paths)
    script = folder / "cluster.lua"
    script.write_text(
        f"local paths = {{{rotation}}}\n"
        "local index = 0\n"
        "request = function()\n"
        "  index = index % #paths + 1\n"
        '  return wrk.format("GET", paths[index])\n'
        "end\n" + WRK_SUMMARY.read_text()
    )
    return script


def failover_under_load(
    proxy: int, victim, *, paths: list[str], seconds: int, kill_after: float, folder: Path
) -> LoadResult:
    """wrk through nginx over public pages and the API; one server killed on the way."""
    access_log = folder / "access.log"
    lines_before = len(access_log.read_text().splitlines()) if access_log.exists() else 0
    killer = threading.Timer(kill_after, victim.kill)
    killer.start()
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c10",
                f"-d{seconds}s",
                "--timeout=10s",
                f"--script={_wrk_script(folder, paths)}",
                f"http://{HOST}:{proxy}/",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
    finally:
        killer.cancel()
    killed_at = kill_after if not victim.alive() else -1.0
    summary = json.loads(
        next(line for line in output.splitlines() if line.startswith("BENCH ")).removeprefix(
            "BENCH "
        )
    )
    time.sleep(0.5)  # nginx writes its log line after the answer
    entries = access_log.read_text().splitlines()[lines_before:]
    upstreams = [_UPSTREAMS.search(line).group(1).split(", ") for line in entries]
    retried = sum(1 for tried in upstreams if len(tried) > 1)
    by_server: dict[str, int] = {}
    for tried in upstreams:
        by_server[tried[-1]] = by_server.get(tried[-1], 0) + 1
    non_200 = sum(1 for line in entries if not line.startswith("200 "))
    return LoadResult(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        socket_errors=summary["socket_errors"],
        status_errors=summary["status_errors"],
        p50_ms=summary["p50"] / 1000,
        p99_ms=summary["p99"] / 1000,
        killed_at=killed_at,
        retried=retried,
        by_server=by_server,
        non_200=non_200,
    )
