"""The bills of a month: the list and the cashier's bill-run button."""

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from billing import exports
from billing.filters import BillFilter
from billing.forms import BillRunForm
from billing.models import Bill, BillRun
from billing.runs import bill_run_start
from desk.clock import estate_today
from desk.filters import user_estates
from desk.lists import ScopedFilterListView


class BillListView(ScopedFilterListView):
    model = Bill
    permission_required = "billing.view_bill"
    filterset_class = BillFilter
    template_name = "billing/bill_list.html"
    partial_template_name = "billing/partials/bill_rows.html"
    export_url_name = "billing:bill_export"
    export_filename = "bills"
    export_title = gettext_lazy("Bills")

    def get_base_queryset(self):
        open_amount = F("lines__amount") - F("lines__paid") - F("lines__waived")
        return (
            Bill.objects.select_related("unit__building", "estate")
            .annotate(
                open_total=Coalesce(
                    Sum(open_amount), Value(0), output_field=DecimalField(decimal_places=2)
                )
            )
            .order_by("-year", "-month", "unit__building__number", "unit__number")
        )

    def export_columns(self):
        return exports.bill_columns()


@login_required
@permission_required("billing.run_bills", raise_exception=True)
def bill_run_view(request):
    form = BillRunForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        year, month = form.cleaned_data["period"]
        job = bill_run_start(estate=form.chosen_estate(), year=year, month=month, by=request.user)
        return redirect("desk:job", pk=job.pk)
    estate = user_estates(request).first()
    if not form.is_bound and estate is not None:
        today = estate_today(estate)
        form.initial["period"] = f"{today.year}-{today.month:02d}"
    runs = BillRun.objects.for_user(request.user).select_related("estate")[:12]
    return render(request, "billing/bill_run.html", {"form": form, "runs": runs})
