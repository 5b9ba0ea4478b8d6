"""gunicorn as in production (2 sync workers), and its workers' resident memory."""

import subprocess
import threading
import time
from pathlib import Path

from .config import GUNICORN, HOST, PORT, ROOT, RSS_SAMPLE_SECONDS, WORKERS
from .load import get


class ServerFailed(Exception):
    pass


class Gunicorn:
    """Start with ``with Gunicorn(env, log_path) as server:``; memory is sampled meanwhile.

    ``memory()`` gives MiB per worker at start, at peak and after the run, largest first.
    """

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.log_path = log_path
        self._peak: dict[int, int] = {}
        self._last: dict[int, int] = {}
        self._stop = threading.Event()

    def __enter__(self) -> "Gunicorn":
        self._log = open(self.log_path, "a")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "plp_portal.wsgi",
                # Production's settings (deploy/gunicorn.conf.py), on the benchmark's address.
                f"--config={ROOT / 'deploy' / 'gunicorn.conf.py'}",
                f"--workers={WORKERS}",
                f"--bind={HOST}:{PORT}",
                "--no-control-socket",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_until_healthy()
        except ServerFailed:
            self._terminate()
            raise
        self._first = self._sample()
        self._sampler = threading.Thread(target=self._sample_until_stopped, daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._sampler.join()
        self._last = self._sample()  # memory after the run
        self._terminate()

    def _terminate(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"gunicorn exited; see {self.log_path}")
            try:
                if get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise ServerFailed(f"gunicorn did not answer /healthz within 30 s; see {self.log_path}")

    def _sample(self) -> dict[int, int]:
        """Resident KiB of each worker (the master's children) now, and the peaks so far."""
        result = subprocess.run(
            ["ps", "-o", "pid=,rss=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        )
        now = {}
        for line in result.stdout.splitlines():
            pid, rss = (int(value) for value in line.split())
            now[pid] = rss
            self._peak[pid] = max(rss, self._peak.get(pid, 0))
        return now

    def _sample_until_stopped(self) -> None:
        while not self._stop.wait(RSS_SAMPLE_SECONDS):
            self._sample()

    @staticmethod
    def _mib(kib_by_pid: dict[int, int]) -> list[float]:
        return sorted((round(kib / 1024, 1) for kib in kib_by_pid.values()), reverse=True)

    def memory(self) -> dict[str, list[float]]:
        return {
            "start": self._mib(self._first),
            "peak": self._mib(self._peak),
            "after": self._mib(self._last),
        }
