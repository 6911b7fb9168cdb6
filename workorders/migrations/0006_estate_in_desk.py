"""The work orders' links to an estate now point at desk.Estate (see desk 0006): state only,
the columns and their constraints already reference the estate table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("workorders", "0005_estate_settings"),
        ("desk", "0006_estate"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalworkorder',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='historicalworkordersettings',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='workorder',
                    name='estate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='workordersettings',
                    name='estate',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='workorder_settings', to='desk.estate', verbose_name='estate'),
                ),
            ],
            database_operations=[],
        ),
    ]
