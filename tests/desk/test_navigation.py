"""The top bar shows each role the places it works in, and nothing else."""

import pytest
from django.urls import reverse

from desk.navigation import navigation_for

pytestmark = pytest.mark.django_db


def _names(user):
    return [item["name"] for item in navigation_for(user)]


def test_a_technician_goes_straight_to_the_days_orders(technician):
    assert _names(technician) == [
        "home",
        "tenants:unit_list",
        "tenants:resident_list",
        "workorders:list",
        "workorders:my_today",
    ]


def test_the_front_desk_has_no_management_pages(front_desk):
    names = _names(front_desk)
    assert "complaints:list" in names and "workorders:list" in names
    assert not {"staff_list", "estate_settings_list", "workorders:my_today"} & set(names)


def test_the_top_bar_links_the_entries(client_for, technician):
    html = client_for(technician).get(reverse("home")).content.decode()
    assert f'<a class="nav-link" href="{reverse("workorders:my_today")}">' in html
