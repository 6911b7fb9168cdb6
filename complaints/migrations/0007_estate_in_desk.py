"""The complaints' links to an estate now point at desk.Estate (see desk 0006): state only,
the columns and their constraints already reference the estate table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0006_estate_settings"),
        ("desk", "0006_estate"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='complaint',
                    name='estate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='complaintsettings',
                    name='estate',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='complaint_settings', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='historicalcomplaint',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='historicalcomplaintsettings',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
            ],
            database_operations=[],
        ),
    ]
