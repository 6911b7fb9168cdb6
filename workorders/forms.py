from django import forms
from django.utils.translation import gettext_lazy as _

from desk import roles
from desk.models import Estate, User
from desk.photos import PhotosField
from tenants.forms import clean_phone
from tenants.models import Building, Unit
from tenants.unit_labels import find_unit
from workorders.models import Department, Priority, Source, Trade, WorkOrder, WorkOrderPhoto

DESK_SOURCES = [
    (Source.REPAIR_CALL, Source.REPAIR_CALL.label),
    (Source.PAID_SERVICE, Source.PAID_SERVICE.label),
    (Source.PATROL, Source.PATROL.label),
]


class WorkOrderForm(forms.Form):
    """A repair call or special paid service taken at the desk."""

    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    source = forms.ChoiceField(label=_("Source"), choices=DESK_SOURCES)
    unit_label = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=32,
        help_text=_("e.g. 3-1502; leave empty for a public area."),
    )
    building = forms.ModelChoiceField(
        label=_("Building (public area)"), queryset=Building.objects.none(), required=False
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=200,
        help_text=_("Where in the unit, or which public area."),
    )
    trade = forms.ChoiceField(label=_("Trade"), choices=Trade.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    requested_by_name = forms.CharField(label=_("Requested by"), max_length=100, required=False)
    requested_by_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    price = forms.DecimalField(
        label=_("Price (CNY)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Required for a special paid service."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        estates = Estate.objects.for_user(user)
        self.fields["estate"].queryset = estates
        self.fields["building"].queryset = Building.objects.for_user(user).select_related("estate")
        only = list(estates[:2])
        if len(only) == 1:
            self.fields["estate"].initial = only[0]
            self.fields["estate"].widget = forms.HiddenInput()

    def clean_requested_by_phone(self):
        return clean_phone(self.cleaned_data["requested_by_phone"])

    def clean(self):
        data = super().clean()
        estate = data.get("estate")
        label = (data.get("unit_label") or "").strip()
        data["unit"] = None
        if estate and label:
            unit = find_unit(Unit.objects.filter(estate=estate).select_related("building"), label)
            if unit is None:
                self.add_error(
                    "unit_label", _("No unit %(label)s in this estate.") % {"label": label}
                )
            data["unit"] = unit
        elif not label and not (data.get("location") or "").strip():
            self.add_error("location", _("Give the unit, or the public area where the work is."))
        building = data.get("building")
        if building and estate and building.estate_id != estate.pk:
            self.add_error("building", _("The building belongs to another estate."))
        if data.get("source") == Source.PAID_SERVICE and data.get("price") is None:
            self.add_error("price", _("A special paid service needs a price."))
        return data


def trade_for_category(category):
    """The trade a complaint's category names (cleaning, security...), or "" to choose."""
    return category if category in Trade.values else ""


class FromComplaintForm(forms.Form):
    # No default trade: only a category that names one (cleaning → cleaning) proposes it.
    trade = forms.ChoiceField(label=_("Trade"), choices=[("", "—"), *Trade.choices])
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial="normal")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))


def technicians_of(estate):
    return (
        User.objects.filter(is_active=True, groups__name=roles.TECHNICIAN, estates=estate)
        .distinct()
        .order_by("first_name", "username")
    )


class TechnicianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class DispatchForm(forms.Form):
    # The technician the person saw (0: none): a dispatch someone else made meanwhile is
    # not silently replaced (workorders.services.workorder_dispatch).
    seen_assignee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    assignee = TechnicianChoiceField(label=_("Technician"), queryset=User.objects.none())
    department = forms.ChoiceField(label=_("Department"), choices=Department.choices)
    trade = forms.ChoiceField(label=_("Trade"), choices=Trade.choices)

    def __init__(self, *args, order: WorkOrder, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "department": order.department,
                "trade": order.trade,
                "assignee": order.assignee_id,
                **self.seen(order),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = technicians_of(order.estate)

    def seen(self, order):
        return {"seen_assignee": order.assignee_id or 0}


class FinishForm(forms.Form):
    work_notes = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    materials = forms.CharField(
        label=_("Materials used"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = PhotosField(
        label=_("Photos (up to 3)"),
        max_photos=WorkOrderPhoto.MAX_PHOTOS,
        too_many=_("At most %(max)d photos per work order."),
    )


class VerifyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Resident satisfaction"),
        coerce=int,
        choices=[
            (5, _("5 – very satisfied")),
            (4, _("4 – satisfied")),
            (3, _("3 – acceptable")),
            (2, _("2 – not satisfied (reopens)")),
            (1, _("1 – very dissatisfied (reopens)")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
