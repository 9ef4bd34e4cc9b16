"""A small HTTP load client: requests per second for one URL at a time.

``http.client`` rather than ``requests``: the client runs on the same machine
as the server, and every microsecond it spends per request is taken from the
server (and caps the minimal view's figure, which every ratio divides by).
Each connection is kept alive and used by one thread, one request at a time.
"""

import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

RESULT_COUNT = re.compile(rb"(\d[\d.]*) organisaties? gevonden")
CARD = b'<article class="card">'


class BenchError(Exception):
    """A page did not answer as the benchmark needs; the run stops."""


@dataclass
class Measurement:
    name: str
    path: str
    requests: int
    seconds: float
    latencies: list[float] = field(repr=False)
    connections: int
    results: int | None = None  # organisations the page says it found

    def __add__(self, other: "Measurement") -> "Measurement":
        """The same URL measured again (another round): pooled."""
        return Measurement(
            name=self.name,
            path=self.path,
            requests=self.requests + other.requests,
            seconds=self.seconds + other.seconds,
            latencies=self.latencies + other.latencies,
            connections=self.connections + other.connections,
            results=self.results,
        )

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000


class CountingConnection(http.client.HTTPConnection):
    """Counts how often it (re)connects: once per thread when keep-alive works."""

    opened = 0
    lock = threading.Lock()

    def connect(self) -> None:
        super().connect()
        with CountingConnection.lock:
            CountingConnection.opened += 1


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def check_page(path: str, status: int, body: bytes, *, listing: bool) -> int | None:
    """Fail loudly unless the page answered 200 and, for a listing, shows
    organisations. Returns the number of organisations it says it found."""
    if status != 200:
        raise BenchError(f"GET {path} answered {status}:\n{body[:2000].decode()}")
    if not listing:
        return None
    found = RESULT_COUNT.search(body)
    cards = body.count(CARD)
    if found is None or cards == 0:
        raise BenchError(
            f"GET {path} lists no organisations ({cards} cards, count "
            f"{found.group(0).decode() if found else 'missing'})."
        )
    return int(found.group(1).replace(b".", b""))


def measure(
    *,
    name: str,
    port: int,
    path: str,
    seconds: float,
    connections: int = 1,
    warmup: float = 2.0,
    min_requests: int = 1,
    listing: bool = True,
) -> Measurement:
    """Requests per second on ``path`` during ``seconds`` (and at least
    ``min_requests`` per connection), after ``warmup`` seconds of the same.

    The first answer is checked in full (200, organisations listed); every
    other answer must be a 200 of about the same size.
    """
    probe = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    status, body = fetch(probe, path)
    results = check_page(path, status, body, listing=listing)
    size = len(body)
    warm_until = time.monotonic() + warmup
    while time.monotonic() < warm_until:
        fetch(probe, path)
    probe.close()

    CountingConnection.opened = 0
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[BaseException] = []
    start_line = threading.Barrier(connections + 1)

    def run(mine: list[float]) -> None:
        connection = CountingConnection("127.0.0.1", port, timeout=600)
        try:
            connection.connect()
            start_line.wait()
            deadline = time.perf_counter() + seconds
            while True:
                before = time.perf_counter()
                status, body = fetch(connection, path)
                mine.append(time.perf_counter() - before)
                if status != 200 or len(body) < size // 2:
                    raise BenchError(f"GET {path} answered {status}, {len(body)} B")
                if time.perf_counter() >= deadline and len(mine) >= min_requests:
                    return
        except BaseException as error:
            errors.append(error)
            start_line.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(mine,), daemon=True) for mine in latencies
    ]
    for thread in threads:
        thread.start()
    try:
        start_line.wait()
    except threading.BrokenBarrierError:
        pass
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise BenchError(f"GET {path}: {errors[0]}") from errors[0]
    flat = [latency for mine in latencies for latency in mine]
    return Measurement(
        name=name,
        path=path,
        requests=len(flat),
        seconds=elapsed,
        latencies=flat,
        connections=CountingConnection.opened,
        results=results,
    )
