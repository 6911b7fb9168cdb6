"""Two desks at the same instant: an item is handed out once; two batches registered at
once never share a pickup code. Real threads on PostgreSQL."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections

from desk.errors import IllegalTransition
from mailroom import services
from mailroom.models import MailItem
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_survive_the_flush"),
    pytest.mark.skipif(
        "postgres" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks under real concurrency need PostgreSQL",
    ),
]


def _together(work, people):
    """Run `work(person)` in one thread each, started at the same instant; the outcomes."""
    barrier = threading.Barrier(len(people), timeout=10)
    outcomes = []

    def run(person):
        try:
            barrier.wait()
            outcomes.append(work(person))
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_desks_handing_out_the_same_item_at_once_hand_it_out_once(
    monkeypatch, register_one, front_desk, estate
):
    item = register_one()
    other_desk = UserFactory(roles=["front_desk"], estates=[estate])
    # Each desk dwells after reading the item, as a person checking the code would: without
    # the row lock both would read "waiting" and both sign for it.
    real_check = services._check_code

    def slow_check(*args, **kwargs):
        time.sleep(0.4)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(services, "_check_code", slow_check)

    def hand_out(person):
        stale = MailItem.objects.get(pk=item.pk)  # what each desk's page showed
        return services.mail_hand_out(
            item=stale, by=person, code=item.pickup_code, signed_name=person.username
        )

    outcomes = _together(hand_out, [front_desk, other_desk])
    done = [o for o in outcomes if isinstance(o, MailItem)]
    refused = [o for o in outcomes if isinstance(o, IllegalTransition)]
    assert (len(done), len(refused)) == (1, 1), outcomes
    item.refresh_from_db()
    assert (item.status, item.handed_by, item.signed_name) == (
        "collected",
        done[0].handed_by,
        done[0].handed_by.username,
    )


def test_two_desks_registering_at_once_never_share_a_code(monkeypatch, front_desk, estate, unit):
    other_desk = UserFactory(roles=["front_desk"], estates=[estate])
    # Both draw the same code first: the partial unique index makes one of them draw again.
    draws = {front_desk.pk: iter(["424242", "111111"]), other_desk.pk: iter(["424242", "222222"])}
    local = threading.local()
    monkeypatch.setattr(services, "new_pickup_code", lambda: next(draws[local.person]))

    def register(person):
        local.person = person.pk
        rows = [{"kind": "parcel", "unit": unit, "tracking_number": f"SF-{person.pk}"}]
        return services.mail_register(estate=estate, rows=rows, by=person)[0].pickup_code

    outcomes = _together(register, [front_desk, other_desk])
    assert sorted(outcomes) in (["111111", "424242"], ["222222", "424242"]), outcomes
    assert MailItem.objects.filter(pickup_code="424242").count() == 1
