from django.urls import reverse

from desk.models import User
from tests.factories import UserFactory


def test_manager_adds_a_staff_member_with_a_role(client_for, manager, estate):
    response = client_for(manager).post(
        reverse("staff_new"),
        {
            "username": "newdesk",
            "first_name": "小",
            "last_name": "陈",
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
    member = UserFactory(roles=["front_desk"], estates=[estate, other_estate])
    client_for(manager).post(
        reverse("staff_edit", args=[member.pk]),
        {
            "username": member.username,
            "roles": ["cashier"],
            "estates": [estate.pk],
            "is_active": "on",
        },
    )
    member.refresh_from_db()
    assert [g.name for g in member.groups.all()] == ["cashier"]
    assert set(member.estates.all()) == {estate, other_estate}


def test_staff_of_another_estate_is_a_404(client_for, manager, other_estate):
    stranger = UserFactory(roles=["front_desk"], estates=[other_estate])
    response = client_for(manager).get(reverse("staff_edit", args=[stranger.pk]))
    assert response.status_code == 404
