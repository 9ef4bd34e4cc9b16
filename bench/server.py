"""gunicorn serving the project (``buurtplein.wsgi``) with the bench settings."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .urls import MINIMAL_PATH

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``gunicorn buurtplein.wsgi`` on 127.0.0.1, as the README deploys it.

    gthread workers with one thread each: a worker serves one request at a
    time like a sync worker, but keeps the client's connection open between
    requests (the sync worker closes every connection), so the benchmark
    measures Django and not connecting.
    """

    def __init__(self, *, workers: int, env: dict[str, str]) -> None:
        self.workers = workers
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def description(self) -> str:
        return (
            f"gunicorn, {self.workers} worker{'s' if self.workers > 1 else ''} "
            "(gthread, 1 thread), keep-alive"
        )

    def __enter__(self) -> "Server":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "buurtplein.wsgi:application",
            "--chdir",
            str(PROJECT_ROOT),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "1",
            "--keep-alive",
            "120",
            # A search on SQLite can take seconds; never kill a worker for it.
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter)
            command, cwd=PROJECT_ROOT, env={**os.environ, **self.env}
        )
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped (exit code {self.process.poll()})")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", MINIMAL_PATH)
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()
        raise SystemExit(f"gunicorn did not answer on port {self.port} in {timeout} s")

    def __exit__(self, *exc_info) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
