"""The manager's home counts the mail uncollected past the estate's days; the count opens
the list of those items."""

import pytest
from django.urls import reverse

from tests.desk.home_links import listed
from tests.mailroom.test_registries import known, noon  # noqa: F401 - the fixtures

pytestmark = pytest.mark.django_db


def test_the_managers_home_counts_the_mail_past_its_days(known, client_for, manager):  # noqa: F811
    client = client_for(manager)
    html = client.get(reverse("home")).content.decode()
    url = f"{reverse('mailroom:list')}?age=flagged"
    assert f'href="{url}" data-figure="mail-flagged">1</a>' in html
    assert listed(client, url) == 1
    assert listed(client, f"{reverse('mailroom:list')}?status=awaiting") == 3
