from desk.navigation import navigation_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_items": navigation_for(user)}


def inbox(request):
    """The top bar's unread count: one query, run only when a page shows the bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from desk.inbox import unread_count

    return {"inbox_unread": lambda: unread_count(user)}
