"""The manager's estate settings page: one section per app, each saved on its own."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint, ComplaintSettings
from complaints.settings_services import complaint_settings_update
from desk.errors import BusinessRuleError
from desk.models import Estate
from tests.factories import EstateFactory, UserFactory
from workorders import services as workorder_services
from workorders.models import Priority, Source, Trade, WorkOrderSettings

ESTATE = {
    "name": "翠湖花园",
    "name_en": "Green Lake Garden",
    "address": "",
    "time_zone": "Asia/Shanghai",
}
COMPLAINTS = {"first_response_minutes": "30", "late_report_days": "30"}
WORKORDERS = {"urgent_hours": "4", "normal_hours": "24", "planned_days": "7"}


def _page(estate):
    return reverse("estate_settings", args=[estate.pk])


def _save(client, estate, key, values):
    url = reverse("estate_settings_save", args=[estate.pk, key])
    return client.post(url, {f"{key}-{name}": value for name, value in values.items()})


def _estate_facts(estate):
    return Estate.objects.values("name", "name_en", "address", "time_zone").get(pk=estate.pk)


def _receive(estate, by, at):
    return complaint_services.complaint_receive(
        estate=estate,
        channel=Complaint.Channel.PHONE,
        category=Complaint.Category.NOISE,
        complainant_name="张伟",
        subject="楼上装修噪音",
        description="晚上十点以后楼上还在电钻施工。",
        occurred_on=timezone.localdate(at),
        received_at=at,
        by=by,
    )


def _order(unit, by, priority, now):
    return workorder_services.workorder_create(
        estate=unit.estate,
        unit=unit,
        source=Source.REPAIR_CALL,
        trade=Trade.PLUMBING,
        description="厨房水龙头漏水。",
        priority=priority,
        by=by,
        now=now,
    )


# --- the list of estates ---


def test_the_list_shows_the_managers_estates_only(client_for, manager, estate, other_estate):
    response = client_for(manager).get(reverse("estate_settings_list"))
    assert [e.name for e in response.context["estates"]] == ["翠湖花园"]
    assert _page(estate) in response.content.decode()
    assert _page(other_estate) not in response.content.decode()


def test_the_list_runs_the_same_queries_for_1_and_3_estates(
    client_for, manager, django_assert_num_queries
):
    client = client_for(manager)
    url = reverse("estate_settings_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["estates"]) == 1
    manager.estates.add(EstateFactory(name="东湖苑"), EstateFactory(name="西湖苑"))
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["estates"]) == 3


def test_only_managers_have_the_navigation_entry(client_for, manager, supervisor):
    url = reverse("estate_settings_list")
    assert url in client_for(manager).get(reverse("home")).content.decode()
    assert url not in client_for(supervisor).get(reverse("home")).content.decode()


# --- the page and its sections ---


def test_the_page_shows_each_section_with_the_defaults(client_for, manager, estate):
    response = client_for(manager).get(_page(estate))
    sections = response.context["sections"]
    keys = [s["section"].key for s in sections]
    assert keys == [
        "estate",
        "complaints",
        "workorders",
        "ladder",
        "mailroom",
        "visits",
        "frontdesk",
        "inspections",
        "areas",
    ]
    forms = {s["section"].key: s["form"] for s in sections}
    assert forms["estate"]["time_zone"].value() == "Asia/Shanghai"
    assert forms["complaints"]["first_response_minutes"].value() == 30
    assert forms["workorders"]["urgent_hours"].value() == 4
    assert forms["ladder"]["deadline_days"].value() == 15
    html = response.content.decode()
    assert html.count('type="submit"') >= 3  # one Save per section
    assert 'name="complaints-late_report_days"' in html


def test_another_estates_page_and_save_are_a_404(client_for, manager, other_estate):
    client = client_for(manager)
    assert client.get(_page(other_estate)).status_code == 404
    response = _save(client, other_estate, "complaints", {**COMPLAINTS, "late_report_days": "9"})
    assert response.status_code == 404
    assert not ComplaintSettings.objects.exists()


def test_an_unknown_section_is_a_404(client_for, manager, estate):
    assert _save(client_for(manager), estate, "billing", {}).status_code == 404


def test_the_page_runs_the_same_queries_however_long_the_history(
    client_for, manager, estate, django_assert_num_queries
):
    client = client_for(manager)
    _save(client, estate, "complaints", COMPLAINTS)
    _save(client, estate, "workorders", WORKORDERS)
    client.get(_page(estate))
    with CaptureQueriesContext(connection) as one:
        client.get(_page(estate))
    count = len(one.captured_queries)  # before the next request resets the query log
    for minutes in ["20", "25", "15"]:
        _save(client, estate, "complaints", {**COMPLAINTS, "first_response_minutes": minutes})
        _save(client, estate, "workorders", {**WORKORDERS, "urgent_hours": minutes})
        _save(client, estate, "estate", {**ESTATE, "address": f"湖滨路{minutes}号"})
    with django_assert_num_queries(count):
        client.get(_page(estate))


# --- the estate section ---


def test_the_estate_section_saves_its_facts(client_for, manager, estate):
    values = {
        "name": "翠湖花园二期",
        "name_en": "Green Lake Garden II",
        "address": "湖滨路 8 号",
        "time_zone": "Asia/Urumqi",
    }
    response = _save(client_for(manager), estate, "estate", values)
    assert response.status_code == 302
    assert response["Location"] == _page(estate) + "#settings-estate"
    assert _estate_facts(estate) == values


def test_a_bad_time_zone_is_refused_and_nothing_changes(client_for, manager, estate):
    before = _estate_facts(estate)
    response = _save(
        client_for(manager),
        estate,
        "estate",
        {**ESTATE, "name": "改名", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    form = response.context["sections"][0]["form"]
    assert form.errors["time_zone"] == [
        "“Mars/Olympus” is not a time zone. Use a name from the time zone database, "
        "such as Asia/Shanghai."
    ]
    assert "Mars/Olympus” is not a time zone" in response.content.decode()
    assert _estate_facts(estate) == before


def test_the_name_of_another_estate_is_refused(client_for, manager, estate, other_estate):
    response = _save(client_for(manager), estate, "estate", {**ESTATE, "name": "金桥大厦"})
    assert response.status_code == 200
    assert "name" in response.context["sections"][0]["form"].errors
    assert _estate_facts(estate)["name"] == "翠湖花园"


def test_the_page_title_keeps_the_saved_name_when_a_save_is_refused(client_for, manager, estate):
    response = _save(client_for(manager), estate, "estate", {**ESTATE, "name": ""})
    assert response.status_code == 200
    assert response.context["estate"].name == "翠湖花园"


# --- the complaints section ---


def test_the_complaints_section_saves_by_value(client_for, manager, estate):
    response = _save(
        client_for(manager),
        estate,
        "complaints",
        {"first_response_minutes": "15", "late_report_days": "45"},
    )
    assert response.status_code == 302
    row = ComplaintSettings.objects.get(estate=estate)
    assert (row.first_response_minutes, row.late_report_days) == (15, 45)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("first_response_minutes", "0", "within 1 to 1440 minutes"),
        ("first_response_minutes", "-5", "within 1 to 1440 minutes"),
        ("first_response_minutes", "100000", "within 1 to 1440 minutes"),
        ("first_response_minutes", "abc", "Enter a whole number."),
        ("late_report_days", "0", "from 1 to 366"),
        ("late_report_days", "5000", "from 1 to 366"),
        ("late_report_days", "", "This field is required."),
    ],
)
def test_bad_complaint_settings_are_refused_and_nothing_changes(
    client_for, manager, estate, field, value, message
):
    ComplaintSettings.objects.create(estate=estate, first_response_minutes=20, late_report_days=40)
    response = _save(client_for(manager), estate, "complaints", {**COMPLAINTS, field: value})
    assert response.status_code == 200
    form = response.context["sections"][1]["form"]
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]
    row = ComplaintSettings.objects.get(estate=estate)
    assert (row.first_response_minutes, row.late_report_days) == (20, 40)


def test_the_service_refuses_a_zero_clock_without_the_form(estate, manager):
    with pytest.raises(BusinessRuleError, match="within 1 to 1440 minutes"):
        complaint_settings_update(
            estate=estate, by=manager, first_response_minutes=0, late_report_days=30
        )
    assert not ComplaintSettings.objects.exists()


def test_a_new_clock_applies_to_the_next_complaint_not_to_received_ones(
    client_for, manager, front_desk, estate
):
    at = timezone.now() - datetime.timedelta(minutes=5)
    earlier = _receive(estate, front_desk, at)
    _save(client_for(manager), estate, "complaints", {**COMPLAINTS, "first_response_minutes": "10"})
    later = _receive(estate, front_desk, at + datetime.timedelta(minutes=1))
    earlier.refresh_from_db()
    assert earlier.first_response_due == at + datetime.timedelta(minutes=30)
    assert later.first_response_due == at + datetime.timedelta(minutes=11)


def test_each_section_saves_on_its_own(client_for, manager, estate):
    before = _estate_facts(estate)
    _save(client_for(manager), estate, "complaints", {**COMPLAINTS, "late_report_days": "60"})
    assert ComplaintSettings.objects.get(estate=estate).late_report_days == 60
    assert not WorkOrderSettings.objects.exists()
    assert _estate_facts(estate) == before


# --- the work-order section ---


def test_the_workorder_section_saves_by_value(client_for, manager, estate):
    response = _save(
        client_for(manager),
        estate,
        "workorders",
        {"urgent_hours": "2", "normal_hours": "12", "planned_days": "3"},
    )
    assert response.status_code == 302
    row = WorkOrderSettings.objects.get(estate=estate)
    assert (row.urgent_hours, row.normal_hours, row.planned_days) == (2, 12, 3)


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"urgent_hours": "0"}, "urgent_hours", "from 1 to 72"),
        ({"normal_hours": "1000"}, "normal_hours", "from 1 to 720"),
        ({"planned_days": "0"}, "planned_days", "from 1 to 365"),
        ({"urgent_hours": "48"}, "urgent_hours", "more time than a normal one"),
        ({"normal_hours": "200"}, "normal_hours", "more time than a planned one"),
    ],
)
def test_bad_workorder_settings_are_refused_and_nothing_changes(
    client_for, manager, estate, values, field, message
):
    response = _save(client_for(manager), estate, "workorders", {**WORKORDERS, **values})
    assert response.status_code == 200
    form = response.context["sections"][2]["form"]
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]
    assert not WorkOrderSettings.objects.exists()


def test_new_due_hours_apply_to_new_orders_only(client_for, manager, rep, unit):
    now = timezone.now()
    before = _order(unit, rep, Priority.URGENT, now)
    _save(client_for(manager), unit.estate, "workorders", {**WORKORDERS, "urgent_hours": "2"})
    after = _order(unit, rep, Priority.URGENT, now)
    planned = _order(unit, rep, Priority.PLANNED, now)
    before.refresh_from_db()
    assert before.due_at == now + datetime.timedelta(hours=4)
    assert after.due_at == now + datetime.timedelta(hours=2)
    assert planned.due_at == now + datetime.timedelta(days=7)


# --- who changed what ---


def test_a_save_records_who_changed_what(client_for, manager, estate):
    client = client_for(manager)
    _save(client, estate, "complaints", COMPLAINTS)
    _save(client, estate, "complaints", {**COMPLAINTS, "first_response_minutes": "20"})
    _save(client, estate, "estate", {**ESTATE, "time_zone": "Asia/Urumqi"})
    row = ComplaintSettings.objects.get(estate=estate)
    assert [(h.history_user, h.first_response_minutes) for h in row.history.all()] == [
        (manager, 20),
        (manager, 30),
    ]
    assert [(h.history_user, h.time_zone) for h in estate.history.all()] == [
        (manager, "Asia/Urumqi"),
        (None, "Asia/Shanghai"),  # the factory's
    ]
    response = client.get(_page(estate))
    changes = {s["section"].key: s["last_change"] for s in response.context["sections"]}
    assert changes["complaints"]["by"] == manager
    assert [str(f) for f in changes["complaints"]["fields"]] == ["first response within (minutes)"]
    assert changes["workorders"] is None
    assert f"Last changed by {manager}" in response.content.decode()


def test_saving_the_same_values_writes_no_history(client_for, manager, estate):
    client = client_for(manager)
    _save(client, estate, "complaints", COMPLAINTS)
    _save(client, estate, "complaints", COMPLAINTS)
    _save(client, estate, "estate", _estate_facts(estate))
    assert ComplaintSettings.objects.get(estate=estate).history.count() == 1
    assert estate.history.count() == 1  # the factory's


def test_a_manager_without_estates_sees_an_empty_list(db, client_for):
    lonely = UserFactory(roles=["manager"])
    response = client_for(lonely).get(reverse("estate_settings_list"))
    assert list(response.context["estates"]) == []
