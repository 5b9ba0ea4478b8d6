"""The services the fault tests break, all their own: a second PostgreSQL cluster, a second
Redis and gunicorn, on loopback ports. The shared PostgreSQL (5432) and Redis (6379) are never
touched; every process is stopped or frozen by its own pid, never by name.
"""

import os
import secrets
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"


class WorldFailed(Exception):
    pass


def run(*command: str, **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise WorldFailed(f"{' '.join(command)} failed: {result.stderr.strip() or result.stdout}")
    return result.stdout


def children_of(pid: int) -> list[int]:
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True)
    return [int(line) for line in output.stdout.split()]


class PostgresCluster:
    """A PostgreSQL cluster of its own (Debian's pg_createcluster), trusted on loopback."""

    def __init__(self, name: str, port: int, version: str | None = None):
        self.name, self.port = name, port
        self.version = version or sorted(os.listdir("/usr/lib/postgresql"))[-1]

    def url(self, database: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def create(self) -> None:
        clusters = run("pg_lsclusters", "--no-header")
        if any(line.split()[:2] == [self.version, self.name] for line in clusters.splitlines()):
            self.drop()
        run(
            "pg_createcluster", self.version, self.name, f"--port={self.port}",
            "--", "--auth=trust",
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "start")

    def stop(self) -> None:
        # "fast": connections are ended at once, as when a server is shut down for good.
        run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "stop",
            "-m", "fast")  # fmt: skip

    def drop(self) -> None:
        run("pg_dropcluster", "--stop", self.version, self.name)

    def createdb(self, database: str) -> None:
        run("createdb", "-h", HOST, "-p", str(self.port), "-U", "postgres", database)

    def postmaster_pid(self) -> int:
        data = Path(f"/var/lib/postgresql/{self.version}/{self.name}/postmaster.pid")
        return int(data.read_text().split()[0])

    def freeze(self) -> list[int]:
        """SIGSTOP the postmaster, then every process it started: nothing answers, nothing
        new starts, and the kernel still accepts connections (as with a frozen host)."""
        postmaster = self.postmaster_pid()
        os.kill(postmaster, signal.SIGSTOP)
        frozen = [postmaster, *children_of(postmaster)]
        for pid in frozen[1:]:
            os.kill(pid, signal.SIGSTOP)
        return frozen

    @staticmethod
    def thaw(frozen: list[int]) -> None:
        for pid in reversed(frozen):
            os.kill(pid, signal.SIGCONT)


class RedisServer:
    """A redis-server of its own, in memory only, bounded in size."""

    def __init__(self, port: int, log_path: Path):
        self.port, self.log_path = port, log_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        log = open(self.log_path, "a")  # noqa: SIM115 - the server writes to it while it runs
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "",
             "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                             capture_output=True).stdout.strip() != b"PONG":  # fmt: skip
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise WorldFailed(f"redis-server did not start on {self.port}; see {self.log_path}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


def portal_environment(database_url: str, redis_url: str, static_root: str) -> dict[str, str]:
    """Production settings on loopback, as an operator's environment file would give them."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "faults-only-" + secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummy://",
        "PLP_AUDIT_LOG": "-",
        # Every client of the test shares one address: the anonymous limit would answer 429.
        "PLP_API_ANON_RATE": "100000000/minute",
    }


class Gunicorn:
    """gunicorn with production's configuration (deploy/gunicorn.conf.py, 2 sync workers)."""

    def __init__(self, env: dict[str, str], port: int, log_path: Path):
        self.env, self.port, self.log_path = env, port, log_path
        # Status and microseconds each request spent in a worker (queueing excluded).
        self.access_log = log_path.with_name("access.log")

    def __enter__(self) -> "Gunicorn":
        self._log = open(self.log_path, "a")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [GUNICORN, "plp_portal.wsgi", f"--config={ROOT / 'deploy' / 'gunicorn.conf.py'}",
             "--workers=2", f"--bind={HOST}:{self.port}", "--no-control-socket",
             f"--access-logfile={self.access_log}", "--access-logformat=%(s)s %(D)s"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self

    def access_log_size(self) -> int:
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def served_since(self, offset: int) -> list[tuple[int, float]]:
        """(status, seconds in the worker) of each request logged after `offset`."""
        with open(self.access_log, "rb") as log:
            log.seek(offset)
            lines = log.read().decode().split("\n")
        return [
            (int(status), int(micros) / 1e6)
            for status, micros in (line.split() for line in lines if line.strip())
        ]

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()

    def workers(self) -> list[int]:
        return sorted(children_of(self.process.pid))

    def log_lines_containing(self, text: str) -> int:
        return sum(text in line for line in self.log_path.read_text().splitlines())
