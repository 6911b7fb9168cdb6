"""Complaints: two people acting on one complaint at once, and where a notification leads."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.models import Complaint, ComplaintEvent
from desk.errors import BusinessRuleError, IllegalTransition
from desk.models import Notification
from tests.complaints.conftest import walk

pytestmark = pytest.mark.django_db


def test_the_page_carries_what_it_shows(client_for, supervisor, rep, complaint):
    services.complaint_assign(complaint=complaint, assignee=rep, by=rep)
    walk(complaint, Complaint.Status.INVESTIGATING, by=rep)  # the ruling form shows
    page = client_for(supervisor).get(reverse("complaints:detail", args=[complaint.pk]))
    html = page.content.decode()
    for hidden in [
        '<input type="hidden" name="seen_level" value="0"',
        f'<input type="hidden" name="seen_assignee" value="{rep.pk}"',
        '<input type="hidden" name="seen_ruling" value="/"',
    ]:
        assert hidden in html


def _escalate(client, complaint, seen):
    return client.post(
        reverse("complaints:escalate", args=[complaint.pk]),
        {"reason": "住户很生气", "seen_level": seen},
    )


def test_two_people_escalating_at_once_escalate_one_level(
    client_for, front_desk, rep, supervisor, complaint
):
    """Both saw it not escalated: the second is told, and the manager is not bothered."""
    assert _escalate(client_for(front_desk), complaint, seen=0).status_code == 302
    second = _escalate(client_for(rep), complaint, seen=0)
    assert second.status_code == 400
    assert second.context["form"].non_field_errors() == [
        "Someone else escalated this complaint meanwhile: it is now with the supervisor. "
        "Nothing was changed."
    ]
    complaint.refresh_from_db()
    assert complaint.escalation_level == Complaint.Escalation.SUPERVISOR
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ESCALATED).count() == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]
    # Shown again, the form is about the complaint as it is now: sent again, it escalates.
    assert second.context["form"]["seen_level"].value() == "1"
    assert _escalate(client_for(rep), complaint, seen=1).status_code == 302
    complaint.refresh_from_db()
    assert complaint.escalation_level == Complaint.Escalation.MANAGER


def test_the_clock_escalating_meanwhile_counts_as_someone_else(rep, complaint):
    services.complaints_escalate_overdue(now=complaint.first_response_due)
    with pytest.raises(IllegalTransition):
        services.complaint_escalate(complaint=complaint, reason="急", by=rep, seen_level=0)
    complaint.refresh_from_db()
    assert complaint.escalation_level == Complaint.Escalation.SUPERVISOR


def test_two_people_assigning_at_once_assign_once(client_for, rep, front_desk, complaint):
    url = reverse("complaints:assign", args=[complaint.pk])
    first = client_for(rep).post(url, {"assignee": rep.pk, "seen_assignee": 0})
    assert first.status_code == 302
    second = client_for(front_desk).post(url, {"assignee": front_desk.pk, "seen_assignee": 0})
    assert second.status_code == 400
    assert second.context["form"].non_field_errors() == [
        f"Someone else assigned this complaint meanwhile, to {rep.display_name}. "
        "Nothing was changed."
    ]
    complaint.refresh_from_db()
    assert complaint.assignee == rep


def test_two_supervisors_ruling_at_once_rule_once(client_for, supervisor, manager, rep, complaint):
    walk(complaint, Complaint.Status.INVESTIGATING, by=rep)
    url = reverse("complaints:rule", args=[complaint.pk])
    valid = {"validity": "valid", "severity": "general", "reason": "", "seen_ruling": "/"}
    assert client_for(supervisor).post(url, valid).status_code == 302
    invalid = {
        "validity": "invalid",
        "invalid_kind": "ordinary",
        "reason": "误会",
        "seen_ruling": "/",
    }
    second = client_for(manager).post(url, invalid)
    assert second.status_code == 400
    assert second.context["form"].non_field_errors() == [
        "Someone else ruled on this complaint meanwhile (Valid · General). Nothing was changed."
    ]
    complaint.refresh_from_db()
    assert (complaint.validity, complaint.severity, complaint.ruled_by) == (
        "valid",
        "general",
        supervisor,
    )


# --- another estate's people and places are neither offered nor taken ---


@pytest.fixture
def elsewhere(other_estate):
    """Another estate with its own 3-1502, occupant and service rep."""
    from desk import roles
    from tests.factories import BuildingFactory, OccupancyFactory, UnitFactory, UserFactory

    unit = UnitFactory(building=BuildingFactory(estate=other_estate, number="3"), number="1502")
    return {
        "estate": other_estate,
        "building": unit.building,
        "unit": unit,
        "resident": OccupancyFactory(unit=unit).resident,
        "staff": UserFactory(
            username="elsewhere", roles=[roles.SERVICE_REP], estates=[other_estate]
        ),
    }


def _intake(estate, overrides):
    from django.utils import timezone

    return {
        "estate": estate.pk,
        "channel": "phone",
        "unit_label": "3-1502",
        "complainant_name": "访客",
        "subject": "噪音",
        "category": "noise",
        "description": "晚上施工",
        "occurred_on": timezone.localdate().isoformat(),
        **overrides,
    }


def test_the_intake_offers_only_the_desks_estate_and_staff(
    client_for, front_desk, rep, estate, unit, elsewhere
):
    form = client_for(front_desk).get(reverse("complaints:new")).context["form"]
    assert list(form.fields["estate"].queryset) == [estate]
    assert elsewhere["staff"] not in form.fields["assignee"].queryset
    assert rep in form.fields["assignee"].queryset


@pytest.mark.parametrize("field", ["estate", "resident", "assignee"])
def test_the_intake_refuses_another_estates_ids(
    client_for, front_desk, estate, unit, elsewhere, field
):
    value = {"estate": elsewhere["estate"], "resident": elsewhere["resident"]}.get(field)
    value = value or elsewhere["staff"]
    response = client_for(front_desk).post(
        reverse("complaints:new"), _intake(estate, {field: value.pk})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_a_complaint_is_not_assigned_to_another_estates_staff(
    client_for, rep, complaint, elsewhere
):
    client = client_for(rep)
    form = client.get(reverse("complaints:assign", args=[complaint.pk])).context["form"]
    assert elsewhere["staff"] not in form.fields["assignee"].queryset
    response = client.post(
        reverse("complaints:assign", args=[complaint.pk]), {"assignee": elsewhere["staff"].pk}
    )
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.assignee is None


@pytest.mark.parametrize("field", ["estate", "building", "assignee"])
def test_the_list_filters_offer_and_take_only_the_users_estates(
    client_for, rep, complaint, elsewhere, field
):
    value = {"estate": elsewhere["estate"], "building": elsewhere["building"]}.get(field)
    value = value or elsewhere["staff"]
    from tests.factories import ComplaintFactory

    ComplaintFactory(unit=elsewhere["unit"], assignee=elsewhere["staff"])
    client = client_for(rep)
    choices = client.get(reverse("complaints:list")).context["filter"].form.fields[field].queryset
    assert value not in choices
    response = client.get(reverse("complaints:list"), {field: value.pk})
    assert field in response.context["filter"].errors
    assert {c.estate_id for c in response.context["object_list"]} <= {complaint.estate_id}


def test_the_service_refuses_another_estates_resident_or_assignee(receive, elsewhere):
    with pytest.raises(BusinessRuleError, match="another estate"):
        receive(resident=elsewhere["resident"])
    with pytest.raises(BusinessRuleError, match="does not handle complaints in this estate"):
        receive(assignee=elsewhere["staff"])
    assert not Complaint.objects.exists()
