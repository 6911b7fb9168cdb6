import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("visits", "0004_opinion_units"), ("tenants", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="opinion",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tenants.unit",
                verbose_name="unit",
            ),
        ),
    ]
