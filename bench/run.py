"""The sociale kaart benchmark; ``bench/socialmap.py`` runs :func:`main`.

Builds N organisations in a database of its own, serves the project with
gunicorn, and reports the throughput of the sociale kaart's search page (with
words, with words and facets, and the plain listing) and the time of a
spreadsheet import, each as a ratio to a minimal Django view served the same
way in the same run. See bench/README.md.
"""

import argparse
import datetime
import io
import json
import os
import platform
import signal
import sys
import tempfile
import time
from pathlib import Path

SQLITE = "sqlite"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/socialmap.py",
        description="Benchmark of the sociale kaart's search page and import.",
    )
    parser.add_argument(
        "--organisations",
        type=int,
        default=10_000,
        metavar="N",
        help="live organisations to build (default 10000)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=10.0,
        metavar="S",
        help="measuring time per URL, all rounds together (default 10)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        metavar="R",
        help="measure every URL in R interleaved rounds of S/R seconds (default 3)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="W",
        help="gunicorn workers (default 1)",
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=1,
        metavar="C",
        help="client connections, one thread each (default 1)",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=1000,
        metavar="R",
        help="rows in the spreadsheet to import (default 1000; 0 skips the import)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write the results to PATH as JSON",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the built database and print its URL (for --reuse)",
    )
    parser.add_argument(
        "--reuse",
        metavar="URL",
        help="measure a database an earlier --keep run built, without building",
    )
    options = parser.parse_args(argv)
    if min(options.organisations, options.workers, options.connections) < 1:
        parser.error("--organisations, --workers and --connections must be 1 or more")
    if options.rounds < 1 or options.seconds <= 0:
        parser.error("--rounds must be 1 or more and --seconds more than 0")
    return options


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def django_start(database_url: str, media_root: Path) -> None:
    """Django on the bench settings and database, whatever the shell says."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["BENCH_MEDIA_ROOT"] = str(media_root)
    import django

    django.setup()


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == SQLITE:
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def ratio_text(value: float) -> str:
    """0.0123 -> '0.0123 x (1/81)'; readable for the small ratios pages get."""
    if value >= 0.5 or value == 0:
        return f"{value:.3g} x"
    return f"{value:.3g} x (1/{1 / value:,.0f})"


def build_phase(options, database) -> tuple[object, dict[str, float]]:
    from django.core.management import call_command

    from . import dataset

    if options.reuse:
        log(f"Reusing {database.url}: nothing is built.")
        return dataset.built_load(), {}
    log(f"Migrating {database.vendor} database {database.name} …")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_seconds = time.perf_counter() - started
    log(f"  migrated in {migrate_seconds:.1f} s")
    log(f"Building {options.organisations:,} organisations …")
    step = max(options.organisations // 10, 1)
    clock = time.perf_counter()

    def progress(done: int) -> None:
        if done % step == 0 or done == options.organisations:
            log(f"  {done:>7,} organisations, {time.perf_counter() - clock:6.1f} s")

    built = dataset.build(count=options.organisations, progress=progress)
    timings = {"migrate": migrate_seconds, **built.timings}
    log(
        "  built: "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    )
    return built, timings


def urls_for(built) -> list[dict]:
    """The URLs measured, each with the name it is reported under."""
    from .urls import MINIMAL_PATH

    listing = built.social_map.url_path.removeprefix(built.site.root_page.url_path)
    listing = "/" + listing.lstrip("/")
    wijk = next(n for n in built.taxonomies.neighbourhoods if n.slug == "oost")
    facets = f"q=schulden&thema=geldzaken&wijk={wijk.slug}&leefring=general"
    facets += "&gratis=1&open=1"
    return [
        {"key": "minimal", "name": "minimal view", "path": MINIMAL_PATH},
        {"key": "listing", "name": "listing, no words or filters", "path": listing},
        {"key": "search", "name": "search 'schulden'", "path": f"{listing}?q=schulden"},
        {
            "key": "search_facets",
            "name": "search 'schulden' + 5 facets",
            "path": f"{listing}?{facets}",
        },
        {
            "key": "search_broad",
            "name": "search 'hulp' (broad word)",
            "path": f"{listing}?q=hulp",
        },
    ]


def load_phase(options, built, server_env) -> tuple[list, float, dict, str]:
    """Every URL in turn, ``--rounds`` times, the minimal view before each
    round and after the last: slow drift (a busy neighbour, a warming CPU)
    then weighs on the minimal view as much as on the pages it is compared
    with. Returns the pooled measurements and the minimal view's rate."""
    from .load import measure
    from .server import Server

    urls = urls_for(built)
    minimal, pages = urls[0], urls[1:]
    slot = options.seconds / options.rounds
    pooled: dict[str, object] = {}
    minimal_rates: list[float] = []

    def run(url: dict, *, first: bool) -> None:
        measurement = measure(
            name=url["name"],
            port=server.port,
            path=url["path"],
            seconds=slot,
            connections=options.connections,
            warmup=2.0 if first else 0.0,
            listing=url is not minimal,
        )
        if url is minimal:
            minimal_rates.append(measurement.per_second)
        key = url["key"]
        pooled[key] = pooled[key] + measurement if key in pooled else measurement

    with Server(workers=options.workers, env=server_env) as server:
        log(f"Serving on 127.0.0.1:{server.port} ({server.description})")
        for number in range(options.rounds):
            log(f"  round {number + 1} of {options.rounds}")
            run(minimal, first=number == 0)
            for url in pages:
                run(url, first=number == 0)
                measurement = pooled[url["key"]]
                log(
                    f"    {url['name']}: {measurement.per_second:,.2f} req/s so far"
                    f", {measurement.results:,} organisations found"
                )
        run(minimal, first=False)
        description = server.description
    minimal_measurement = pooled["minimal"]
    spread = {
        "minimal_rounds_per_second": minimal_rates,
        "minimal_spread": (max(minimal_rates) - min(minimal_rates))
        / minimal_measurement.per_second,
    }
    loads = [(url, pooled[url["key"]]) for url in urls]
    return loads, minimal_measurement.per_second, spread, description


class TeamClock:
    """Adds up the time the import spends making editorial teams. It only
    measures: the project's function is called as it is."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def __enter__(self) -> "TeamClock":
        from editorial import services

        self.services = services
        self.original = services.page_team_ensure

        def timed(**kwargs):
            started = time.perf_counter()
            try:
                return self.original(**kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        services.page_team_ensure = timed
        return self

    def __exit__(self, *exc_info) -> None:
        self.services.page_team_ensure = self.original


def import_phase(options, built, folder: Path) -> dict:
    from django.core import mail
    from django.core.management import CommandError, call_command
    from wagtail.models import Revision

    from socialmap.models import OrganisationPage

    from . import dataset, importfile

    path = folder / "sociale-kaart.csv"
    prefix = "IMP" + datetime.datetime.now().strftime("%y%m%d%H%M%S")
    organisations = importfile.import_file_write(
        path,
        rows=options.import_rows,
        taxonomies=built.taxonomies,
        prefix=prefix,
        seed=len(prefix) + options.import_rows,
    )
    log(
        f"Importing {options.import_rows:,} rows ({organisations:,} new "
        f"organisations) into {built.organisations:,} …"
    )
    site = built.site.hostname

    def run(name: str, *extra: str) -> dict:
        output = io.StringIO()
        mail.outbox = []
        before = (OrganisationPage.objects.count(), Revision.objects.count())
        started = time.perf_counter()
        with TeamClock() as teams:
            try:
                call_command(
                    "import_sociale_kaart",
                    str(path),
                    "--site",
                    site,
                    "--user",
                    dataset.IMPORT_USERNAME,
                    "--no-progress",
                    *extra,
                    stdout=output,
                )
            except CommandError as error:
                raise SystemExit(
                    f"The {name} failed: {error}\n{output.getvalue()}"
                ) from error
        seconds = time.perf_counter() - started
        after = (OrganisationPage.objects.count(), Revision.objects.count())
        summary = output.getvalue().strip().splitlines()[-1]
        log(f"  {name}: {seconds:.1f} s — {summary}")
        return {
            "seconds": seconds,
            "seconds_per_1000_rows": seconds * 1000 / options.import_rows,
            "teams_seconds": teams.seconds,
            "teams_made": teams.calls,
            "pages_added": after[0] - before[0],
            "revisions_added": after[1] - before[1],
            "mails": len(mail.outbox),
            "summary": summary,
        }

    results = {
        "rows": options.import_rows,
        "organisations": organisations,
        "dry_run": run("dry run", "--dry-run"),
        "import": run("import"),
        "reimport": run("re-import"),
    }
    checks = [
        (results["dry_run"]["pages_added"] == 0, "the dry run wrote pages"),
        (
            results["import"]["pages_added"] == organisations,
            "the import did not create every organisation",
        ),
        (
            results["reimport"]["pages_added"] == 0
            and results["reimport"]["revisions_added"] == 0,
            "importing the same file again changed something",
        ),
    ]
    for ok, problem in checks:
        if not ok:
            raise SystemExit(f"Import check failed: {problem}: {results}")
    return results


def report(*, options, facts, timings, loads, minimal_rate, spread, imports) -> dict:
    """Print the table; return everything as plain data for --json."""
    lines = [
        "",
        f"Sociale kaart benchmark, {facts['date']}",
        f"  {facts['organisations']:,} live organisations on {facts['database']}; "
        f"{facts['server']}; {facts['connections']} client connection(s)",
        f"  {facts['machine']}",
    ]
    if timings:
        lines.append(
            "  build: "
            + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
            + f" (total {sum(timings.values()):.0f} s)"
        )
    lines += [
        "",
        f"{'page':<34} {'req/s':>9} {'mean ms':>9} {'p95 ms':>9} {'found':>7}  "
        "ratio to the minimal view",
    ]
    pages = {}
    for url, measurement in loads:
        ratio = measurement.per_second / minimal_rate
        found = "" if measurement.results is None else f"{measurement.results:,}"
        lines.append(
            f"{measurement.name:<34} {measurement.per_second:>9,.1f} "
            f"{measurement.mean_ms:>9.1f} {measurement.p95_ms:>9.1f} {found:>7}  "
            f"{ratio_text(ratio)}"
        )
        pages[url["key"]] = {
            "name": measurement.name,
            "path": measurement.path,
            "requests": measurement.requests,
            "seconds": measurement.seconds,
            "per_second": measurement.per_second,
            "mean_ms": measurement.mean_ms,
            "p95_ms": measurement.p95_ms,
            "organisations_found": measurement.results,
            "connections_opened": measurement.connections,
            "ratio_to_minimal": ratio,
        }
    rounds = ", ".join(f"{rate:,.0f}" for rate in spread["minimal_rounds_per_second"])
    lines.append(
        f"(minimal view: {minimal_rate:,.1f} req/s over {options.rounds}"
        f" rounds and a last check: {rounds}; spread {spread['minimal_spread']:.0%})"
    )
    if imports:
        lines += [
            "",
            f"import of {imports['rows']:,} rows ({imports['organisations']:,} new "
            "organisations)",
            f"{'':<14} {'seconds':>9} {'s/1,000 rows':>13} "
            f"{'≈ minimal views':>16} {'of it: teams':>13}",
        ]
        for key, name in (
            ("dry_run", "dry run"),
            ("import", "import"),
            ("reimport", "re-import"),
        ):
            run = imports[key]
            run["minimal_views_per_1000_rows"] = (
                run["seconds_per_1000_rows"] * minimal_rate
            )
            lines.append(
                f"{name:<14} {run['seconds']:>9.1f} "
                f"{run['seconds_per_1000_rows']:>13.2f} "
                f"{run['minimal_views_per_1000_rows']:>16,.0f} "
                f"{run['teams_seconds']:>12.1f}s"
            )
        lines.append(
            "(≈ minimal views: how many minimal-view requests the server answers "
            "in the time 1,000 rows take)"
        )
    print("\n".join(lines), flush=True)
    return {
        "facts": facts,
        "options": {
            "organisations": options.organisations,
            "seconds": options.seconds,
            "workers": options.workers,
            "connections": options.connections,
            "rounds": options.rounds,
            "import_rows": options.import_rows,
        },
        "build_seconds": timings,
        "minimal_per_second": minimal_rate,
        **spread,
        "pages": pages,
        "import": imports,
    }


def stop_on_sigterm() -> None:
    """A SIGTERM ends the run like Ctrl-C does, through the ``finally`` that
    stops gunicorn and drops the database (Python would just exit)."""

    def stop(signum, frame):
        raise SystemExit(f"Stopped by signal {signum}.")

    signal.signal(signal.SIGTERM, stop)


def main(argv: list[str] | None = None) -> int:
    options = arguments(argv)
    stop_on_sigterm()
    from .database import database_prepare

    database = database_prepare(
        url=os.environ.get("BENCH_DATABASE_URL") or None, reuse=options.reuse
    )
    folder = Path(tempfile.mkdtemp(prefix="buurtplein-bench-files-"))
    django_start(database.url, folder / "media")
    import django
    import wagtail
    from django.db import connections

    keep = options.keep or not database.created
    try:
        built, timings = build_phase(options, database)
        connections.close_all()
        server_env = {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_DATABASE_URL": database.url,
            "BENCH_MEDIA_ROOT": str(folder / "media"),
        }
        loads, minimal_rate, spread, server = load_phase(options, built, server_env)
        imports = (
            import_phase(options, built, folder) if options.import_rows > 0 else None
        )
        facts = {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "organisations": built.organisations,
            "database": database_version(),
            "server": server,
            "connections": options.connections,
            "machine": (
                f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                f"{platform.python_version()}, Django {django.get_version()}, "
                f"Wagtail {wagtail.__version__}"
            ),
        }
        results = report(
            options=options,
            facts=facts,
            timings=timings,
            loads=loads,
            minimal_rate=minimal_rate,
            spread=spread,
            imports=imports,
        )
        if options.json:
            options.json.parent.mkdir(parents=True, exist_ok=True)
            options.json.write_text(json.dumps(results, indent=2) + "\n")
            log(f"Results written to {options.json}")
    finally:
        connections.close_all()
        if keep:
            log(f"Database kept: --reuse {database.url}")
        else:
            database.drop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0
