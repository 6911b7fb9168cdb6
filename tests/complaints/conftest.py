import pytest

from complaints import services
from complaints.models import Complaint


@pytest.fixture
def receive(unit, resident, front_desk):
    """Receive a complaint about `3-1502` through the service, as the front desk."""

    def make(**overrides):
        kwargs = {
            "estate": unit.estate,
            "unit": unit,
            "resident": resident,
            "channel": Complaint.Channel.PHONE,
            "category": Complaint.Category.NOISE,
            "complainant_name": resident.name,
            "complainant_phone": resident.mobile,
            "subject": "楼上装修噪音",
            "description": "晚上十点以后楼上还在电钻施工。",
            "occurred_on": overrides.pop("occurred_on", None),
            "by": front_desk,
        }
        kwargs.update(overrides)
        if kwargs["occurred_on"] is None:
            from django.utils import timezone

            from desk.clock import local_date

            received = kwargs.get("received_at") or timezone.now()
            kwargs["occurred_on"] = local_date(kwargs["estate"], received)
        return services.complaint_receive(**kwargs)

    return make


@pytest.fixture
def complaint(receive):
    return receive()


def walk(complaint, to, *, by, supervisor=None):
    """Take a complaint along the flow up to the status `to`."""
    S = Complaint.Status
    order = [S.RECEIVED, S.RESPONDED, S.INVESTIGATING, S.RESOLVED, S.VISITED, S.CLOSED]
    steps = {
        S.RESPONDED: lambda: services.complaint_respond(
            complaint=complaint, plan="今天内上门", by=by
        ),
        S.INVESTIGATING: lambda: services.complaint_start_investigation(complaint=complaint, by=by),
        S.RESOLVED: lambda: services.complaint_resolve(
            complaint=complaint, resolution="已与施工队沟通", by=by
        ),
        S.VISITED: lambda: services.complaint_record_return_visit(
            complaint=complaint, satisfaction=5, comment="满意", by=by
        ),
        S.CLOSED: lambda: services.complaint_close(complaint=complaint, by=by),
    }
    for status in order[order.index(complaint.status) + 1 : order.index(to) + 1]:
        if status == S.CLOSED and not complaint.validity:
            services.complaint_rule(
                complaint=complaint,
                validity="valid",
                severity="general",
                reason="",
                by=supervisor,
            )
        steps[status]()
    return complaint
