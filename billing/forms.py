import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from billing.models import FeeKind, FeeStandard, MeterReading, Method
from desk.filters import user_estates

MONTH_INPUT = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})


def _usage_choices():
    from tenants.models import Unit

    return Unit.Usage.choices


class EstateChoiceMixin:
    """An estate field for staff of several estates; with one estate it is theirs."""

    def add_estate_field(self, request):
        estates = user_estates(request)
        self.single_estate = estates.first() if estates.count() == 1 else None
        if self.single_estate is None:
            self.fields["estate"] = forms.ModelChoiceField(label=_("Estate"), queryset=estates)

    def chosen_estate(self):
        return self.single_estate or self.cleaned_data["estate"]


class FeeStandardForm(EstateChoiceMixin, forms.ModelForm):
    usages = forms.MultipleChoiceField(
        label=_("Unit usages"),
        choices=_usage_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of unit it is charged to."),
    )

    class Meta:
        model = FeeStandard
        fields = [
            "name",
            "kind",
            "payer",
            "usages",
            "vacant_pays",
            "vacant_discount",
            "due_day",
            "late_fee_daily_rate",
            "late_fee_grace_days",
            "charge_at_once",
            "order",
            "active",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_estate_field(request)
            self.order_fields(["estate"])
        else:
            self.single_estate = self.instance.estate


def parse_tiers(text: str) -> list:
    """`10:3.50` lines (usage up to 10 at 3.50), the last `*:5.00` for the rest."""
    tiers = []
    for line in (text or "").splitlines():
        line = line.strip().replace("：", ":")
        if not line:
            continue
        match = re.fullmatch(r"(\*|\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)", line)
        if not match:
            raise forms.ValidationError(
                _("Write each tier as “up to:rate”, e.g. 10:3.50, and the last as *:5.00.")
            )
        tiers.append({"up_to": None if match[1] == "*" else match[1], "rate": match[2]})
    return tiers


class FeeRateForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Effective from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    rate = forms.DecimalField(
        label=_("Rate (CNY)"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=4,
        help_text=_("Per m² a month (property fee), per unit of usage (metered), or per month."),
    )
    tiers = forms.CharField(
        label=_("Tiers (metered)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "10:3.50\n20:4.20\n*:5.00"}),
        help_text=_("Optional: one tier a line, “up to:rate”; the last “*:rate”."),
    )

    def clean_tiers(self):
        return parse_tiers(self.cleaned_data["tiers"])


class ReadingSheetChoiceForm(forms.Form):
    """Which sheet: a building, a meter and a month."""

    building = forms.ModelChoiceField(label=_("Building"), queryset=None)
    kind = forms.ChoiceField(label=_("Meter"), choices=MeterReading.Kind.choices)
    period = forms.CharField(label=_("Month"), widget=MONTH_INPUT)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        from tenants.filters import user_buildings

        self.fields["building"].queryset = user_buildings(request)

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])


def clean_period(text):
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise forms.ValidationError(_("Give the month as YYYY-MM."))
    return int(match[1]), int(match[2])


def parse_amount(text):
    """A typed reading or amount: digits with at most 2 decimals, or None when empty."""
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value.as_tuple().exponent < -2 or abs(value) >= 10**10:
        raise ValueError(text)
    return value


class BillRunForm(EstateChoiceMixin, forms.Form):
    period = forms.CharField(label=_("Month"), widget=MONTH_INPUT)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_estate_field(request)
        self.order_fields(["estate", "period"])

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])


KEEP_NO = "no"
KEEP_GENERAL = "general"


def keep_choices():
    return [
        (KEEP_NO, _("No: refuse more than is open")),
        (KEEP_GENERAL, _("Yes, for any fee")),
        *[
            (kind, _("Yes, only for: %(kind)s") % {"kind": label})
            for kind, label in FeeKind.choices
            if kind not in (FeeKind.DEPOSIT, FeeKind.ONE_OFF)
        ],
    ]


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, initial=Method.CASH)
    reference = forms.CharField(
        label=_("Transaction reference"),
        max_length=64,
        required=False,
        help_text=_("Required for every method but cash."),
    )
    keep = forms.ChoiceField(label=_("Keep the rest as prepaid"), choices=keep_choices)
    payer_name = forms.CharField(label=_("Paid by"), max_length=100, required=False)
    lines = forms.MultipleChoiceField(
        label=_("Only these lines"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the oldest first."),
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(str(line.pk), line.label) for line in lines]

    def clean(self):
        data = super().clean()
        if data.get("method") and data["method"] != Method.CASH and not data.get("reference"):
            self.add_error("reference", _("Give the transaction reference of this payment."))
        return data

    def keep_prepaid(self):
        keep = self.cleaned_data["keep"]
        if keep == KEEP_NO:
            return None
        return "" if keep == KEEP_GENERAL else keep


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
