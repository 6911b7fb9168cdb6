"""desk.numbering: one gap-free, duplicate-free series per kind, year (and estate)."""

import threading

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.transaction import TransactionManagementError
from django.urls import reverse
from django.utils import timezone

from desk.models import NumberSequence
from desk.numbering import number_block, number_format, number_next
from tests.factories import EstateFactory
from tests.machine import NEEDS_POSTGRESQL

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason=NEEDS_POSTGRESQL,
)


class GiveBack(Exception):
    """Raised inside a transaction to roll it back."""


def _in_own_connection(work):
    """Run `work` in a thread, on its own connection, outside the test's transaction."""
    result = {}

    def run():
        try:
            result["value"] = work()
        except Exception as exc:  # noqa: BLE001 - re-raised below
            result["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def test_numbers_follow_each_other_zero_padded():
    assert [number_next(kind="WO", year=2030) for _ in range(3)] == [
        "WO-2030-000001",
        "WO-2030-000002",
        "WO-2030-000003",
    ]


def test_each_year_and_each_estate_has_its_own_series(estate, other_estate):
    taken = [
        number_next(kind="TS", year=2030),
        number_next(kind="TS", year=2031),
        number_next(kind="TS", year=2030),
        number_next(kind="WO", year=2030),
        number_next(kind="SJ", year=2030, estate=estate),
        number_next(kind="SJ", year=2030, estate=other_estate),
        number_next(kind="SJ", year=2030, estate=estate),
        number_next(kind="SJ", year=2030),
    ]
    assert taken == [
        "TS-2030-000001",
        "TS-2031-000001",
        "TS-2030-000002",
        "WO-2030-000001",
        "SJ-CH-2030-000001",
        "SJ-JQ-2030-000001",
        "SJ-CH-2030-000002",
        "SJ-2030-000001",
    ]
    assert NumberSequence.objects.get(kind="SJ", year=2030, estate=estate).last == 2


def test_a_rolled_back_transaction_gives_its_number_back(estate):
    with pytest.raises(GiveBack), transaction.atomic():
        assert number_next(kind="SJ", year=2030, estate=estate) == "SJ-CH-2030-000001"
        raise GiveBack
    assert number_next(kind="SJ", year=2030, estate=estate) == "SJ-CH-2030-000001"
    with pytest.raises(GiveBack), transaction.atomic():
        assert number_next(kind="SJ", year=2030, estate=estate) == "SJ-CH-2030-000002"
        raise GiveBack
    assert number_next(kind="SJ", year=2030, estate=estate) == "SJ-CH-2030-000002"


@on_postgres  # a too long value is an error on PostgreSQL only
def test_a_failed_intake_does_not_burn_a_complaint_number(estate, unit, front_desk):
    from complaints.services import complaint_receive

    def receive(subject):
        return complaint_receive(
            estate=estate,
            unit=unit,
            channel="phone",
            category="noise",
            complainant_name="张伟",
            subject=subject,
            description="楼上装修噪音。",
            occurred_on=timezone.localdate(),
            by=front_desk,
        )

    first = receive("楼上装修噪音")
    with pytest.raises(Exception, match="too long"):
        receive("长" * 201)  # the insert fails after the number was taken
    second = receive("楼上装修噪音")
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_a_block_takes_consecutive_numbers_and_the_next_continues_after_it():
    assert number_next(kind="WO", year=2030) == "WO-2030-000001"
    assert number_block(kind="WO", year=2030, count=3) == [
        "WO-2030-000002",
        "WO-2030-000003",
        "WO-2030-000004",
    ]
    assert number_next(kind="WO", year=2030) == "WO-2030-000005"


def test_the_admin_shows_the_sequences_and_lets_nobody_change_them(admin_client):
    number_next(kind="WO", year=2030)
    series = NumberSequence.objects.get()
    page = admin_client.get(reverse("admin:desk_numbersequence_changelist"))
    assert page.status_code == 200
    assert '<td class="field-last">1</td>' in page.content.decode()
    assert admin_client.get(reverse("admin:desk_numbersequence_add")).status_code == 403
    admin_client.post(reverse("admin:desk_numbersequence_change", args=[series.pk]), {"last": 0})
    assert NumberSequence.objects.get().last == 1


def test_a_number_is_taken_only_inside_a_transaction():
    # A thread's own connection is in autocommit, as a view outside a service would be.
    with pytest.raises(TransactionManagementError):
        _in_own_connection(lambda: number_next(kind="TST", year=2030))
    assert _in_own_connection(lambda: NumberSequence.objects.filter(kind="TST").count()) == 0


@on_postgres
def test_concurrent_transactions_take_every_number_once_without_gaps():
    """Eight threads race for the first number of three new series (one of the company,
    two per estate); every third transaction rolls back and gives its number back.
    The threads commit on their own connections; what they made is removed at the end."""
    estates = _in_own_connection(lambda: [EstateFactory(code="TA"), EstateFactory(code="TB")])
    scopes = [None, *estates]
    committed = {scope: [] for scope in range(3)}
    errors = []
    barrier = threading.Barrier(8)

    def take(worker):
        try:
            barrier.wait()
            for i in range(6):
                scope = (worker + i) % 3
                try:
                    with transaction.atomic():
                        number = number_next(kind="TST", year=2031, estate=scopes[scope])
                        if i % 3 == 2:
                            raise GiveBack
                    committed[scope].append(number)
                except GiveBack:
                    pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(worker,)) for worker in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        lasts = _in_own_connection(
            lambda: {
                s.estate_id: s.last for s in NumberSequence.objects.filter(kind="TST", year=2031)
            }
        )
        for scope, estate in enumerate(scopes):
            numbers = committed[scope]
            assert sorted(numbers) == [
                number_format(kind="TST", year=2031, value=n, estate=estate)
                for n in range(1, len(numbers) + 1)
            ]
            assert lasts.get(estate.pk if estate else None, 0) == len(numbers)
        assert sum(len(n) for n in committed.values()) == 32  # 48 taken, 16 given back
    finally:

        def clean_up():
            NumberSequence.objects.filter(kind="TST").delete()
            for estate in estates:
                estate.delete()

        _in_own_connection(clean_up)


def _old_state(app, migration):
    """The models just before `migration` ran (the old counter and NumberSequence both)."""
    loader = MigrationLoader(connection)
    key = (app, migration)
    state = loader.project_state(key, at_end=False)
    # On today's tables: the estate has since moved to desk (desk 0007 renamed its table).
    state.models["tenants", "estate"].options["db_table"] = "desk_estate"
    return state.apps, loader.get_migration(*key)


@on_postgres  # the schema editor runs inside the test's transaction (rolled back)
@pytest.mark.parametrize(
    ("app", "migration", "model", "row", "kind", "continues_at"),
    [
        (
            "complaints",
            "0005_numbers_in_desk_sequence",
            "ComplaintSequence",
            {"year": 2026, "last": 123},
            "TS",
            "TS-2026-000124",
        ),
        (
            "workorders",
            "0004_numbers_in_desk_sequence",
            "NumberCounter",
            {"kind": "WO", "year": 2026, "last": 45},
            "WO",
            "WO-2026-000046",
        ),
    ],
)
def test_the_old_counters_move_to_the_number_sequences(
    app, migration, model, row, kind, continues_at
):
    apps, migration = _old_state(app, migration)
    Old = apps.get_model(app, model)
    copy = migration.operations[0]
    with connection.schema_editor() as editor:
        editor.create_model(Old)
        Old.objects.create(**row)
        copy.code(apps, editor)
        assert number_next(kind=kind, year=2026) == continues_at
        Old.objects.all().delete()
        copy.reverse_code(apps, editor)  # migrating back keeps the number taken since
        assert Old.objects.values_list("last", flat=True).get() == row["last"] + 1
        editor.delete_model(Old)
