"""Fast inserts for billing's seeder: rows built in Python as tuples, written with
PostgreSQL's COPY (psycopg's `cursor.copy`), and the primary keys handed out here so that
rows can point at each other before they are written. No model is instantiated, no signal
sent (simple-history records no seeded row: accepted for seeded data, desk/seeding.py).

The rows are formatted as COPY text in the seeding thread and sent by a second thread on
the same connection and transaction, so that PostgreSQL stores one batch while Python
builds the next (the seeding thread does not touch the connection meanwhile; `finish`
waits for the sender). Foreign keys are checked at commit (Django makes them deferrable),
so the tables may be written in any order.

On another database (the demo's SQLite) the same rows go in with `executemany`, each value
prepared by its field as the ORM would.
"""

import json
import queue
import threading

from django.db import connection

FLUSH = 20_000  # rows held per table before they are sent
_SPECIAL = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _line(row):
    """A row in COPY's text format, for speed by `str` alone: ints, Decimals, dates, aware
    datetimes (ISO with their offset) and booleans (`True`, which PostgreSQL reads) as they
    are, None as \\N. Text is the seeder's own (fee names, periods, notes) or the register's
    names and emails, none with a tab, newline or backslash (`safe_text` checks those read
    from the database); JSON columns come as their text already."""
    return "\t".join(map(str, row)).replace("\tNone", "\t\\N")


def safe_text(value: str) -> str:
    """`value` escaped for COPY's text format if it holds a tab, newline or backslash."""
    if value.isprintable() and "\\" not in value:
        return value
    return value.translate(_SPECIAL)


class Sender:
    """Sends COPY batches on the connection from a thread of its own."""

    def __init__(self):
        self.queue = queue.Queue(maxsize=4)
        self.error = None
        self.thread = None
        self.unchecked = False
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            self.unchecked = _skip_foreign_key_checks()
            self.raw = connection.connection  # the psycopg connection, in its transaction
            self.thread = threading.Thread(target=self._work, name="billing-seed-copy", daemon=True)
            self.thread.start()

    def send(self, table, columns, text):
        if self.error is not None:
            raise self.error
        self.queue.put((table, columns, text))

    def _work(self):
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is not None:
                continue
            table, columns, text = item
            try:
                sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                    copy.write(text)
            except Exception as exc:  # re-raised in the seeding thread
                self.error = exc

    def close(self):
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            self.thread = None
        if self.unchecked:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")
            self.unchecked = False
        if self.error is not None:
            raise self.error


def _skip_foreign_key_checks() -> bool:
    """Where the role may (a superuser, as the demo's and the bench's), write the seeded
    rows without a foreign-key check each (`session_replication_role = replica`, as
    pg_restore --disable-triggers does): every id they hold was handed out by this seeder
    or read from the database just before, and a check per row queued to the commit costs
    more than writing the 2.5 million rows of the reference scale. Else nothing changes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not (row and row[0]):
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


class Table:
    """The rows of one model waiting to be written, with the ids they were given."""

    def __init__(self, model, fields, sender):
        self.model = model
        self.sender = sender
        meta = model._meta
        self.fields = [meta.get_field(name) for name in fields]
        self.columns = [field.column for field in self.fields]
        self.rows = []
        self.written = 0
        self.next_id = _first_free_id(model)

    def take_id(self):
        pk = self.next_id
        self.next_id += 1
        return pk

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= FLUSH:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        if self.sender.thread is not None:
            text = "\n".join(["\t".join(map(str, row)) for row in rows])
            text = text.replace("\tNone", "\t\\N") + "\n"  # as `_line` writes a row
            self.sender.send(self.model._meta.db_table, self.columns, text)
        else:
            _insert(self.model._meta.db_table, self.fields, rows)
        self.written += len(rows)

    def finish(self):
        """Write what is left and move the table's id sequence past the ids handed out
        (after `Sender.close`: the connection is the seeding thread's again)."""
        _sequence_past(self.model, self.next_id - 1)


def _first_free_id(model):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        last = cursor.fetchone()[0]
        if connection.vendor == "postgresql":
            # The name comes quoted as needed from pg_get_serial_sequence.
            cursor.execute(f"SELECT last_value, is_called FROM {_sequence_name(cursor, model)}")
            value, called = cursor.fetchone()
            last = max(last, value if called else value - 1)
    return last + 1


def _sequence_name(cursor, model):
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
    return cursor.fetchone()[0]


def _sequence_past(model, last_id):
    if connection.vendor != "postgresql" or last_id < 1:
        return
    with connection.cursor() as cursor:
        name = _sequence_name(cursor, model)
        cursor.execute(
            f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {name})))", [name, last_id]
        )


def _insert(table, fields, rows):
    marks = ", ".join(["%s"] * len(fields))
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    json_fields = {i for i, field in enumerate(fields) if field.get_internal_type() == "JSONField"}
    prepared = [
        [
            value
            if value is None
            else field.get_db_prep_save(
                json.loads(value) if i in json_fields else value, connection
            )
            for i, (field, value) in enumerate(zip(fields, row, strict=True))
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        # SQLite holds the decimals as floats, so a check such as `amount = gross - discount`
        # can fail by a rounding of its own on exact amounts (a vacant unit's discount).
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)
        finally:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
