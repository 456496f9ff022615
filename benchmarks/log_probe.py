"""Runs `netjournal log` in its own process with timers around its steps; prints them as JSON.

Started by profile_log.py with the spawn time, the journal and the log
arguments. Before its timers it imports nothing but ``sys`` and ``time``, so
each group of imports below is charged what it really pulls in; the command
itself then runs through ``netjournal.cli.main`` as the console script would,
with a timer wrapped around each step (nothing in netjournal/ is changed; a
step renamed by a later version is simply not broken out).
"""

import sys
import time

ENTERED = time.time()
clock = time.perf_counter
marks: dict[str, float] = {}


def charge(label: str, since: float) -> None:
    marks[label] = marks.get(label, 0.0) + (clock() - since) * 1000


# In this order; what a group pulls in that an earlier one did not is charged to it.
IMPORT_GROUPS = [
    ("import peewee (+ stdlib sqlite3, logging, uuid, decimal …)", ["peewee"]),
    ("import sqlcipher3 + playhouse.sqlcipher_ext", ["sqlcipher3.dbapi2", "playhouse.sqlcipher_ext"]),
    ("import playhouse.migrate (for store.schema)", ["playhouse.migrate"]),
    ("import netjournal.cli (argparse grammar, domain)", ["netjournal.cli"]),
    ("import netjournal.store (database, schema, models, lock)", ["netjournal.store.database"]),
    ("import netjournal.cli.commands + services.journal", ["netjournal.cli.commands"]),
    ("import netjournal.insights.specificity", ["netjournal.insights.specificity"]),
    ("import netjournal.services.entries, people, validation",
     ["netjournal.services.entries", "netjournal.services.people"]),
]  # fmt: skip


def import_all() -> None:
    import importlib

    for label, modules in IMPORT_GROUPS:
        started = clock()
        for module in modules:
            importlib.import_module(module)
        charge(label, started)


def timed(owner: object, name: str, label: str) -> None:
    original = getattr(owner, name, None)
    if original is None:
        return

    def wrapper(*args, **kwargs):
        started = clock()
        try:
            return original(*args, **kwargs)
        finally:
            charge(label, started)

    setattr(owner, name, wrapper)


def instrument() -> None:
    import argparse

    import peewee

    import netjournal.cli as cli
    from netjournal.cli import commands
    from netjournal.insights import specificity
    from netjournal.services import entries, people
    from netjournal.store import database as store

    def set_pragmas(self, conn) -> None:  # peewee's own loop, with a timer per pragma
        cursor = conn.cursor()
        for pragma, value in self._pragmas:
            started = clock()
            cursor.execute(f"PRAGMA {pragma} = {value};")
            charge(f"PRAGMA {pragma}", started)
        cursor.close()

    peewee.SqliteDatabase._set_pragmas = set_pragmas
    execute_sql = peewee.Database.execute_sql

    def timed_sql(self, sql, params=None, *args, **kwargs):
        started = clock()
        try:
            return execute_sql(self, sql, params, *args, **kwargs)
        finally:
            words = str(sql).split()
            head = " ".join(words[:1] if words[0] in ("SAVEPOINT", "RELEASE") else words[:4])
            charge(f"SQL: {head[:60]}", started)

    peewee.Database.execute_sql = timed_sql

    timed(cli, "parse_arguments", "build the argparse parser and read the arguments")
    timed(argparse.ArgumentParser, "parse_args", "parse the arguments")
    timed(store, "_silence_cipher_log", "silence SQLCipher's log (a :memory: connection)")
    timed(store, "_precheck_existing", "check the file's header")
    timed(store, "JournalLock", "take the lock file")
    timed(store.JournalDatabase, "_connect", "connect: key, pragmas, first query (the key derivation)")
    timed(store.schema, "pending_migrations", "migrations check")
    timed(store.JournalDatabase, "bind", "bind the models")
    timed(people, "find_or_create_person", "find the person (reads every name)")
    timed(entries, "add_exchange", "validate + insert the exchange (triggers, FTS)")
    timed(store.JournalDatabase, "close", "close: wal_checkpoint(TRUNCATE) + close + unlock")
    timed(commands, "_open", "open the journal, total")
    timed(specificity, "score_specificity", "score the summary's specificity")
    timed(commands, "cmd_log", "the log command, total")
    if "log" in getattr(commands, "COMMANDS", {}):
        commands.COMMANDS["log"] = commands.cmd_log  # the table holds the function itself


def main() -> None:
    spawned, journal, *log_args = sys.argv[1:]
    marks["interpreter start-up until the probe's first line"] = (ENTERED - float(spawned)) * 1000
    import_all()
    instrument()
    import io
    from contextlib import redirect_stdout

    import netjournal.cli as cli

    started = clock()
    with redirect_stdout(io.StringIO()):
        status = cli.main(["--journal", journal, *log_args])
    charge("cli.main, total", started)
    if status != 0:
        raise SystemExit(f"netjournal log failed with {status}")
    import json

    print(json.dumps({"marks": marks, "done_at": time.time()}), flush=True)


if __name__ == "__main__":
    main()
