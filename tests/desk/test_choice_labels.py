"""`get_FOO_display()` through desk.models.ChoiceLabels: the label of the stored value in the
reader's language, without translating every label of the field on each call."""

from unittest import mock

from django.utils import translation

from tenants.models import Unit
from workorders.models import Priority, Trade, WorkOrder


def test_the_label_follows_the_readers_language():
    order = WorkOrder(trade=Trade.ELEVATOR, priority=Priority.URGENT)
    with translation.override("en"):
        assert order.get_trade_display() == "Elevator"
    with translation.override("zh-hans"):
        assert order.get_trade_display() == "电梯"


def test_a_value_outside_the_choices_shows_as_stored():
    assert WorkOrder(trade="submarine").get_trade_display() == "submarine"
    assert Unit(usage="").get_usage_display() == ""


def test_one_label_translated_per_call_not_every_label_of_the_field():
    orders = [WorkOrder(trade=Trade.PLUMBING) for _ in range(20)]
    with translation.override("zh-hans"):
        orders[0].get_trade_display()  # the table is built once per field
        trans = translation._trans
        with mock.patch.object(trans, "gettext", wraps=trans.gettext) as gettext:
            labels = {order.get_trade_display() for order in orders}
    assert labels == {"水暖"}
    # Django's own get_FOO_display translates every label of the field on each call.
    assert gettext.call_count == len(orders)
