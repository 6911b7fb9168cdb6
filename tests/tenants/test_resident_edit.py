"""Editing a resident: through `tenants.services.resident_update`, with who did it in the
history; a save over someone else's change is refused; a role that sees the contacts
masked can still remove one, deliberately."""

import threading
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from desk.errors import BusinessRuleError
from tenants import services
from tenants.forms import ResidentForm
from tenants.models import Resident
from tests.machine import NEEDS_POSTGRESQL

FIELDS = services.RESIDENT_FIELDS


def _url(resident):
    return reverse("tenants:resident_edit", args=[resident.pk])


def _open(client, resident):
    """The edit form as its user gets it: the values it shows and the hidden version."""
    form = client.get(_url(resident)).context["form"]
    return {name: form[name].value() or "" for name in ["seen_version", *FIELDS]}


def _facts(resident):
    resident.refresh_from_db()
    return {name: getattr(resident, name) for name in FIELDS}


def _changed_at(resident):
    last = resident.history.first()
    return timezone.localtime(last.history_date, ZoneInfo(resident.estate.time_zone)).strftime(
        "%Y-%m-%d %H:%M"
    )


def test_the_form_has_the_same_fields_as_the_service():
    assert tuple(ResidentForm._meta.fields) == FIELDS


def test_an_edit_is_saved_with_who_made_it(client_for, rep, resident):
    client = client_for(rep)
    sent = {**_open(client, resident), "name": "张伟伟", "notes": "prefers calls after 6pm"}
    response = client.post(_url(resident), sent)
    assert response.status_code == 302
    assert (_facts(resident)["name"], _facts(resident)["notes"]) == (
        "张伟伟",
        "prefers calls after 6pm",
    )
    last, before = resident.history.all()[:2]
    assert (last.history_type, last.history_user, last.name, before.name) == (
        "~",
        rep,
        "张伟伟",
        "张伟",
    )


def test_saving_without_a_change_writes_no_history(client_for, manager, resident):
    client = client_for(manager)
    assert client.post(_url(resident), _open(client, resident)).status_code == 302
    assert resident.history.count() == 1


def test_a_save_over_someone_elses_change_is_refused_and_changes_nothing(
    client_for, front_desk, manager, resident
):
    desk = client_for(front_desk)
    desk_saw = _open(desk, resident)
    boss = client_for(manager)
    boss_sends = {**_open(boss, resident), "name": "张伟（业主）", "mobile": "13700001111"}
    assert boss.post(_url(resident), boss_sends).status_code == 302
    after_boss = _facts(resident)

    response = desk.post(_url(resident), {**desk_saw, "name": "张卫", "notes": "moved abroad"})

    assert response.status_code == 200
    assert _facts(resident) == after_boss
    assert resident.history.count() == 2  # created, then the manager's change only
    assert response.context["refusal"] == (
        f"{manager.display_name} changed this resident at {_changed_at(resident)}, after you "
        "opened the form. Nothing was saved: the form now shows the current details; make "
        "your change again."
    )
    form = response.context["form"]
    assert not form.is_bound
    assert (form["name"].value(), form["notes"].value()) == ("张伟（业主）", "")
    assert form.fields["mobile"].widget.attrs["placeholder"] == "137****1111"
    assert "13700001111" not in response.content.decode()
    # Sent again from the form as it came back, the change is saved.
    again = {**_open(desk, resident), "seen_version": form["seen_version"].value()}
    assert desk.post(_url(resident), {**again, "name": "张卫"}).status_code == 302
    assert _facts(resident) == {**after_boss, "name": "张卫"}


def test_a_form_without_the_version_is_refused(client_for, manager, resident):
    client = client_for(manager)
    sent = {**_open(client, resident), "seen_version": "", "name": "张卫"}
    response = client.post(_url(resident), sent)
    assert response.status_code == 200
    assert response.context["refusal"].startswith("This resident was changed after you opened")
    assert _facts(resident)["name"] == "张伟"


def test_the_version_follows_every_editable_fact_and_is_keyed(resident, settings):
    seen = services.resident_version(resident)
    assert services.resident_version(Resident.objects.get(pk=resident.pk)) == seen
    for name in FIELDS:
        changed = Resident.objects.get(pk=resident.pk)
        setattr(changed, name, "x")
        assert services.resident_version(changed) != seen, name
    settings.SECRET_KEY = "another-secret-key-" * 3
    assert services.resident_version(resident) != seen


def test_the_service_refuses_a_stale_version(manager, resident):
    seen = services.resident_version(resident)
    services.resident_update(
        resident=resident, by=manager, changes={"name": "张伟伟"}, seen_version=seen
    )
    with pytest.raises(BusinessRuleError):
        services.resident_update(
            resident=resident, by=manager, changes={"notes": "late"}, seen_version=seen
        )
    assert (_facts(resident)["name"], _facts(resident)["notes"]) == ("张伟伟", "")


def test_the_service_takes_only_the_editable_facts(manager, resident, other_estate):
    with pytest.raises(ValueError):
        services.resident_update(
            resident=resident,
            by=manager,
            changes={"estate": other_estate},
            seen_version=services.resident_version(resident),
        )


def _in_own_connection(work):
    """Run `work` in a thread, on its own connection, outside the test's transaction."""
    result = {}

    def run():
        try:
            result["value"] = work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result.get("value")


@pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason=NEEDS_POSTGRESQL,
)
@pytest.mark.django_db
def test_two_saves_at_once_from_the_same_form_the_second_is_refused():
    """Two people send the form they opened at the same time: the first save holds the
    row; the second waits for it, then finds the change and is refused. The threads
    commit on their own connections; what they made is removed at the end."""
    from tests.factories import EstateFactory, ResidentFactory, UserFactory

    def make():
        estate = EstateFactory(code="RACE")
        return estate, UserFactory(), UserFactory(), ResidentFactory(estate=estate, name="张伟")

    estate, first_by, second_by, resident = _in_own_connection(make)
    seen = services.resident_version(resident)
    first_saved, release, outcome = threading.Event(), threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                services.resident_update(
                    resident=resident, by=first_by, changes={"name": "王五"}, seen_version=seen
                )
                first_saved.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    def second():
        try:
            first_saved.wait(timeout=10)
            services.resident_update(
                resident=resident, by=second_by, changes={"name": "李四"}, seen_version=seen
            )
            outcome["second"] = "saved"
        except BusinessRuleError:
            outcome["second"] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    try:
        for thread in threads:
            thread.start()
        first_saved.wait(timeout=10)
        threads[1].join(timeout=0.5)
        waited = threads[1].is_alive()  # held up by the first save's row lock
        release.set()
        for thread in threads:
            thread.join(timeout=10)
        assert (waited, outcome) == (True, {"second": "refused"})
        saved = _in_own_connection(
            lambda: (
                Resident.objects.get(pk=resident.pk).name,
                [h.history_user_id for h in resident.history.all()],
            )
        )
        assert saved == ("王五", [first_by.pk, None])
    finally:
        release.set()

        def clean_up():
            Resident.objects.filter(pk=resident.pk).delete()
            resident.history.all().delete()  # the deletion's record too
            first_by.delete()
            second_by.delete()
            type(estate).objects.filter(pk=estate.pk).delete()
            estate.history.all().delete()

        _in_own_connection(clean_up)


# Removing a contact the role sees masked.


def test_the_front_desk_removes_the_emergency_phone_and_the_manager_sees_it_gone(
    client_for, front_desk, manager, resident
):
    desk = client_for(front_desk)
    phone = resident.emergency_contact_phone
    sent = {**_open(desk, resident), "clear_emergency_contact_phone": "on"}
    assert desk.post(_url(resident), sent).status_code == 302

    assert _facts(resident)["emergency_contact_phone"] == ""
    assert _facts(resident)["mobile"] == "13812345678"  # left empty: kept
    page = client_for(manager).get(_url(resident))
    assert page.context["form"]["emergency_contact_phone"].value() == ""
    assert page.context["form"]["mobile"].value() == "13812345678"
    last, before = resident.history.all()[:2]
    assert (last.history_user, last.emergency_contact_phone, before.emergency_contact_phone) == (
        front_desk,
        "",
        phone,
    )


def test_the_remove_boxes_stand_next_to_the_masked_contacts_that_have_a_value(
    client_for, front_desk, manager, resident
):
    Resident.objects.filter(pk=resident.pk).update(email="zhang@example.com", phone_other="")
    names = list(client_for(front_desk).get(_url(resident)).context["form"].fields)
    assert names == [
        "kind",
        "name",
        "name_en",
        "contact_person",
        "mobile",
        "clear_mobile",
        "phone_other",
        "email",
        "clear_email",
        "id_number",
        "emergency_contact_name",
        "emergency_contact_phone",
        "clear_emergency_contact_phone",
        "notes",
        "seen_version",
    ]
    html = client_for(front_desk).get(_url(resident)).content.decode()
    assert ("Remove this number" in html, "Remove this e-mail address" in html) == (True, True)
    manager_form = client_for(manager).get(_url(resident)).context["form"]
    assert [n for n in manager_form.fields if n.startswith("clear_")] == []


def test_typing_a_new_number_and_ticking_remove_is_refused(client_for, front_desk, resident):
    desk = client_for(front_desk)
    sent = {**_open(desk, resident), "mobile": "13700002222", "clear_mobile": "on"}
    response = desk.post(_url(resident), sent)
    assert response.status_code == 200
    assert response.context["form"].errors["mobile"] == [
        "Type a new one or tick the box to remove it, not both."
    ]
    assert _facts(resident)["mobile"] == "13812345678"


def test_a_new_resident_form_has_no_version_and_no_remove_boxes():
    assert list(ResidentForm().fields) == list(FIELDS)
