from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from desk.errors import BusinessRuleError
from desk.lists import ScopedFilterListView
from desk.photos import photo_response
from desk.scoping import get_scoped_or_404
from desk.steps import StepView
from mailroom import exports, forms, selectors, services
from mailroom.filters import MailFilter
from mailroom.models import AWAITING, MailItem
from tenants.models import Unit
from tenants.unit_labels import find_unit, unit_label_filter

VIEW, ADD = "mailroom.view_mailitem", "mailroom.add_mailitem"
HAND_OUT, CHANGE = "mailroom.hand_out_mailitem", "mailroom.change_mailitem"


class MailListView(ScopedFilterListView):
    model = MailItem
    permission_required = VIEW
    filterset_class = MailFilter
    template_name = "mailroom/list.html"
    partial_template_name = "mailroom/partials/rows.html"
    export_url_name = "mailroom:export"
    export_permission = "mailroom.export_mailitems"
    export_filename = "mail-register"
    export_title = gettext_lazy("Mail register")

    def get_queryset(self):
        return selectors.register_for_list(self.request.user)

    def export_columns(self):
        return exports.list_columns(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["flag_since"] = selectors.flag_since(selectors.user_estates(self.request.user))
        return context


@login_required
@permission_required(ADD, raise_exception=True)
def register(request):
    """The batch sheet: one item, or a courier's ten parcels, in one submit."""
    count = _row_count(request)
    batch = forms.BatchForm(request.POST or None, user=request.user, prefix="batch")
    rows = forms.row_formset(count)(request.POST or None, prefix="rows")
    if request.method == "POST" and batch.is_valid() and rows.is_valid():
        found, errors = forms.batch_rows(batch, rows)
        if errors:
            batch.add_error(None, _row_errors(errors))
        else:
            try:
                items = services.mail_register(
                    estate=batch.cleaned_data["estate"], rows=found, by=request.user
                )
            except BusinessRuleError as exc:
                batch.add_error(None, str(exc))
            else:
                _registered_message(request, items)
                return redirect(f"{reverse('mailroom:register')}?done={_ids(items)}")
    elif request.method == "POST" and rows.is_bound and not rows.is_valid():
        bad = [n for n, form in enumerate(rows.forms, start=1) if form.errors]
        if bad:
            batch.add_error(
                None,
                ngettext("Row %(rows)s needs a fix.", "Rows %(rows)s need a fix.", len(bad))
                % {"rows": ", ".join(map(str, bad))},
            )
    done = _done_items(request)
    return render(
        request,
        "mailroom/register.html",
        {"batch": batch, "rows": rows, "done": done, "slip_ids": _ids(done)},
    )


def _row_count(request):
    raw = request.GET.get("rows", "")
    return min(int(raw), forms.MAX_ROWS) if raw.isdigit() and int(raw) > 0 else forms.DEFAULT_ROWS


def _row_errors(errors):
    return "; ".join(
        _("Row %(row)d: %(error)s") % {"row": number, "error": error} for number, error in errors
    )


def _ids(items):
    return ",".join(str(item.pk) for item in items)


def _done_items(request):
    ids = [int(i) for i in request.GET.get("done", "").split(",") if i.isdigit()][: forms.MAX_ROWS]
    if not ids:
        return []
    return list(selectors.register_for_list(request.user).filter(pk__in=ids).order_by("pk"))


def _registered_message(request, items):
    messages.success(
        request,
        ngettext("%(count)d item registered.", "%(count)d items registered.", len(items))
        % {"count": len(items)},
    )
    duplicates = services.duplicates_of(items[0].estate, [item.tracking_number for item in items])
    twice = sorted(
        number for number, first in duplicates.items() if first.pk not in {i.pk for i in items}
    )
    mine = [item.tracking_number for item in items if item.tracking_number]
    twice += sorted({n for n in mine if mine.count(n) > 1} - set(twice))
    if twice:
        messages.warning(
            request,
            _("Already in the register: %(numbers)s. Check for a double entry.")
            % {"numbers": ", ".join(twice)},
        )


@login_required
@permission_required(ADD, raise_exception=True)
def row_check(request):
    """htmx: what the register knows of a row's unit and tracking number, as it is typed."""
    values = {key.rsplit("-", 1)[-1]: value for key, value in request.GET.items()}
    estate = selectors.user_estates(request.user)
    estate_id = request.GET.get("batch-estate") or request.GET.get("estate")
    chosen = next((e for e in estate if str(e.pk) == estate_id), None)
    unit, occupants, duplicate = None, [], None
    label = values.get("unit_label", "").strip()
    if chosen is not None and label:
        unit = find_unit(
            Unit.objects.filter(estate=chosen).select_related("building", "estate"), label
        )
        if unit is not None:
            occupants = selectors.unit_occupant_names(unit)
    tracking = values.get("tracking_number", "").strip()
    if chosen is not None and tracking:
        duplicate = services.duplicates_of(chosen, [tracking]).get(tracking)
    prefix = next(
        (key.rsplit("-", 1)[0] for key in request.GET if key.endswith("-unit_label")), "rows-x"
    )
    return render(
        request,
        "mailroom/partials/row_check.html",
        {
            "label": label,
            "unit": unit,
            "occupants": occupants,
            "duplicate": duplicate,
            "prefix": prefix,
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, pk):
    item = selectors.item_for_page(request.user, pk)
    return render(
        request,
        "mailroom/detail.html",
        {
            "item": item,
            "flagged": selectors.is_flagged(item),
            "reason_form": forms.ReasonForm(),
        },
    )


@login_required
@permission_required(HAND_OUT, raise_exception=True)
def pickup(request):
    """The hand-out's first step: the code shown (or the unit), Enter, and the item is found."""
    form = forms.PickupSearchForm(request.GET or None)
    found, query = [], ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        awaiting = selectors.register_for_list(request.user).filter(status__in=AWAITING)
        if query.isdigit() and len(query) == services.CODE_DIGITS:
            found = list(awaiting.filter(pickup_code=query))
            if len(found) == 1:
                target = reverse("mailroom:hand_out", args=[found[0].pk])
                return redirect(f"{target}?code={query}")
        else:
            lookup = unit_label_filter(query, prefix="unit__")
            found = list(
                awaiting.filter(
                    lookup
                    if lookup is not None
                    else Q(recipient_name__icontains=query) | Q(resident__name__icontains=query)
                )[:50]
            )
    return render(request, "mailroom/pickup.html", {"form": form, "found": found, "query": query})


@login_required
@permission_required(VIEW, raise_exception=True)
def signature(request, pk):
    item = get_scoped_or_404(MailItem, request.user, pk=pk)
    if not item.signature:
        raise Http404
    return FileResponse(item.signature.open("rb"), content_type="image/png")


@login_required
@permission_required(VIEW, raise_exception=True)
def photo(request, pk):
    """The parcel's photo, through the item's access check, never as public media."""
    item = get_scoped_or_404(MailItem, request.user, pk=pk)
    if not item.photo:
        raise Http404
    return photo_response(item.photo)


@login_required
@permission_required(ADD, raise_exception=True)
def slips(request):
    """Pickup slips for the mailboxes of recipients with no email address (several on A4)."""
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()][:50]
    items = list(
        selectors.register_for_list(request.user)
        .filter(pk__in=ids, status__in=AWAITING)
        .order_by("unit__building__sort_key", "unit__sort_key", "pk")
    )
    if not items:
        raise Http404
    return render(
        request,
        "print/mail_slips.html",
        {"items": items, "back_url": reverse("mailroom:list") + "?status=awaiting"},
    )


class MailStep(StepView):
    model = MailItem
    object_name = "item"
    detail_url_name = "mailroom:detail"
    template_name = "mailroom/step.html"
    success_message = gettext_lazy("%(number)s: done.")
    invalid_status = 400

    def get_base_queryset(self):
        return MailItem.objects.select_related("estate", "unit__building", "resident")

    def get_form(self, obj):
        form = super().get_form(obj)
        if form is not None and not form.is_bound and "code" in form.fields:
            form.initial["code"] = self.request.GET.get("code", "")[: services.CODE_DIGITS]
        return form


STEPS = {
    "hand_out": (
        HAND_OUT,
        services.mail_hand_out,
        forms.HandOutForm,
        gettext_lazy("Sign for"),
        gettext_lazy("%(number)s: signed for."),
    ),
    "deliver": (
        HAND_OUT,
        services.mail_deliver,
        forms.DeliverForm,
        gettext_lazy("Delivered to the unit"),
        gettext_lazy("%(number)s: delivered to the unit."),
    ),
    "return_to_sender": (
        CHANGE,
        services.mail_return,
        forms.ReasonForm,
        gettext_lazy("Return to sender"),
        gettext_lazy("%(number)s: returned to the sender."),
    ),
    "void": (
        "mailroom.void_mailitem",
        services.mail_void,
        forms.ReasonForm,
        gettext_lazy("Void the entry"),
        gettext_lazy("%(number)s: voided."),
    ),
    "add_photo": (
        ADD,
        services.mail_add_photo,
        forms.PhotoForm,
        gettext_lazy("Add a photo"),
        gettext_lazy("%(number)s: photo added."),
    ),
    "slip_given": (
        CHANGE,
        services.mail_slip_given,
        None,
        gettext_lazy("Slip put in the mailbox"),
        gettext_lazy("%(number)s: notified by slip."),
    ),
}


def step_view(name):
    permission, service, form_class, label, message = STEPS[name]
    return MailStep.as_view(
        permission_required=permission,
        service=service,
        form_class=form_class,
        label=label,
        success_message=message,
    )
