"""Messages for staff (留言) and incidents (停水停电) at the desk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.scoping import get_scoped_or_404
from frontdesk import selectors, services
from frontdesk.filters import IncidentFilter
from frontdesk.forms import IncidentCallForm, IncidentForm, MessageForm
from frontdesk.models import Incident, LogEntry, StaffMessage
from tenants.models import Resident

# Messages -------------------------------------------------------------------------------


@login_required
def my_messages(request):
    """Every staff member's messages (whatever their role): open first, then done."""
    rows = list(selectors.messages_for(request.user).order_by("done_at", "-left_at")[:100])
    return render(request, "frontdesk/my_messages.html", {"object_list": rows})


@login_required
def message_detail(request, pk):
    """The message's page: for its recipient, or the desk that took it."""
    qs = StaffMessage.objects.select_related("estate", "recipient", "left_by", "unit__building")
    message = get_scoped_or_404(qs, request.user, pk=pk)
    if message.recipient_id != request.user.pk and not request.user.has_perm(
        "frontdesk.view_staffmessage"
    ):
        raise Http404
    return render(request, "frontdesk/message_detail.html", {"message": message})


@login_required
def message_done(request, pk):
    if request.method != "POST":
        return redirect("frontdesk:message_detail", pk=pk)
    message = get_scoped_or_404(StaffMessage.objects.all(), request.user, pk=pk)
    try:
        services.message_done(message=message, by=request.user)
    except BusinessRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Marked done."))
    return redirect("frontdesk:message_detail", pk=pk)


@login_required
@permission_required("frontdesk.view_staffmessage", raise_exception=True)
def message_list(request):
    """The messages the desk took, with whether each was done."""
    rows = list(selectors.messages_left(request.user)[:100])
    form = None
    if request.user.has_perm("frontdesk.add_staffmessage"):
        form = MessageForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.message_leave(
                    estate=data["estate"],
                    recipient=data["recipient"],
                    from_name=data["from_name"],
                    from_phone=data["from_phone"],
                    unit=data["unit"],
                    text=data["text"],
                    by=request.user,
                )
            except BusinessRuleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Message passed on to %(name)s.") % {"name": data["recipient"].display_name},
                )
                return redirect("frontdesk:message_list")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "frontdesk/message_list.html", {"form": form, "object_list": rows})


# Incidents ------------------------------------------------------------------------------


class IncidentListView(ScopedFilterListView):
    model = Incident
    permission_required = "frontdesk.view_incident"
    filterset_class = IncidentFilter
    template_name = "frontdesk/incident_list.html"
    partial_template_name = "frontdesk/partials/incident_rows.html"

    def get_queryset(self):
        return selectors.incidents_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context


@login_required
@permission_required("frontdesk.add_incident", raise_exception=True)
def incident_new(request):
    form = IncidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_announce(by=request.user, **form.cleaned_data)
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Incident announced."))
            return redirect("frontdesk:incident_detail", pk=incident.pk)
    return render(request, "frontdesk/incident_form.html", {"form": form})


def _incident(request, pk):
    return get_scoped_or_404(selectors.incidents_for_list(request.user), request.user, pk=pk)


@login_required
@permission_required("frontdesk.view_incident", raise_exception=True)
def incident_detail(request, pk):
    incident = _incident(request, pk)
    calls = list(
        incident.log_entries.select_related("unit__building", "resident", "logged_by")[:50]
    )
    form = None
    if request.user.has_perm("frontdesk.add_logentry"):
        form = IncidentCallForm(user=request.user)
    return render(
        request,
        "frontdesk/incident_detail.html",
        {
            "incident": incident,
            "active": incident.is_active(timezone.now()),
            "calls": calls,
            "form": form,
        },
    )


@login_required
@permission_required("frontdesk.add_logentry", raise_exception=True)
def incident_call(request, pk):
    """A call about the incident, logged against it in one step: unit (and name) only."""
    incident = _incident(request, pk)
    if request.method != "POST":
        return redirect("frontdesk:incident_detail", pk=pk)
    form = IncidentCallForm(request.POST, user=request.user)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        name = form.cleaned_data["caller_name"].strip()
        resident = None
        if not name:
            resident = (
                Resident.objects.filter(occupancies__unit=unit, occupancies__move_out__isnull=True)
                .order_by("occupancies__role", "pk")
                .first()
            )
        try:
            services.log_entry_create(
                estate=incident.estate,
                kind=LogEntry.Kind.CALL,
                unit=unit,
                resident=resident,
                caller_name=name or ("" if resident else str(unit)),
                purpose=LogEntry.Purpose.INQUIRY,
                summary=incident.title,
                outcome=LogEntry.Outcome.ANSWERED,
                incident=incident,
                by=request.user,
            )
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The call is logged against the incident."))
            return redirect("frontdesk:incident_detail", pk=pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("frontdesk:incident_detail", pk=pk)


@login_required
@permission_required("frontdesk.change_incident", raise_exception=True)
def incident_end(request, pk):
    incident = _incident(request, pk)
    if request.method == "POST":
        try:
            services.incident_end(incident=incident, by=request.user)
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The incident is over."))
    return redirect("frontdesk:incident_detail", pk=pk)
