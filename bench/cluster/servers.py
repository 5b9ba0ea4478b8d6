"""The processes: two gunicorn servers and nginx in front, each in its own process group so
that one can be killed whole, as a crashed machine would vanish."""

import os
import signal
import subprocess
from pathlib import Path

from .web import HOST, wait_until_answers

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PROXY_SNIPPET = ROOT / "deploy" / "nginx" / "plp-portal-proxy.conf"
WORKERS = 2


class Process:
    def __init__(self, name: str, command: list[str], *, env, log: Path):
        self.name = name
        self._log = log.open("a")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Gone at once, the master and its workers, mid-request."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def gunicorn(name: str, port: int, *, env, log: Path) -> Process:
    server = Process(
        name,
        [
            GUNICORN,
            "plp_portal.wsgi",
            f"--config={ROOT / 'deploy' / 'gunicorn.conf.py'}",
            f"--workers={WORKERS}",
            f"--bind={HOST}:{port}",
            "--no-control-socket",
            "--log-level=warning",
        ],
        env=env,
        log=log,
    )
    wait_until_answers(port, "/readyz", seconds=60, alive=server.alive)
    return server


def nginx_configuration(prefix: Path, *, port: int, app_ports: list[int]) -> str:
    """Production's proxy settings (the snippet itself) before two loopback app servers."""
    servers = "\n".join(
        f"        server {HOST}:{app} max_fails=3 fail_timeout=10s;" for app in app_ports
    )
    return f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    log_format cluster '$status $request_method $request_uri upstream=$upstream_addr '
                       'upstream_status=$upstream_status';
    access_log {prefix}/access.log cluster;
    upstream plp_portal {{
{servers}
    }}
    server {{
        listen {HOST}:{port};
        client_max_body_size 11m;
        location / {{
            include {PROXY_SNIPPET};
        }}
    }}
}}
"""


def nginx(prefix: Path, *, port: int, app_ports: list[int]) -> Process:
    for folder in ["body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        (prefix / "tmp" / folder).mkdir(parents=True, exist_ok=True)
    # nginx's workers drop root for nobody: they write the buffers' temporary files.
    for path in [prefix, prefix / "tmp", *(prefix / "tmp").iterdir()]:
        path.chmod(0o777 if path.parent.name == "tmp" else 0o755)
    configuration = prefix / "nginx.conf"
    configuration.write_text(nginx_configuration(prefix, port=port, app_ports=app_ports))
    server = Process(
        "nginx",
        ["nginx", "-p", str(prefix), "-c", str(configuration), "-g", "daemon off;"],
        env=os.environ.copy(),
        log=prefix / "nginx.out",
    )
    wait_until_answers(port, "/healthz", seconds=15, alive=server.alive)
    return server
