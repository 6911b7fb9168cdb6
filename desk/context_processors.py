from django.utils.functional import SimpleLazyObject

from desk.navigation import navigation_for


def navigation(request):
    """The top bar's entries, worked out only when a template shows them: a page's panels
    and sections, rendered with the request, run this too and never read them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_items": SimpleLazyObject(lambda: navigation_for(user))}


def inbox(request):
    """The top bar's unread count: one query, run only when a page shows the bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from desk.inbox import unread_count

    return {"inbox_unread": lambda: unread_count(user)}
