"""The benchmark's own database: a SQLite file in a temporary folder, or a
PostgreSQL database it creates (``BENCH_DATABASE_URL``) and drops again."""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import dj_database_url


@dataclass
class BenchDatabase:
    url: str
    vendor: str  # "sqlite" or "postgresql"
    name: str
    created: bool  # made by this run, so this run may drop it
    folder: Path | None = None  # the temporary folder of a SQLite file

    def drop(self) -> None:
        if not self.created:
            return
        if self.vendor == "postgresql":
            _postgres_admin(self.url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")
        elif self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _vendor(url: str) -> str:
    engine = dj_database_url.parse(url)["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise SystemExit(f"The benchmark runs on SQLite or PostgreSQL, not {engine}.")


def _postgres_admin(url: str, statement: str | None = None) -> bool:
    """Run ``statement`` (``{}`` is the database of ``url``) on the server's
    maintenance database; say whether the database of ``url`` exists."""
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        if statement:
            connection.execute(
                sql.SQL(statement).format(sql.Identifier(config["NAME"]))
            )
        row = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
    return row is not None


def database_prepare(*, url: str | None, reuse: str | None) -> BenchDatabase:
    """A database for this run; ``reuse`` is the URL a ``--keep`` run printed."""
    if reuse:
        config = dj_database_url.parse(reuse)
        return BenchDatabase(reuse, _vendor(reuse), config["NAME"], created=False)
    if not url:
        folder = Path(tempfile.mkdtemp(prefix="buurtplein-bench-"))
        path = folder / "bench.sqlite3"
        return BenchDatabase(
            f"sqlite:///{path}", "sqlite", str(path), created=True, folder=folder
        )
    vendor = _vendor(url)
    name = dj_database_url.parse(url)["NAME"]
    if vendor == "sqlite":
        if Path(name).exists():
            raise SystemExit(
                f"{name} exists. The benchmark builds a new database; remove the "
                "file, or pass --reuse with its URL to measure it as it is."
            )
        return BenchDatabase(url, vendor, name, created=True)
    if _postgres_admin(url):
        raise SystemExit(
            f"Database {name} exists. The benchmark builds a new one; drop it "
            f"(dropdb {name}), or pass --reuse {url} to measure it as it is."
        )
    _postgres_admin(url, "CREATE DATABASE {}")
    return BenchDatabase(url, vendor, name, created=True)
