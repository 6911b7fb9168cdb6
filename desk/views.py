import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n

from desk.errors import BusinessRuleError
from desk.forms import StaffForm
from desk.home import render_home_panels
from desk.models import User
from desk.roles import user_roles
from desk.scoping import user_estate_ids
from desk.services import staff_save, user_language_set


@login_required
def home(request):
    """The greeting, then the panels the apps register for the user's roles (desk.home)."""
    roles = user_roles(request.user)
    return render(
        request, "desk/home.html", {"roles": roles, "panels": render_home_panels(request, roles)}
    )


def set_language(request):
    """Django's language switch (the cookie); a logged-in staff member also keeps the choice."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if request.method == "POST" and request.user.is_authenticated and language:
        # Like Django's view, an unknown language changes nothing.
        with contextlib.suppress(BusinessRuleError):
            user_language_set(user=request.user, language=language)
    return response


def _staff_of_my_estates(user):
    return (
        # Superusers are nobody's staff: a manager must not reset their password.
        User.objects.filter(estates__in=user_estate_ids(user), is_superuser=False)
        .distinct()
        .prefetch_related("groups", "estates")
        .order_by("username")
    )


@login_required
@permission_required("desk.manage_staff", raise_exception=True)
def staff_list(request):
    return render(request, "desk/staff_list.html", {"staff": _staff_of_my_estates(request.user)})


@login_required
@permission_required("desk.manage_staff", raise_exception=True)
def staff_edit(request, pk=None):
    user = User()
    if pk is not None:
        user = _staff_of_my_estates(request.user).filter(pk=pk).first()
        if user is None:
            raise Http404
    form = StaffForm(request.POST or None, instance=user, manager=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            staff_save(
                manager=request.user,
                user=form.save(commit=False),
                roles=form.cleaned_data["roles"],
                estates=form.cleaned_data["estates"],
                password=form.cleaned_data["password"],
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Staff member saved."))
            return redirect("staff_list")
    return render(request, "desk/staff_form.html", {"form": form, "staff_member": user})
