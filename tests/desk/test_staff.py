from django.urls import reverse

from desk.models import User
from tests.factories import UserFactory


def test_manager_adds_a_staff_member_with_a_role(client_for, manager, estate):
    response = client_for(manager).post(
        reverse("staff_new"),
        {
            "username": "newdesk",
            "name": "陈小梅",
            "roles": ["front_desk"],
            "estates": [estate.pk],
            "password": "Str0ng-desk-pass",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newdesk")
    assert [g.name for g in user.groups.all()] == ["front_desk"]
    assert list(user.estates.all()) == [estate]
    assert user.check_password("Str0ng-desk-pass")
    assert (user.first_name, user.last_name, user.display_name) == ("陈小梅", "", "陈小梅")


def test_manager_cannot_give_access_to_another_estate(client_for, manager, other_estate):
    response = client_for(manager).post(
        reverse("staff_new"),
        {
            "username": "sneaky",
            "roles": ["manager"],
            "estates": [other_estate.pk],
            "password": "Str0ng-desk-pass",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


def test_manager_changes_a_role_and_keeps_other_estates(client_for, manager, estate, other_estate):
    """Of a colleague shared with another estate, a manager of one may edit their details,
    but not change their roles (held in every estate at once)."""
    member = UserFactory(roles=["front_desk"], estates=[estate, other_estate])
    form = {"username": member.username, "name": "王芳", "is_active": "on"}
    client = client_for(manager)

    refused = client.post(
        reverse("staff_edit", args=[member.pk]),
        {**form, "roles": ["cashier"], "estates": [estate.pk]},
    )
    assert "their roles and access are changed by a manager of all their estates" in (
        refused.content.decode()
    )
    member.refresh_from_db()
    assert [g.name for g in member.groups.all()] == ["front_desk"]

    client.post(
        reverse("staff_edit", args=[member.pk]),
        {**form, "name": "王芳芳", "roles": ["front_desk"], "estates": [estate.pk]},
    )
    member.refresh_from_db()
    assert member.display_name == "王芳芳"
    assert set(member.estates.all()) == {estate, other_estate}


def test_a_manager_of_all_their_estates_changes_roles(client_for, manager, estate):
    member = UserFactory(roles=["front_desk"], estates=[estate])
    client_for(manager).post(
        reverse("staff_edit", args=[member.pk]),
        {
            "username": member.username,
            "name": "王芳",
            "roles": ["cashier"],
            "estates": [estate.pk],
            "is_active": "on",
        },
    )
    member.refresh_from_db()
    assert [g.name for g in member.groups.all()] == ["cashier"]


def test_staff_of_another_estate_is_a_404(client_for, manager, other_estate):
    stranger = UserFactory(roles=["front_desk"], estates=[other_estate])
    response = client_for(manager).get(reverse("staff_edit", args=[stranger.pk]))
    assert response.status_code == 404


def test_the_staff_form_has_one_name_field_filled_from_both_parts(client_for, manager, estate):
    member = UserFactory(first_name="Wei", last_name="Zhang", roles=["cashier"], estates=[estate])
    form = client_for(manager).get(reverse("staff_edit", args=[member.pk])).context["form"]
    assert "first_name" not in form.fields and "last_name" not in form.fields
    assert form["name"].value() == "Wei Zhang"
