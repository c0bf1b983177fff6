"""Operations commands: ``notifications failed|retry`` and ``mail failed|retry`` (the
outbox's given-up rows: server/cli/outbox.py), ``push keys`` (server/cli/push.py),
``backup`` and ``restore`` (SQLite; PostgreSQL gets the ``pg_dump`` guidance).

Exit status: 0 done; 1 refused (unknown tenant, a row that is not failed, a file that is
not a Créneau database, a target that exists without ``--force``); 2 not supported here
(PostgreSQL backups are ``pg_dump``'s job).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from kernel.settings import Settings
from server.cli import outbox, push

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Créneau database has, whatever its revision.
CRENEAU_TABLES = ("alembic_version", "tenant", "family")

PG_DUMP_GUIDANCE = """\
creneau: backup and restore of PostgreSQL are the database's own tools' job:

  backup (consistent while the server runs):
    pg_dump --format=custom --file=creneau-$(date +%F).dump "$PGURL"
  restore (into an empty database, servers and worker stopped):
    createdb creneau_restored
    pg_restore --no-owner --dbname=creneau_restored creneau-YYYY-MM-DD.dump
    CRENEAU_DATABASE_URL=postgresql+asyncpg://…/creneau_restored creneau migrate

  where PGURL is CRENEAU_DATABASE_URL without "+asyncpg" (postgresql://user@host/db).
  See docs/DEPLOYMENT.md, « Backups »."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``notifications`` (and its alias ``mail``), ``push``, ``backup`` and ``restore``
    to the ``creneau`` parser."""
    outbox.register(commands)
    push.register(commands)

    backup = commands.add_parser(
        "backup", help="copy the SQLite database to a file (online: the server may run)"
    )
    backup.add_argument("--to", required=True, dest="target", metavar="FILE", help="file")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.set_defaults(handler=backup_command)

    restore = commands.add_parser(
        "restore",
        help="replace the SQLite database by a backup (stop the server and the worker first)",
    )
    restore.add_argument("--from", required=True, dest="source", metavar="FILE", help="backup")
    restore.add_argument(
        "--force", action="store_true", help="overwrite a database that already has data"
    )
    restore.set_defaults(handler=restore_command)


def _error(message: str) -> int:
    print(f"creneau: error: {message}", file=sys.stderr)
    return 1


# ------------------------------------------------------------------- backup, restore


def _sqlite_path(settings: Settings) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL)."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise ValueError("CRENEAU_DATABASE_URL names no SQLite file")
    return Path(url.database)


def known_revisions(settings: Settings) -> list[str]:
    """Every migration revision of this code, newest first."""
    from alembic.script import ScriptDirectory

    from server.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(settings.database_url))
    return [revision.revision for revision in script.walk_revisions()]


def creneau_revision(path: Path) -> str:
    """The migration revision of a Créneau SQLite database file; ValueError when the file
    is not one (not SQLite, damaged, or without Créneau's tables)."""
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ValueError(f"{path} is not a SQLite database")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        missing = [table for table in CRENEAU_TABLES if table not in tables]
        if missing:
            raise ValueError(f"{path} is not a Créneau database (no table {missing[0]})")
        check = connection.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise ValueError(f"{path} is damaged (quick_check: {check[0] if check else '?'})")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} cannot be read as a database ({exc})") from exc
    finally:
        connection.close()
    if row is None:
        raise ValueError(f"{path} has no migration revision")
    return str(row[0])


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup of ``source`` into a new file at ``target`` (atomic rename)."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
        # A self-contained file: no -wal next to it is needed to read it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    os.replace(partial, target)


def backup_command(settings: Settings, args: argparse.Namespace) -> int:
    database = _sqlite_path(settings)
    if database is None:
        print(PG_DUMP_GUIDANCE, file=sys.stderr)
        return 2
    target = Path(args.target)
    if not database.exists():
        return _error(f"no database at {database} (CRENEAU_DATABASE_URL)")
    if target.exists() and not args.force:
        return _error(f"{target} exists; --force to overwrite it")
    if target.resolve() == database.resolve():
        return _error("the backup file cannot be the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    try:
        _copy_database(source, target)
    finally:
        source.close()
    try:
        revision = creneau_revision(target)
    except ValueError as exc:
        target.unlink(missing_ok=True)
        return _error(f"the backup failed its check: {exc}")
    size = target.stat().st_size
    print(f"Backup of {database} (revision {revision}, {size} bytes) written to {target}")
    return 0


def restore_command(settings: Settings, args: argparse.Namespace) -> int:
    database = _sqlite_path(settings)
    if database is None:
        print(PG_DUMP_GUIDANCE, file=sys.stderr)
        return 2
    source_path = Path(args.source)
    if not source_path.is_file():
        return _error(f"no backup file at {source_path}")
    try:
        revision = creneau_revision(source_path)
    except ValueError as exc:
        return _error(str(exc))
    revisions = known_revisions(settings)
    if revision not in revisions:
        return _error(
            f"{source_path} is at revision {revision}, unknown to this version of Créneau "
            f"(newest {revisions[0]}): restore it with the version that wrote it"
        )
    if database.exists() and database.stat().st_size > 0 and not args.force:
        return _error(
            f"{database} exists; stop the server and the worker, then restore with --force "
            "(or point CRENEAU_DATABASE_URL at a new file)"
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(database, timeout=0.5)
    try:
        # The exclusive lock fails while another process writes (a running server).
        try:
            target.execute("BEGIN EXCLUSIVE")
            target.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return _error(f"{database} is in use: stop the server and the worker first")
        # The backup API writes into the live file (WAL included), page by page.
        source.backup(target)
    finally:
        target.close()
        source.close()
    print(f"Restored {source_path} (revision {revision}) into {database}")
    if revision != revisions[0]:
        print(f"The backup is at revision {revision}: run `creneau migrate` before serving.")
    return 0
