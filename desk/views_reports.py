"""The Reports page: the monthly statistics workbooks built so far, and a button to build
one (a job with its progress page)."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from desk.clock import estate_today
from desk.models import Estate, Job
from desk.monthly_report import JOB_KIND, PERMISSION, previous_month, report_start


class ReportForm(forms.Form):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=Estate.objects.none())
    month = forms.CharField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), max_length=7
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.for_user(user).order_by("name")

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        try:
            year, month = (int(part) for part in value.split("-"))
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2026-11.")) from None
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2026-11."))
        return year, month

    def clean(self):
        data = super().clean()
        estate, period = data.get("estate"), data.get("month")
        if estate and period:
            today = estate_today(estate)
            if period > (today.year, today.month):
                self.add_error("month", _("That month has not begun yet."))
        return data


@login_required
@permission_required(PERMISSION, raise_exception=True)
def reports(request):
    estates = Estate.objects.for_user(request.user).order_by("name")
    first = estates.first()
    initial = {}
    if first is not None:
        year, month = previous_month(first)
        initial = {"estate": first.pk, "month": f"{year}-{month:02d}"}
    form = ReportForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        year, month = form.cleaned_data["month"]
        job = report_start(
            estate=form.cleaned_data["estate"], year=year, month=month, by=request.user
        )
        return redirect("desk:job", job.pk)
    runs = (
        Job.objects.for_user(request.user)
        .filter(kind=JOB_KIND)
        .select_related("estate", "created_by")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/reports.html",
        {"form": form, "page_obj": page, "object_list": page.object_list},
    )
