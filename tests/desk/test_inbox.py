"""The inbox: a person's or a role's notifications, read in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk import inbox, roles
from desk.models import Notification
from tests.factories import UserFactory
from workorders import services as workorder_services
from workorders.models import Source, Trade

pytestmark = pytest.mark.django_db


def _note(estate, user, text="水管漏水", url=""):
    return inbox.notify(estate=estate, kind=inbox.NOTE, values={"note": text}, url=url, user=user)


def _inbox_text(client, **params):
    page = client.get(reverse("inbox"), params)
    assert page.status_code == 200
    return [n.text for n in page.context["notifications"]]


# --- stored as a kind and its values, read in the reader's language ---


def test_a_technician_receives_and_sees_a_notification(unit, rep, technician, client_for):
    order = workorder_services.workorder_create(
        estate=unit.estate,
        unit=unit,
        source=Source.REPAIR_CALL,
        trade=Trade.PLUMBING,
        description="厨房水管漏水",
        by=rep,
    )
    workorder_services.workorder_dispatch(order=order, assignee=technician, by=rep)
    client = client_for(technician)
    home = client.get(reverse("home")).content.decode()
    assert '<span class="badge rounded-pill text-bg-danger" id="inbox-unread">1</span>' in home
    assert _inbox_text(client) == [f"Work order {order.number} is yours: 3-1502."]

    opened = client.post(reverse("inbox_open", args=[Notification.objects.get().pk]))
    assert opened["Location"] == reverse("workorders:detail", args=[order.pk])
    assert client.get(opened["Location"]).status_code == 200
    assert inbox.unread_count(technician) == 0
    assert 'id="inbox-unread"' not in client.get(reverse("home")).content.decode()


# --- a role: one row per holder, each with their own read state ---


def test_a_role_is_every_active_holder_in_the_estate(estate, other_estate, supervisor):
    second = UserFactory(username="supervisor2", roles=[roles.SUPERVISOR], estates=[estate])
    UserFactory(username="gone", roles=[roles.SUPERVISOR], estates=[estate], is_active=False)
    UserFactory(username="elsewhere", roles=[roles.SUPERVISOR], estates=[other_estate])
    UserFactory(username="a-rep", roles=[roles.SERVICE_REP], estates=[estate])

    sent = inbox.notify(estate=estate, kind=inbox.NOTE, values={"note": "x"}, role=roles.SUPERVISOR)
    assert sorted(n.recipient.username for n in sent) == ["supervisor", "supervisor2"]
    assert {n.role for n in sent} == {roles.SUPERVISOR}

    mine = Notification.objects.get(recipient=supervisor)
    assert inbox.mark_read(user=supervisor, notification=mine) is True
    assert inbox.mark_read(user=supervisor, notification=mine) is False
    assert (inbox.unread_count(supervisor), inbox.unread_count(second)) == (0, 1)


def test_notify_refuses_what_it_cannot_deliver(estate, rep):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        inbox.notify(estate=estate, kind="nobody.registered", values={}, user=rep)
    with pytest.raises(ValueError, match="not both"):
        inbox.notify(estate=estate, kind=inbox.NOTE, values={}, user=rep, role=roles.SUPERVISOR)
    assert Notification.objects.count() == 0


def test_an_unknown_kind_or_a_missing_value_does_not_break_the_page(estate, rep, client_for):
    Notification.objects.create(estate=estate, recipient=rep, kind="gone.app", values={})
    Notification.objects.create(
        estate=estate, recipient=rep, kind="complaints.assigned", values={"number": "TS-1"}
    )
    assert _inbox_text(client_for(rep)) == ["TS-1 was assigned to you by —.", "gone.app"]


# --- the page: scoped to the reader, filters, marks read ---


def test_the_inbox_shows_only_the_readers_own_and_of_their_estates(
    estate, other_estate, rep, front_desk, client_for
):
    _note(estate, rep, "给客务代表")
    _note(estate, front_desk, "给前台")
    _note(other_estate, rep, "另一个项目")  # an estate rep no longer works in
    assert _inbox_text(client_for(rep)) == ["给客务代表"]


def test_another_persons_notification_is_a_404_and_stays_unread(
    estate, rep, front_desk, client_for
):
    theirs = _note(estate, front_desk)[0]
    response = client_for(rep).post(reverse("inbox_open", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_unread_filter_and_mark_all_read(estate, rep, client_for):
    first, second = _note(estate, rep, "一")[0], _note(estate, rep, "二")[0]
    inbox.mark_read(user=rep, notification=first)
    client = client_for(rep)
    assert _inbox_text(client) == ["二", "一"]
    assert _inbox_text(client, unread="1") == ["二"]

    assert client.post(reverse("inbox_read_all"))["Location"] == reverse("inbox")
    second.refresh_from_db()
    assert second.read_at is not None
    assert _inbox_text(client, unread="1") == []
    assert (
        "No unread notifications." in client.get(reverse("inbox"), {"unread": "1"}).content.decode()
    )


@pytest.mark.parametrize("url", ["//evil.example.com/phish", "https://evil.example.com/"])
def test_a_notification_never_leads_off_the_site(estate, supervisor, client_for, url):
    item = _note(estate, supervisor, url=url)[0]
    response = client_for(supervisor).post(reverse("inbox_open", args=[item.pk]))
    assert response["Location"] == reverse("inbox")


@pytest.mark.parametrize("params", [{}, {"unread": "1"}], ids=["all", "unread"])
def test_the_inbox_runs_the_same_queries_for_1_and_3_rows(
    params, estate, rep, client_for, django_assert_num_queries
):
    client = client_for(rep)
    _note(estate, rep)
    client.get(reverse("inbox"))  # warm the session and permission caches of this client
    with CaptureQueriesContext(connection) as one:
        assert len(_inbox_text(client, **params)) == 1
    _note(estate, rep)
    _note(estate, rep)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(_inbox_text(client, **params)) == 3


# --- the top bar ---


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_role_sees_its_unread_count_in_the_top_bar(role, estate, client_for):
    person = UserFactory(username=f"r-{role}", roles=[role], estates=[estate])
    inbox.notify(estate=estate, kind=inbox.NOTE, values={"note": "x"}, role=role)
    inbox.notify(estate=estate, kind=inbox.NOTE, values={"note": "y"}, role=role)
    html = client_for(person).get(reverse("home")).content.decode()
    assert '<span class="badge rounded-pill text-bg-danger" id="inbox-unread">2</span>' in html
    assert f'href="{reverse("inbox")}"' in html


def test_the_top_bar_count_is_one_query(estate, rep, client_for):
    client = client_for(rep)
    _note(estate, rep)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as page:
        client.get(reverse("home"))
    inbox_queries = [q["sql"] for q in page.captured_queries if "desk_notification" in q["sql"]]
    assert len(inbox_queries) == 1
    assert "COUNT(" in inbox_queries[0].upper()
