"""The reveal log gains its estate (from the resident, for the rows there are), a purpose and
the record the number was seen on: a technician's call link logs a row with no resident when
the number is the caller's own."""

import django.db.models.deletion
from django.db import migrations, models


def estates_from_residents(apps, schema_editor):
    ContactReveal = apps.get_model("tenants", "ContactReveal")
    Resident = apps.get_model("tenants", "Resident")
    ContactReveal.objects.update(
        estate_id=models.Subquery(
            Resident.objects.filter(pk=models.OuterRef("resident_id")).values("estate_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0006_estate"),
        ("tenants", "0008_unit_natural_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactreveal",
            name="estate",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="desk.estate",
                verbose_name="estate",
            ),
        ),
        migrations.RunPython(estates_from_residents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactreveal",
            name="estate",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="desk.estate",
                verbose_name="estate",
            ),
        ),
        migrations.AlterField(
            model_name="contactreveal",
            name="resident",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reveals",
                to="tenants.resident",
                verbose_name="resident",
            ),
        ),
        migrations.AddField(
            model_name="contactreveal",
            name="purpose",
            field=models.CharField(
                choices=[("reveal", "revealed with a reason"), ("call", "call before the visit")],
                default="reveal",
                max_length=16,
                verbose_name="purpose",
            ),
        ),
        migrations.AddField(
            model_name="contactreveal",
            name="subject",
            field=models.CharField(blank=True, max_length=40, verbose_name="record"),
        ),
        migrations.AlterField(
            model_name="contactreveal",
            name="reason",
            field=models.CharField(blank=True, max_length=200, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="contactreveal",
            name="field",
            field=models.CharField(
                choices=[
                    ("mobile", "mobile"),
                    ("phone_other", "other phone"),
                    ("emergency_contact_phone", "emergency contact phone"),
                    ("id_number", "ID number"),
                    ("requester_phone", "requester's phone"),
                ],
                max_length=32,
                verbose_name="field",
            ),
        ),
    ]
