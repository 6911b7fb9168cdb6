"""For the home panels' tests: a panel's context as the home page computes it, and how many
rows the list behind one of its links shows (the link must really filter)."""

from django.test import RequestFactory


def panel_context(panel, user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return panel(request)


def listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["paginator"].count
