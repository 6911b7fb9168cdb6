"""The shift handover (交接班): the outgoing receptionist hands over what is open (computed,
kept), the incoming one acknowledges in their own session; the history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.handover import ShiftWindow, handover_blocks, handover_snapshot
from desk.scoping import get_scoped_or_404, user_estates
from frontdesk import services
from frontdesk.forms import HandoverForm
from frontdesk.models import Handover

VIEW, ADD, CHANGE = "frontdesk.view_handover", "frontdesk.add_handover", "frontdesk.change_handover"


def _estate(request):
    """The desk's estate: the one chosen (?estate=; 404 unless the user's), else the user's
    first by name (the user's estates are read with the session's first reads)."""
    estates = user_estates(request.user)
    key = request.POST.get("estate") or request.GET.get("estate")
    if key and str(key).isdigit():
        for estate in estates:
            if estate.pk == int(key):
                return estate
        raise Http404
    return estates[0] if estates else None


@login_required
@permission_required(VIEW, raise_exception=True)
def handover_list(request):
    qs = Handover.objects.for_user(request.user).select_related(
        "estate", "handed_by", "acknowledged_by"
    )
    waiting = list(qs.filter(acknowledged_at__isnull=True).order_by("-handed_at")[:20])
    history = list(qs.filter(acknowledged_at__isnull=False)[:50])
    return render(request, "frontdesk/handover_list.html", {"waiting": waiting, "history": history})


@login_required
@permission_required(ADD, raise_exception=True)
def handover_new(request):
    estate = _estate(request)
    if estate is None:
        return redirect("frontdesk:handover_list")
    now = timezone.now()
    window = ShiftWindow(start=services.shift_start_for(estate, now), end=now)
    data = request.POST if request.method == "POST" else None
    form = HandoverForm(data, items=services.checklist_items(estate))
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.handover_hand(
                estate=estate,
                by=request.user,
                checked=form.cleaned_data["checked"],
                notes=form.cleaned_data["notes"],
            )
        except BusinessRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Handed over: the next shift acknowledges it."))
            return redirect("frontdesk:handover_detail", pk=handover.pk)
    blocks = handover_blocks(handover_snapshot(estate, window, request.user))
    return render(
        request,
        "frontdesk/handover_form.html",
        {"form": form, "estate": estate, "window": window, "blocks": blocks},
    )


def _handover(request, pk):
    qs = Handover.objects.select_related("estate", "handed_by", "acknowledged_by")
    return get_scoped_or_404(qs, request.user, pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def handover_detail(request, pk):
    handover = _handover(request, pk)
    may_acknowledge = (
        handover.acknowledged_at is None
        and request.user.has_perm(CHANGE)
        and request.user.pk != handover.handed_by_id
    )
    return render(
        request,
        "frontdesk/handover_detail.html",
        {
            "handover": handover,
            "blocks": handover_blocks(handover.snapshot),
            "may_acknowledge": may_acknowledge,
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
def handover_acknowledge(request, pk):
    handover = _handover(request, pk)
    if request.method == "POST":
        try:
            services.handover_acknowledge(handover=handover, by=request.user)
        except BusinessRuleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Acknowledged: the shift is yours."))
    return redirect("frontdesk:handover_detail", pk=pk)
