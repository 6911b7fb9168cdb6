"""A complaint's work order refers to the complaint's resident, and reads the phone through
that link: set the link, and clear the copies of the resident's own numbers."""

from django.db import migrations
from django.db.models import F, OuterRef, Q, Subquery


def link_residents_and_clear_copied_phones(apps, schema_editor):
    WorkOrder = apps.get_model("workorders", "WorkOrder")
    Complaint = apps.get_model("complaints", "Complaint")
    WorkOrder.objects.filter(resident__isnull=True, complaint__resident__isnull=False).update(
        resident_id=Subquery(
            Complaint.objects.filter(pk=OuterRef("complaint_id")).values("resident_id")[:1]
        )
    )
    (
        WorkOrder.objects.filter(resident__isnull=False)
        .exclude(requested_by_phone="")
        .filter(
            Q(requested_by_phone=F("resident__mobile"))
            | Q(requested_by_phone=F("resident__phone_other"))
        )
        .update(requested_by_phone="")
    )


class Migration(migrations.Migration):
    dependencies = [("workorders", "0008_resident"), ("complaints", "0009_phone_through_resident")]

    operations = [
        migrations.RunPython(link_residents_and_clear_copied_phones, migrations.RunPython.noop)
    ]
