"""The unit page on a phone: every value of the occupant tables carries its label (the
stacked card shows it), an empty value shows a dash, past occupants' dates are labelled,
and the move-out button has its own place at the end of the card."""

import datetime
import re

from django.urls import reverse

from tenants.models import Occupancy, Resident
from tests.factories import OccupancyFactory, ResidentFactory


def _rows(html, table_id):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_every_value_of_the_occupants_has_its_label_and_a_dash_when_empty(
    client_for, manager, unit, occupancy
):
    Resident.objects.filter(pk=occupancy.resident_id).update(
        emergency_contact_name="", emergency_contact_phone=""
    )
    gone = ResidentFactory(estate=unit.estate, name="李四")
    OccupancyFactory(
        unit=unit,
        resident=gone,
        role=Occupancy.Role.OCCUPANT,
        move_in=datetime.date(2023, 3, 1),
        move_out=datetime.date(2025, 6, 30),
        move_out_reason="",
    )
    html = client_for(manager).get(reverse("tenants:unit_detail", args=[unit.pk])).content.decode()

    (current,) = _rows(html, "current-occupants")
    labels = [re.search(r'data-label="([^"]*)"', attrs) for attrs, _ in current[1:-1]]
    assert [m.group(1) for m in labels if m] == [
        "Role",
        "Mobile",
        "Emergency contact",
        "Move-in date",
    ]
    assert current[3][1].strip() == "—"  # no emergency contact
    assert 'class="row-actions"' in current[-1][0] and "Move out" in current[-1][1]

    (past,) = _rows(html, "past-occupants")
    assert [re.search(r'data-label="([^"]*)"', a).group(1) for a, _ in past[1:]] == [
        "Role",
        "Move-in date",
        "Move-out date",
        "Reason",
    ]
    assert [v for _, v in past[2:]] == ["2023-03-01", "2025-06-30", "—"]
