"""A registered resident's complaint reads the phone through its resident link: clear the
copies intake made of the resident's own numbers (a visitor's number stays)."""

from django.db import migrations
from django.db.models import F, Q


def clear_copied_phones(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    (
        Complaint.objects.filter(resident__isnull=False)
        .exclude(complainant_phone="")
        .filter(
            Q(complainant_phone=F("resident__mobile"))
            | Q(complainant_phone=F("resident__phone_other"))
        )
        .update(complainant_phone="")
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0008_events_and_notifications_store_kinds"), ("tenants", "0005_estate_to_desk")]

    operations = [migrations.RunPython(clear_copied_phones, migrations.RunPython.noop)]
