"""The manager's patrol panel: yesterday's coverage of the daily rounds (the estate's
default rules) and the contractors' latest scores, each linking to its page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from inspections.dashboard import manager_panel
from inspections.models import Contractor, Evaluation, RoundType
from tests.desk.home_links import panel_context

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)


def test_the_coverage_of_yesterday_and_the_lowest_scores_first(
    estate, building, manager, client_for
):
    cleaners = Contractor.objects.create(estate=estate, name="洁美", service=RoundType.CLEANING)
    gardeners = Contractor.objects.create(estate=estate, name="绿源", service=RoundType.GREENING)
    for contractor, total in ((cleaners, "92.5"), (gardeners, "78.0")):
        Evaluation.objects.create(
            contractor=contractor,
            year=2026,
            month=10,
            total=total,
            scored_by=manager,
            scored_at=NOW - datetime.timedelta(days=15),
        )
    with time_machine.travel(NOW, tick=False):
        context = panel_context(manager_panel, manager)
        client = client_for(manager)
        [row] = context["coverage"]
        # The default daily rules with one building: public areas 1, signage 2, equipment,
        # cleaning, greening, pest control and the manager's round 1 each; none done.
        assert (row["required"], row["done"], row["share"]) == (8, 0, 0.0)
        page = client.get(row["url"])
        home = client.get(reverse("home")).content.decode()
    assert (page.context["first"], page.context["last"]) == (
        datetime.date(2026, 11, 19),
        datetime.date(2026, 11, 19),
    )
    assert page.context["coverage"].gaps == 8
    assert [c.name for c in context["contractors"]] == ["绿源", "洁美"]
    assert reverse("inspections:contractor", args=[gardeners.pk]) in home
    assert "78.0" in home
