from django.db import migrations
from django.db.models import OuterRef, Subquery


def opinion_units(apps, schema_editor):
    """Every opinion so far was raised on a visit: its unit is the visit's."""
    Opinion = apps.get_model("visits", "Opinion")
    Visit = apps.get_model("visits", "Visit")
    Opinion.objects.filter(unit__isnull=True).update(
        unit_id=Subquery(Visit.objects.filter(pk=OuterRef("visit_id")).values("unit_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("visits", "0003_surveys")]

    operations = [migrations.RunPython(opinion_units, migrations.RunPython.noop, elidable=True)]
