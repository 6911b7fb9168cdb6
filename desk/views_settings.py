"""The manager's estate settings: their estates, and per estate one section per app.

The sections come from `desk.estate_settings` (each app registers its own). Every
section has its own form and Save button, posted to its own URL; a refused save shows
the page again with that section's messages and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk.errors import BusinessRuleError
from desk.estate_settings import last_change, settings_section, settings_sections_for
from desk.models import Estate
from desk.scoping import get_scoped_or_404

PERMISSION = "desk.change_estate"


@login_required
@permission_required(PERMISSION, raise_exception=True)
def estate_settings_list(request):
    estates = Estate.objects.for_user(request.user).order_by("name")
    return render(request, "desk/estate_settings_list.html", {"estates": estates})


@login_required
@permission_required(PERMISSION, raise_exception=True)
def estate_settings(request, pk):
    estate = get_scoped_or_404(Estate, request.user, pk=pk)
    return _page(request, estate)


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def estate_settings_save(request, pk, key):
    estate = get_scoped_or_404(Estate, request.user, pk=pk)
    section = settings_section(key)
    if section is None or section.form_class is None:
        raise Http404
    if not request.user.has_perm(section.permission):
        raise PermissionDenied
    form = section.form_class(request.POST, instance=section.row(estate), prefix=section.key)
    if form.is_valid():
        try:
            section.save(estate=estate, by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(section)s: saved.") % {"section": section.title})
            url = reverse("estate_settings", args=[estate.pk])
            return redirect(f"{url}#settings-{section.key}")
    return _page(request, estate, posted=form)


def _page(request, estate, posted=None):
    sections = []
    for section in settings_sections_for(request.user):
        if section.form_class is None:  # a section with a page of its own
            summary = section.summary(estate) if section.summary else ""
            sections.append(
                {"section": section, "form": None, "last_change": None, "summary": summary}
            )
            continue
        if posted is not None and posted.prefix == section.key:
            form = posted
        else:
            form = section.form_class(instance=section.row(estate), prefix=section.key)
        sections.append(
            {"section": section, "form": form, "last_change": last_change(form.instance)}
        )
    return render(request, "desk/estate_settings.html", {"estate": estate, "sections": sections})
