"""The mail room's section of the shift handover (desk/handover.py): the mail not collected
at the end of the shift, by kind and by age, with the flagged items named. Plain values
(the handover keeps them as they were): kinds as codes, times in the estate's zone."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from desk.clock import local_time
from mailroom.models import AWAITING, MailItem
from mailroom.selectors import age_q, settings_of

LISTED = 30  # the flagged items named in the handover; the count has them all


def uncollected_for_handover(estate, window, user) -> dict:
    rows = settings_of([estate])
    awaiting = MailItem.objects.filter(estate=estate, status__in=AWAITING)
    flagged_q = age_q([estate], "flag_after_days", rows)
    # By kind, each kind's counts by age; the totals are their sums (one query).
    by_kind = list(
        awaiting.order_by()
        .values("kind")
        .annotate(
            count=Count("pk"),
            flagged=Count("pk", filter=flagged_q),
            to_return=Count("pk", filter=age_q([estate], "return_after_days", rows)),
            this_shift=Count("pk", filter=_in_window(window)),
        )
    )
    counts = {
        key: sum(row[key] for row in by_kind)
        for key in ("count", "flagged", "to_return", "this_shift")
    }
    flagged = (
        awaiting.filter(flagged_q)
        .select_related("unit__building", "resident")
        .order_by("received_at", "pk")[:LISTED]
    )
    return {
        **counts,
        "days": rows[estate.pk].flag_after_days,
        "by_kind": sorted([row["kind"], row["count"]] for row in by_kind),
        "flagged_items": [
            {
                "pk": item.pk,
                "kind": item.kind,
                "unit": item.unit.label if item.unit_id else "",
                "recipient": item.resident.name if item.resident_id else item.recipient_name,
                "shelf": item.shelf,
                "received": local_time(estate, item.received_at).strftime("%Y-%m-%d %H:%M"),
            }
            for item in flagged
        ],
    }


def _in_window(window):
    return Q(received_at__gte=window.start, received_at__lt=window.end)


def prepare(data: dict) -> dict:
    """Kinds as labels in the reader's language."""
    labels = dict(MailItem.Kind.choices)
    return {
        **data,
        "by_kind": [[str(labels.get(kind, kind)), n] for kind, n in data.get("by_kind", [])],
        "flagged_items": [
            {**item, "kind": str(labels.get(item["kind"], item["kind"]))}
            for item in data.get("flagged_items", [])
        ],
    }


def register():
    from desk.handover import register_handover_section

    register_handover_section(
        "mailroom.uncollected",
        title=_("Mail not collected"),
        template="mailroom/handover_uncollected.html",
        context=uncollected_for_handover,
        order=40,
        prepare=prepare,
    )
