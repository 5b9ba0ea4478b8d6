"""What the figures were measured on, for the report's first lines."""

import os
import platform
import subprocess
from datetime import UTC, datetime

from . import config


def _first_line(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    # wrk prints its version with a failing status: take any output.
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return round(kib / 1024 / 1024, 1)


def describe() -> dict[str, str]:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{os.cpu_count()} cores, {_cpu_model()}",
        "memory": f"{_memory_gib()} GiB",
        "system": _first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "python": platform.python_version(),
        "django": _first_line([config.PYTHON, "-m", "django", "--version"]),
        "gunicorn": _first_line([config.GUNICORN, "--version"]),
        "postgresql": _first_line(
            [
                "psql",
                "-X",
                "-t",
                "-A",
                "-d",
                f"{config.POSTGRES_URL}/postgres",
                "-c",
                "SHOW server_version",
            ]
        ),
        "redis": _first_line(["redis-server", "--version"]),
        "wrk": _first_line(["wrk", "--version"]),
        "load average at the end (1, 5, 15 min)": load,
    }
