from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests.factories import UnitFactory, WorkOrderFactory
from tests.workorders.matrix import png_bytes
from workorders.models import Status, WorkOrder

pytestmark = pytest.mark.django_db


def _photo(name="leak.png", data=None, content_type="image/png"):
    return SimpleUploadedFile(name, data or png_bytes(), content_type=content_type)


# --- who sees what ---


def test_technician_sees_only_their_own_orders(
    client_for, make_order, technician, other_technician
):
    mine = make_order(Status.DISPATCHED)
    theirs = make_order(Status.DISPATCHED, assignee=other_technician)
    client = client_for(technician)
    listed = client.get(reverse("workorders:list")).context["object_list"]
    assert [o.pk for o in listed] == [mine.pk]
    assert client.get(reverse("workorders:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("workorders:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("workorders:finish", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("workorders:start", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.DISPATCHED


def test_another_estates_order_is_404_for_a_manager(client_for, outsider, make_order):
    order = make_order()
    response = client_for(outsider).get(reverse("workorders:detail", args=[order.pk]))
    assert response.status_code == 404


def test_cashier_cannot_see_work_orders(client_for, cashier, make_order):
    make_order()
    assert client_for(cashier).get(reverse("workorders:list")).status_code == 403


def test_requesters_phone_is_masked_without_contact_permission(
    client_for, rep, manager, make_order
):
    order = make_order(requested_by_phone="13812345678")
    url = reverse("workorders:detail", args=[order.pk])
    assert "138****5678" in client_for(rep).get(url).content.decode()
    assert "13812345678" in client_for(manager).get(url).content.decode()


# --- query counts ---


@pytest.mark.parametrize("url_name", ["workorders:list", "workorders:daily_closing"])
def test_lists_run_the_same_queries_for_1_and_3_rows(
    url_name, client_for, rep, make_order, technician, django_assert_num_queries
):
    client = client_for(rep)
    url = reverse(url_name)
    make_order(Status.DISPATCHED)
    client.get(url)  # warm the session and permission caches of this client
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["object_list"]) == 1
    make_order(Status.IN_PROGRESS)
    make_order(Status.OPEN, unit=UnitFactory(building__estate=technician.estates.first()))
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 3


def test_my_today_runs_the_same_queries_for_1_and_3_orders(
    client_for, technician, make_order, django_assert_num_queries
):
    client = client_for(technician)
    url = reverse("workorders:my_today")
    make_order(Status.DISPATCHED)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["orders"]) == 1
    make_order(Status.IN_PROGRESS)
    make_order(Status.DISPATCHED)
    make_order(Status.CLOSED)  # not today's work
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert [o.status for o in response.context["orders"]] == [
        Status.IN_PROGRESS,
        Status.DISPATCHED,
        Status.DISPATCHED,
    ]


def test_unit_page_section_runs_the_same_queries_for_1_and_3_orders(
    client_for, rep, unit, make_order, django_assert_num_queries
):
    client = client_for(rep)
    url = reverse("tenants:unit_detail", args=[unit.pk])
    first = make_order(Status.DISPATCHED)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert first.number in response.content.decode()
    make_order(Status.DONE)
    make_order(Status.OPEN)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('href="/workorders/') >= 3


def test_daily_closing_puts_overdue_first_within_each_department(client_for, rep, make_order):
    from django.utils import timezone

    now = timezone.now()
    later = make_order(Status.DISPATCHED, due_at=now + timezone.timedelta(hours=5))
    overdue = make_order(Status.DISPATCHED, due_at=now - timezone.timedelta(hours=1))
    cleaning = make_order(Status.OPEN, department="cleaning", trade="cleaning")
    make_order(Status.CLOSED)
    make_order(Status.CANCELLED)
    rows = client_for(rep).get(reverse("workorders:daily_closing")).context["object_list"]
    assert [o.pk for o in rows] == [cleaning.pk, overdue.pk, later.pk]
    assert [o.overdue for o in rows] == [False, True, False]


# --- the desk's forms ---


def test_front_desk_takes_a_repair_call_by_unit_label(client_for, front_desk, unit):
    response = client_for(front_desk).post(
        reverse("workorders:create"),
        {
            "estate": unit.estate.pk,
            "source": "repair_call",
            "unit_label": "3-1502",
            "trade": "electrical",
            "priority": "urgent",
            "description": "客厅跳闸，全屋停电",
            "requested_by_name": "张伟",
            "requested_by_phone": "13812345678",
        },
    )
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workorders:detail", args=[order.pk])
    assert (order.unit, order.trade, order.priority, order.created_by) == (
        unit,
        "electrical",
        "urgent",
        front_desk,
    )


def test_repair_call_for_an_unknown_unit_shows_the_error_and_saves_nothing(
    client_for, front_desk, estate
):
    response = client_for(front_desk).post(
        reverse("workorders:create"),
        {
            "estate": estate.pk,
            "source": "paid_service",
            "unit_label": "9-9999",
            "trade": "cleaning",
            "priority": "normal",
            "description": "开荒保洁",
        },
    )
    assert response.status_code == 200
    assert "unit_label" in response.context["form"].errors
    assert "price" in response.context["form"].errors
    assert WorkOrder.objects.count() == 0


def test_rep_creates_a_work_order_from_a_complaint(client_for, rep, unit):
    from tests.factories import ComplaintFactory

    complaint = ComplaintFactory(unit=unit)
    client = client_for(rep)
    response = client.post(
        reverse("workorders:create_from_complaint", args=[complaint.pk]),
        {"trade": "civil", "priority": "normal", "description": "外墙渗水，需修补"},
    )
    order = complaint.work_orders.get()
    assert response["Location"] == reverse("workorders:detail", args=[order.pk])
    assert (order.source, order.unit, order.description) == ("complaint", unit, "外墙渗水，需修补")


def test_complaint_partial_lists_orders_and_the_create_button(rf, rep, unit, make_order):
    from django.template.loader import render_to_string

    from tests.factories import ComplaintFactory

    complaint = ComplaintFactory(unit=unit)
    order = make_order(source="complaint", complaint=complaint)
    request = rf.get("/")
    request.user = rep
    html = render_to_string(
        "workorders/partials/complaint_work_orders.html",
        {"complaint": complaint, "perms": _perms(rep)},
        request=request,
    )
    assert order.number in html
    assert reverse("workorders:create_from_complaint", args=[complaint.pk]) in html


def _perms(user):
    from django.contrib.auth.context_processors import PermWrapper

    return PermWrapper(user)


def test_rep_dispatches_to_a_technician_of_the_estate(client_for, rep, technician, make_order):
    order = make_order()
    response = client_for(rep).post(
        reverse("workorders:dispatch", args=[order.pk]),
        {"assignee": technician.pk, "department": "engineering", "trade": "plumbing"},
    )
    order.refresh_from_db()
    assert response.status_code == 302
    assert (order.status, order.assignee) == (Status.DISPATCHED, technician)


def test_dispatch_form_offers_only_technicians_of_the_estate(
    client_for, rep, technician, make_order, outsider
):
    order = make_order()
    response = client_for(rep).get(reverse("workorders:dispatch", args=[order.pk]))
    assert list(response.context["form"].fields["assignee"].queryset) == [technician]


def test_illegal_step_shows_the_message_and_changes_nothing(client_for, rep, make_order):
    order = make_order(Status.IN_PROGRESS)
    response = client_for(rep).post(reverse("workorders:close", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS
    assert "cannot be closed" in response.content.decode()


def test_cancel_without_reason_shows_the_field_error(client_for, rep, make_order):
    order = make_order()
    response = client_for(rep).post(reverse("workorders:cancel", args=[order.pk]), {"reason": ""})
    assert "reason" in response.context["form"].errors
    order.refresh_from_db()
    assert order.status == Status.OPEN


def test_verify_with_low_satisfaction_reopens_through_the_page(client_for, rep, make_order):
    order = make_order(Status.DONE)
    client_for(rep).post(
        reverse("workorders:verify", args=[order.pk]), {"satisfaction": "1", "note": ""}
    )
    order.refresh_from_db()
    assert (order.status, order.reopen_count) == (Status.DISPATCHED, 1)


# --- the technician's phone ---


def test_my_today_has_big_buttons_and_a_camera_input(client_for, technician, make_order):
    make_order(Status.DISPATCHED)
    make_order(Status.IN_PROGRESS)
    html = client_for(technician).get(reverse("workorders:my_today")).content.decode()
    assert 'accept="image/*" capture="environment"' in html
    assert html.count("wo-big") == 2


def test_technician_starts_and_finishes_with_photos(client_for, technician, make_order):
    order = make_order(Status.DISPATCHED)
    client = client_for(technician)
    today = reverse("workorders:my_today")
    response = client.post(reverse("workorders:start", args=[order.pk]), {"next": today})
    assert response["Location"] == today
    response = client.post(
        reverse("workorders:finish", args=[order.pk]),
        {
            "next": today,
            "work_notes": "更换水龙头",
            "materials": "水龙头 x1",
            "photos": [_photo("a.png"), _photo("b.png")],
        },
    )
    assert response["Location"] == today
    order.refresh_from_db()
    assert (order.status, order.work_notes, order.photos.count()) == (Status.DONE, "更换水龙头", 2)
    photo = order.photos.first()
    served = client.get(reverse("workorders:photo", args=[photo.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == png_bytes()


def test_finish_refuses_a_file_that_is_not_an_image(client_for, technician, make_order):
    order = make_order(Status.IN_PROGRESS)
    response = client_for(technician).post(
        reverse("workorders:finish", args=[order.pk]),
        {"work_notes": "ok", "photos": [_photo("fake.jpg", b"%PDF-1.4 not a photo", "image/jpeg")]},
    )
    assert "photos" in response.context["form"].errors
    order.refresh_from_db()
    assert (order.status, order.photos.count()) == (Status.IN_PROGRESS, 0)


def test_finish_refuses_a_gif_and_a_photo_over_5_mb(client_for, technician, make_order, settings):
    order = make_order(Status.IN_PROGRESS)
    gif = BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    client = client_for(technician)
    response = client.post(
        reverse("workorders:finish", args=[order.pk]),
        {"work_notes": "ok", "photos": [_photo("x.gif", gif.getvalue(), "image/gif")]},
    )
    assert "photos" in response.context["form"].errors
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = _photo("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024))
    response = client.post(
        reverse("workorders:finish", args=[order.pk]), {"work_notes": "ok", "photos": [big]}
    )
    assert "photos" in response.context["form"].errors
    order.refresh_from_db()
    assert order.status == Status.IN_PROGRESS


def test_finish_refuses_more_than_three_photos(client_for, technician, make_order):
    order = make_order(Status.IN_PROGRESS)
    response = client_for(technician).post(
        reverse("workorders:finish", args=[order.pk]),
        {"work_notes": "ok", "photos": [_photo(f"{i}.png") for i in range(4)]},
    )
    assert "photos" in response.context["form"].errors
    order.refresh_from_db()
    assert order.photos.count() == 0


def test_photo_of_another_technicians_order_is_404(client_for, other_technician, make_order):
    from django.core.files.base import ContentFile

    from workorders.models import WorkOrderPhoto

    order = make_order(Status.DONE)
    photo = WorkOrderPhoto.objects.create(order=order, image=ContentFile(png_bytes(), "p.png"))
    response = client_for(other_technician).get(reverse("workorders:photo", args=[photo.pk]))
    assert response.status_code == 404


def test_list_filters_by_unit_label_and_number(client_for, rep, unit, make_order):
    mine = make_order()
    WorkOrderFactory(unit=UnitFactory(building=unit.building, number="0801", floor=8))
    client = client_for(rep)
    by_unit = client.get(reverse("workorders:list"), {"q": "3-1502"}).context["object_list"]
    by_number = client.get(reverse("workorders:list"), {"q": mine.number}).context["object_list"]
    assert [o.pk for o in by_unit] == [mine.pk]
    assert [o.pk for o in by_number] == [mine.pk]


def test_the_timeline_is_shown_in_the_readers_language(client_for, rep, make_order, manager):
    from django.utils import translation

    from workorders import services

    order = make_order(Status.DONE)
    with translation.override("en"):
        services.workorder_verify(order=order, by=rep, satisfaction=2)
    manager.language = "zh-hans"
    manager.save(update_fields=["language"])
    html = client_for(manager).get(reverse("workorders:detail", args=[order.pk])).content.decode()
    assert "业户不满意（2/5）。" in html
    event = order.events.get(kind="reopened")
    with translation.override("en"):
        assert (event.values, event.detail) == (
            {"score": 2},
            "The resident is not satisfied (2/5).",
        )
