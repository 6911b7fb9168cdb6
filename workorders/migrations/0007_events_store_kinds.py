"""Work-order timeline events store a kind and its values, not translated text.

The old notes were mostly typed text (kept as the note); the few the product wrote itself
(the technician's name, "4/5 ...", the dissatisfied resident's reopening in English or
Chinese) are mapped back to their values.
"""

import re

from django.db import migrations, models

SCORED = re.compile(r"^([1-5])/5(?:\s+(.*))?$", re.S)
NOT_SATISFIED = [
    re.compile(r"^The resident is not satisfied \(([1-5])/5\)\.$"),
    re.compile(r"^业户不满意（([1-5])/5）。$"),
]


def event_values(kind, note):
    note = (note or "").strip()
    if kind == "dispatched":
        return {"assignee": note} if note else {}
    if kind == "verified":
        found = SCORED.match(note)
        if found:
            return {"score": int(found[1]), "note": (found[2] or "").strip()}
    if kind == "reopened":
        for pattern in NOT_SATISFIED:
            found = pattern.match(note)
            if found:
                return {"score": int(found[1]), "note": ""}
    return {"note": note} if note else {}


def forwards(apps, schema_editor):
    WorkOrderEvent = apps.get_model("workorders", "WorkOrderEvent")
    batch = []
    for event in WorkOrderEvent.objects.exclude(note="").order_by("pk").iterator(chunk_size=2000):
        event.values = event_values(event.kind, event.note)
        batch.append(event)
        if len(batch) == 2000:
            WorkOrderEvent.objects.bulk_update(batch, ["values"])
            batch = []
    WorkOrderEvent.objects.bulk_update(batch, ["values"])


def backwards(apps, schema_editor):
    WorkOrderEvent = apps.get_model("workorders", "WorkOrderEvent")
    for event in WorkOrderEvent.objects.exclude(values={}).order_by("pk").iterator():
        values = event.values
        score = f"{values['score']}/5 " if "score" in values else ""
        event.note = (score + (values.get("note") or values.get("assignee") or "")).strip()
        event.save(update_fields=["note"])


class Migration(migrations.Migration):
    dependencies = [("workorders", "0006_estate_in_desk")]

    operations = [
        migrations.AddField(
            model_name="workorderevent",
            name="values",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        # Elidable: a new database has no old rows (tests/migration_data.py skips it too).
        migrations.RunPython(forwards, backwards, elidable=True),
        migrations.RemoveField(model_name="workorderevent", name="note"),
    ]
