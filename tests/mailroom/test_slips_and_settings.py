"""The pickup slip for a mailbox (the code printed, the item then notified), and the
estate's days of the mail room as the manager sets them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from desk.errors import BusinessRuleError, IllegalTransition
from mailroom.models import MailSettings
from mailroom.services import mail_slip_given
from mailroom.settings_section import mail_settings_update

pytestmark = pytest.mark.django_db


def test_the_slip_prints_the_code_and_the_slip_given_notifies(client_for, front_desk, register_one):
    item = register_one(tracking_number="SF-SLIP")
    client = client_for(front_desk)
    html = client.get(reverse("mailroom:slips"), {"ids": item.pk}).content.decode()
    assert item.pickup_code in html and "SF-SLIP" in html
    assert client.post(reverse("mailroom:slip_given", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.notified_by) == ("notified", "slip")
    with pytest.raises(IllegalTransition):
        mail_slip_given(item=item, by=front_desk)


def test_the_list_and_the_item_page_never_show_the_code(client_for, front_desk, register_one):
    item = register_one()
    client = client_for(front_desk)
    for url in (reverse("mailroom:list"), reverse("mailroom:detail", args=[item.pk])):
        assert item.pickup_code not in client.get(url).content.decode()


def test_the_manager_sets_the_estates_days(manager, estate):
    mail_settings_update(
        estate=estate, by=manager, flag_after_days=5, remind_every_days=2, return_after_days=20
    )
    row = MailSettings.objects.get(estate=estate)
    assert (row.flag_after_days, row.remind_every_days, row.return_after_days) == (5, 2, 20)
    with pytest.raises(BusinessRuleError, match="only after it was flagged"):
        mail_settings_update(
            estate=estate, by=manager, flag_after_days=10, remind_every_days=2, return_after_days=9
        )
    assert MailSettings.objects.get(estate=estate).flag_after_days == 5


def test_the_settings_page_saves_the_mail_rooms_section(client_for, manager, estate):
    response = client_for(manager).post(
        reverse("estate_settings_save", args=[estate.pk, "mailroom"]),
        {
            "mailroom-flag_after_days": "3",
            "mailroom-remind_every_days": "1",
            "mailroom-return_after_days": "14",
        },
    )
    assert response.status_code == 302
    assert MailSettings.objects.get(estate=estate).flag_after_days == 3


def test_the_command_runs_every_estates_round(capsys, register_one):
    register_one()
    call_command("remind_uncollected_mail")
    assert "0 items reminded." in capsys.readouterr().out
