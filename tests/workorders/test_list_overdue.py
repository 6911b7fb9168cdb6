"""The work-order list marks overdue orders as the daily closing does."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import WorkOrderFactory


def test_the_list_marks_overdue_and_late_orders(client_for, rep, unit):
    now = timezone.now()
    overdue = WorkOrderFactory(unit=unit, created_at=now - timedelta(hours=30))
    on_time = WorkOrderFactory(unit=unit)
    late = WorkOrderFactory(
        unit=unit,
        status="done",
        created_at=now - timedelta(hours=40),
        done_at=now - timedelta(hours=2),
    )
    page = client_for(rep).get(reverse("workorders:list"))
    marked = {order.number: order.overdue for order in page.context["object_list"]}
    assert marked == {overdue.number: True, on_time.number: False, late.number: True}
    html = page.content.decode()
    assert html.count("wo-overdue") == 2
    assert "Done late" in html and "Overdue" in html


def test_the_boards_sections_have_the_same_headed_columns(client_for, supervisor, estate):
    html = client_for(supervisor).get(reverse("complaints:board")).content.decode()
    sections = html.count('id="board-')
    assert sections >= 3
    assert html.count("<th>First response</th>") == sections
    assert html.count('colspan="5"') == sections  # every section empty: one row, five columns
