"""Step 2 of 3 of Estate's move to desk (see desk 0006): the register's links to an estate
point at desk.Estate, and tenants drops its Estate from the state, last, once every app's
link has moved. State only: no table changes here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("tenants", "0004_estate_settings"),
        ("desk", "0006_estate"),
        ("complaints", "0007_estate_in_desk"),
        ("workorders", "0006_estate_in_desk"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalresident',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='historicalunit',
                    name='estate',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='resident',
                    name='estate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='residents', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='unit',
                    name='estate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='units', to='desk.estate', verbose_name='estate'),
                ),
                migrations.AlterField(
                    model_name='building',
                    name='estate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='buildings', to='desk.estate', verbose_name='estate'),
                ),
                migrations.DeleteModel(name="HistoricalEstate"),
                migrations.DeleteModel(name="Estate"),
            ],
            database_operations=[],
        ),
    ]
