from django.db import migrations

from desk.roles import grant_permissions

VIEW = ["inspections.view_round", "inspections.view_finding"]
PATROL = VIEW + ["inspections.patrol_round"]
FOLLOW = ["inspections.change_finding", "inspections.view_coverage"]
REVIEW = ["inspections.review_round"]
CONTRACTORS = ["inspections.view_contractor", "inspections.score_contractor"]
SET_UP = ["inspections.change_checklist"]

TABLE = {
    "service_rep": PATROL,
    "supervisor": PATROL + FOLLOW + REVIEW + ["inspections.view_contractor"],
    "housekeeping_supervisor": PATROL + FOLLOW + CONTRACTORS,
    "manager": PATROL + FOLLOW + REVIEW + CONTRACTORS + SET_UP,
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial"), ("desk", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
