"""The inbox page: every staff member's own notifications, whatever their role."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from desk import inbox


@login_required
def inbox_page(request):
    unread_only = request.GET.get("unread") == "1"
    rows = inbox.inbox_for(request.user, unread_only=unread_only)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/inbox.html",
        {"page_obj": page, "notifications": page.object_list, "unread_only": unread_only},
    )


@require_POST
@login_required
def inbox_open(request, pk):
    """Mark one notification read and follow its link (a path on this site only)."""
    notification = get_object_or_404(inbox.inbox_for(request.user), pk=pk)
    inbox.mark_read(user=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("inbox")


@require_POST
@login_required
def inbox_read_all(request):
    inbox.mark_all_read(user=request.user)
    return redirect("inbox")
