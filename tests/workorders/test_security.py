"""Work orders: two people dispatching at once, photos taken for what they are, bad input."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from desk.errors import IllegalTransition
from tests.workorders.matrix import png_bytes
from workorders import services
from workorders.models import Status, WorkOrder, WorkOrderEvent, WorkOrderPhoto

pytestmark = pytest.mark.django_db


def _dispatch(client, order, technician, seen):
    return client.post(
        reverse("workorders:dispatch", args=[order.pk]),
        {
            "assignee": technician.pk,
            "department": "engineering",
            "trade": "plumbing",
            "seen_assignee": seen,
        },
    )


def test_the_dispatch_page_carries_the_technician_it_shows(client_for, rep, make_order):
    order = make_order(Status.DISPATCHED)
    page = client_for(rep).get(reverse("workorders:dispatch", args=[order.pk]))
    hidden = f'<input type="hidden" name="seen_assignee" value="{order.assignee_id}"'
    assert hidden in page.content.decode()


def test_two_reps_dispatching_at_once_dispatch_once(
    client_for, rep, supervisor, technician, other_technician, make_order
):
    """Both saw the order open; the second is told who has it now, and changes nothing."""
    order = make_order()
    first = _dispatch(client_for(rep), order, technician, seen=0)
    assert first.status_code == 302
    second = _dispatch(client_for(supervisor), order, other_technician, seen=0)
    assert second.status_code == 200
    assert second.context["form"].non_field_errors() == [
        f"Someone else dispatched {order.number} meanwhile, to {technician}. Nothing was changed."
    ]
    order.refresh_from_db()
    assert order.assignee == technician
    assert order.events.filter(kind=WorkOrderEvent.Kind.DISPATCHED).count() == 1
    # Shown again, the form is about the order as it is now: sent again, it reassigns.
    assert second.context["form"]["seen_assignee"].value() == str(technician.pk)
    again = _dispatch(client_for(supervisor), order, other_technician, seen=technician.pk)
    assert again.status_code == 302
    order.refresh_from_db()
    assert order.assignee == other_technician


def test_the_service_refuses_a_dispatch_of_an_order_seen_elsewhere(
    rep, technician, other_technician, make_order
):
    order = make_order(Status.DISPATCHED, assignee=technician)
    with pytest.raises(IllegalTransition):
        services.workorder_dispatch(order=order, assignee=other_technician, by=rep, seen_assignee=0)
    assert WorkOrder.objects.get(pk=order.pk).assignee == technician


def _finish(client, order, *photos):
    return client.post(
        reverse("workorders:finish", args=[order.pk]), {"work_notes": "换阀芯", "photos": photos}
    )


def test_a_photo_is_named_and_served_for_what_it_is(client_for, technician, make_order):
    """A PNG sent as `leak.html` is kept as a .png and served as an image, never as a page."""
    order = make_order(Status.IN_PROGRESS)
    client = client_for(technician)
    upload = SimpleUploadedFile("leak.html", png_bytes(), content_type="text/html")
    assert _finish(client, order, upload).status_code == 302
    photo = WorkOrderPhoto.objects.get(order=order)
    assert photo.image.name.endswith(".png")
    served = client.get(reverse("workorders:photo", args=[photo.pk]))
    assert served["Content-Type"] == "image/png"


def test_a_stored_file_of_another_type_is_only_a_download(client_for, technician, make_order):
    order = make_order(Status.DONE)
    photo = WorkOrderPhoto.objects.create(order=order, image=ContentFile(png_bytes(), "x.html"))
    served = client_for(technician).get(reverse("workorders:photo", args=[photo.pk]))
    assert served["Content-Type"] == "application/octet-stream"
    assert served["Content-Disposition"].startswith("attachment")


def test_a_picture_with_too_many_pixels_is_refused(client_for, technician, make_order, monkeypatch):
    """A decompression bomb (a few KB that unpack to gigabytes) is a message, not a 500."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)  # 8×8 = 64 > 2 × 10
    order = make_order(Status.IN_PROGRESS)
    upload = SimpleUploadedFile("bomb.png", png_bytes(), content_type="image/png")
    response = _finish(client_for(technician), order, upload)
    assert response.status_code == 200
    assert response.context["form"].errors["photos"] == [
        "bomb.png has too many pixels for a photo."
    ]
    order.refresh_from_db()
    assert (order.status, order.photos.count()) == (Status.IN_PROGRESS, 0)


def test_a_repair_call_with_a_bad_phone_saves_nothing(client_for, front_desk, unit):
    response = client_for(front_desk).post(
        reverse("workorders:create"),
        {
            "estate": unit.estate_id,
            "source": "repair_call",
            "unit_label": "3-1502",
            "trade": "plumbing",
            "priority": "normal",
            "description": "水管漏水",
            "requested_by_phone": "ring the bell",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["requested_by_phone"] == [
        "A phone number has digits only."
    ]
    assert not WorkOrder.objects.exists()


@pytest.mark.parametrize(
    "query", [{"week": "0001-01-01"}, {"week": "9999-12-31"}, {"month": "9999-12"}]
)
def test_a_week_or_month_out_of_range_shows_this_week(client_for, manager, query):
    from django.utils import timezone

    from workorders import stats

    for url_name in ["workorders:completion_check", "workorders:completion_export"]:
        response = client_for(manager).get(reverse(url_name), query)
        assert response.status_code == 200
    page = client_for(manager).get(reverse("workorders:completion_check"), query)
    assert page.context["check"].start == stats.week_bounds(timezone.localdate())[0]


# --- another estate's places and technicians are neither offered nor taken ---


@pytest.fixture
def elsewhere(other_estate):
    from desk import roles
    from tests.factories import BuildingFactory, UserFactory

    return {
        "estate": other_estate,
        "building": BuildingFactory(estate=other_estate, number="3"),
        "technician": UserFactory(
            username="elsewhere-tech", roles=[roles.TECHNICIAN], estates=[other_estate]
        ),
    }


@pytest.mark.parametrize("field", ["estate", "building"])
def test_a_repair_call_refuses_another_estates_ids(client_for, front_desk, unit, elsewhere, field):
    client = client_for(front_desk)
    form = client.get(reverse("workorders:create")).context["form"]
    assert elsewhere[field] not in form.fields[field].queryset
    data = {
        "estate": unit.estate_id,
        "source": "patrol",
        "location": "大堂",
        "trade": "plumbing",
        "priority": "normal",
        "description": "漏水",
        field: elsewhere[field].pk,
    }
    response = client.post(reverse("workorders:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not WorkOrder.objects.exists()


def test_an_order_is_not_dispatched_to_another_estates_technician(
    client_for, rep, make_order, elsewhere
):
    order = make_order()
    client = client_for(rep)
    form = client.get(reverse("workorders:dispatch", args=[order.pk])).context["form"]
    assert elsewhere["technician"] not in form.fields["assignee"].queryset
    response = _dispatch(client, order, elsewhere["technician"], seen=0)
    assert "assignee" in response.context["form"].errors
    order.refresh_from_db()
    assert (order.status, order.assignee) == (Status.OPEN, None)


@pytest.mark.parametrize("field", ["estate", "building"])
def test_the_list_filters_offer_and_take_only_the_users_estates(
    client_for, rep, make_order, elsewhere, field
):
    make_order()
    client = client_for(rep)
    choices = client.get(reverse("workorders:list")).context["filter"].form.fields[field].queryset
    assert elsewhere[field] not in choices
    response = client.get(reverse("workorders:list"), {field: elsewhere[field].pk})
    assert field in response.context["filter"].errors
    assert elsewhere["estate"].pk not in {o.estate_id for o in response.context["object_list"]}


def test_a_technician_exports_only_their_own_orders(
    client_for, technician, other_technician, make_order
):
    from io import BytesIO

    from openpyxl import load_workbook

    mine = make_order(Status.DISPATCHED)
    make_order(Status.DISPATCHED, assignee=other_technician)
    make_order()
    response = client_for(technician).get(reverse("workorders:export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [mine.number]
