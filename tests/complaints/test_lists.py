"""Every list runs the same number of queries for 1 row and for 3."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import services
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


def _make(n, unit, assignee):
    now = timezone.now()
    for i in range(n):
        c = ComplaintFactory(
            unit=unit,
            assignee=assignee,
            received_at=now - timedelta(minutes=40 + i),
            received_by=assignee,
        )
        services.complaint_escalate(complaint=c, reason="急", by=assignee)


def _queries(client, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


URLS = [
    ("complaints:list", None),
    ("complaints:mine", None),
    ("complaints:board", None),
    ("complaints:daily", None),
    ("complaints:monthly", None),
    ("complaints:list", {"breached": "true", "status": "received", "q": "3-1502"}),
    ("complaints:list", {"queue": "breached"}),
]


@pytest.mark.parametrize(("name", "data"), URLS, ids=lambda v: str(v))
def test_list_queries_do_not_grow_with_rows(
    name, data, unit, supervisor, client_for, django_assert_num_queries
):
    client = client_for(supervisor)
    _make(1, unit, supervisor)
    one = _queries(client, reverse(name), data)
    _make(2, unit, supervisor)
    with django_assert_num_queries(one):
        response = client.get(reverse(name), data or {})
    assert response.status_code == 200


def test_list_shows_the_rows(unit, supervisor, client_for):
    _make(3, unit, supervisor)
    page = client_for(supervisor).get(reverse("complaints:list"))
    assert len(page.context["object_list"]) == 3


def test_the_unit_page_section_has_constant_queries(unit, supervisor, client_for):
    client = client_for(supervisor)
    url = reverse("tenants:unit_detail", args=[unit.pk])
    _make(1, unit, supervisor)
    with CaptureQueriesContext(connection) as one:
        first = client.get(url)
    _make(2, unit, UserFactory(roles=["service_rep"], estates=[unit.estate]))
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert len(one.captured_queries) == len(three.captured_queries)
    assert first.status_code == 200
    assert page.content.decode().count('href="/complaints/') >= 3
    assert 'id="section-complaints"' in page.content.decode()


def test_mine_lists_only_my_complaints(unit, rep, supervisor, client_for):
    ComplaintFactory(unit=unit, assignee=rep)
    ComplaintFactory(unit=unit, assignee=supervisor)
    page = client_for(rep).get(reverse("complaints:mine"))
    assert [c.assignee for c in page.context["object_list"]] == [rep]


def test_lists_are_scoped_to_the_estate(unit, outsider, client_for):
    ComplaintFactory(unit=unit)
    page = client_for(outsider).get(reverse("complaints:list"))
    assert list(page.context["object_list"]) == []
