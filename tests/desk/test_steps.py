"""The generic step view (desk/steps.py), through the complaint and work-order steps."""

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django_htmx.middleware import HtmxDetails

from complaints import services as complaint_services
from complaints.forms import PlanForm
from complaints.models import Complaint
from complaints.views import ComplaintStep
from tests.factories import ComplaintFactory, UnitFactory, WorkOrderFactory
from workorders.models import Status, WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(unit):
    return ComplaintFactory(unit=unit)


@pytest.fixture
def order_in_progress(unit, technician):
    return WorkOrderFactory(unit=unit, status=Status.IN_PROGRESS, assignee=technician)


def _in_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def _zh(msgid):
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    assert text != msgid, "the message has no Chinese translation"
    return text


# --- a refused step changes nothing and says why, in the user's language ---


def test_a_refused_step_with_a_form_shows_the_translated_message_next_to_it(
    client_for, rep, complaint
):
    complaint_services.complaint_respond(complaint=complaint, plan="今天下午上门", by=rep)
    client = _in_chinese(client_for(rep))
    response = client.post(reverse("complaints:respond", args=[complaint.pk]), {"plan": "再答"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        _zh("This complaint has already been answered.")
    ]
    assert Complaint.objects.values_list("plan", flat=True).get() == "今天下午上门"


def test_a_refused_step_without_a_form_flashes_the_translated_message(
    client_for, rep, order_in_progress
):
    client = _in_chinese(client_for(rep))
    response = client.post(reverse("workorders:close", args=[order_in_progress.pk]), follow=True)
    with translation.override("zh-hans"):
        expected = translation.gettext(
            "Work order %(number)s is %(status)s: it cannot be %(action)s."
        ) % {
            "number": order_in_progress.number,
            "status": Status.IN_PROGRESS.label,
            "action": translation.gettext("closed"),
        }
    assert expected.startswith("工单"), expected
    assert response.redirect_chain == [
        (reverse("workorders:detail", args=[order_in_progress.pk]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [expected]
    order_in_progress.refresh_from_db()
    assert (order_in_progress.status, order_in_progress.closed_at) == (Status.IN_PROGRESS, None)


def test_a_done_step_goes_back_to_the_page_with_its_message(client_for, rep, complaint):
    response = client_for(rep).post(
        reverse("complaints:respond", args=[complaint.pk]), {"plan": "今天下午上门"}, follow=True
    )
    assert response.redirect_chain == [(reverse("complaints:detail", args=[complaint.pk]), 302)]
    # What happened to what, and what the resident was told.
    assert [str(m) for m in response.context["messages"]] == [
        f"Handling plan for {complaint.number} given; the resident was told: “今天下午上门”."
    ]
    assert Complaint.objects.values_list("status", flat=True).get() == Complaint.Status.RESPONDED


# --- a bad form is shown again with its errors, with the app's status ---


def test_a_bad_complaint_form_is_shown_again_with_400(client_for, rep, complaint):
    response = client_for(rep).post(reverse("complaints:respond", args=[complaint.pk]), {})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["plan"]
    assert response.context["complaint"] == complaint
    assert Complaint.objects.values_list("status", flat=True).get() == Complaint.Status.RECEIVED


def test_a_bad_work_order_form_is_shown_again_with_200(client_for, rep, unit):
    order = WorkOrderFactory(unit=unit)
    response = client_for(rep).post(reverse("workorders:cancel", args=[order.pk]), {})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    assert response.context["order"] == order
    assert WorkOrder.objects.values_list("status", flat=True).get() == Status.OPEN


# --- who may ---


def test_another_estates_object_is_404_and_unchanged(client_for, outsider, complaint, unit):
    client = client_for(outsider)
    order = WorkOrderFactory(unit=unit)
    assert client.get(reverse("complaints:respond", args=[complaint.pk])).status_code == 404
    response = client.post(reverse("complaints:respond", args=[complaint.pk]), {"plan": "x"})
    assert response.status_code == 404
    response = client.post(reverse("workorders:cancel", args=[order.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert Complaint.objects.values_list("status", flat=True).get() == Complaint.Status.RECEIVED
    assert WorkOrder.objects.values_list("status", flat=True).get() == Status.OPEN


def test_a_role_without_the_permission_gets_403_and_changes_nothing(
    client_for, front_desk, cashier, complaint, order_in_progress
):
    response = client_for(front_desk).post(
        reverse("complaints:rule", args=[complaint.pk]),
        {"validity": "valid", "severity": "general", "reason": ""},
    )
    assert response.status_code == 403
    response = client_for(cashier).post(
        reverse("workorders:finish", args=[order_in_progress.pk]), {"work_notes": "换了阀芯"}
    )
    assert response.status_code == 403
    assert Complaint.objects.values_list("validity", flat=True).get() == ""
    assert WorkOrder.objects.values_list("status", flat=True).get() == Status.IN_PROGRESS


def test_the_permission_is_checked_before_the_object(client_for, cashier, other_estate):
    """Without the permission, whether the object exists is not even looked up: 403."""
    order = WorkOrderFactory(unit=UnitFactory(building__estate=other_estate))
    response = client_for(cashier).post(reverse("workorders:start", args=[order.pk]))
    assert response.status_code == 403


def test_an_anonymous_user_goes_to_the_login_page(client, complaint):
    response = client.post(reverse("complaints:respond", args=[complaint.pk]), {"plan": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- a step without fields, and where a step goes back to ---


def test_a_step_without_a_form_is_post_only(client, client_for, technician, unit):
    order = WorkOrderFactory(unit=unit, status=Status.DISPATCHED, assignee=technician)
    url = reverse("workorders:start", args=[order.pk])
    assert client_for(technician).get(url).status_code == 405
    assert client.get(url).status_code == 405
    assert WorkOrder.objects.values_list("status", flat=True).get() == Status.DISPATCHED


def test_a_step_goes_back_to_next_on_this_site_only(client_for, technician, unit):
    first = WorkOrderFactory(unit=unit, status=Status.DISPATCHED, assignee=technician)
    second = WorkOrderFactory(unit=unit, status=Status.DISPATCHED, assignee=technician)
    client = client_for(technician)
    today = reverse("workorders:my_today")
    response = client.post(reverse("workorders:start", args=[first.pk]), {"next": today})
    assert response["Location"] == today
    response = client.post(
        reverse("workorders:start", args=[second.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("workorders:detail", args=[second.pk])
    assert list(WorkOrder.objects.values_list("status", flat=True)) == [Status.IN_PROGRESS] * 2


# --- htmx, and the configuration ---


def _htmx_post(rf, user, url, data):
    request = rf.post(url, data, HTTP_HX_REQUEST="true")
    request.user = user
    request.htmx = HtmxDetails(request)
    request._messages = CookieStorage(request)
    return request


def test_an_htmx_request_gets_the_partial_and_a_whole_page_redirect(rf, rep, complaint):
    view = ComplaintStep.as_view(
        permission_required="complaints.handle_complaint",
        form_class=PlanForm,
        service=complaint_services.complaint_respond,
        partial_template_name="partials/form.html",
    )
    url = reverse("complaints:respond", args=[complaint.pk])
    bad = view(_htmx_post(rf, rep, url, {"plan": ""}), pk=complaint.pk)
    assert bad.status_code == 400
    assert "<html" not in bad.content.decode() and 'name="plan"' in bad.content.decode()
    done = view(_htmx_post(rf, rep, url, {"plan": "今天下午上门"}), pk=complaint.pk)
    assert (done.status_code, done["HX-Redirect"]) == (
        200,
        reverse("complaints:detail", args=[complaint.pk]),
    )


def test_a_step_without_a_permission_is_a_configuration_error(rf, rep, complaint):
    view = ComplaintStep.as_view(service=complaint_services.complaint_close)
    request = rf.post("/")
    request.user = rep
    with pytest.raises(ImproperlyConfigured):
        view(request, pk=complaint.pk)
