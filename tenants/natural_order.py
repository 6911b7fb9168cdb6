"""The natural order of building and unit numbers on both databases the project runs on.

The sort key is a generated column (`tenants.models.natural_sort_key`) built from
`regexp_replace` and ordered byte by byte: PostgreSQL's "C" collation; SQLite, the demo's
embedded database, orders bytes already (BINARY) and gets `regexp_replace` from
`desk.sqlite`.
"""

from django.db import models


class NaturalKeyField(models.CharField):
    """A CharField compared byte by byte: the "C" collation on PostgreSQL, none elsewhere
    (SQLite's default collation is already byte order and it knows no "C")."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor != "postgresql":
            params["collation"] = None
        return params
