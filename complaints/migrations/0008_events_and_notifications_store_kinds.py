"""Timeline events and notifications store a kind and its values, not translated text.

The old rows held sentences in the writer's language (English or Chinese); each is mapped
back to its values where its form is known, and anything else is kept as a typed note
(shown as written). The complaints' notifications move into the inbox (desk.Notification).
"""

import re
import zoneinfo

from django.db import migrations, models

LEVELS = {"supervisor": 1, "manager": 2, "主管": 1, "经理": 2}
AUTO_REASONS = {"No handling plan within the time limit.", "未在时限内给出处理方案。"}
RULINGS = {
    "Valid · General": ("valid", "general", ""),
    "Valid · Severe": ("valid", "severe", ""),
    "Invalid · Ordinary (misunderstanding)": ("invalid", "", "ordinary"),
    "Invalid · Malicious": ("invalid", "", "malicious"),
    "有效 · 一般投诉": ("valid", "general", ""),
    "有效 · 恶性投诉": ("valid", "severe", ""),
    "无效 · 普通投诉（误解）": ("invalid", "", "ordinary"),
    "无效 · 恶意投诉": ("invalid", "", "malicious"),
}
VISITED = re.compile(r"^(?:Satisfaction|满意度) ([1-5])/5[.。]\s*(.*)$", re.S)
BY_HAND = [
    re.compile(r"^Escalated to the (supervisor|manager): (.*)$", re.S),
    re.compile(r"^已升级至(主管|经理)：(.*)$", re.S),
]
BY_CLOCK = [
    re.compile(r"^No handling plan by (\d{2}:\d{2}): escalated to the supervisor\.$"),
    re.compile(r"^截至 (\d{2}:\d{2}) 仍未给出处理方案，已升级至主管。$"),
]
DETAIL_URL = re.compile(r"^/complaints/(\d+)/$")


def _due(complaint):
    """The due time on the estate's clock, as the escalation wrote it."""
    try:
        zone = zoneinfo.ZoneInfo(complaint.estate.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    return complaint.first_response_due.astimezone(zone).strftime("%H:%M")


def escalation_values(text):
    """{"level", "note"} or {"level", "due"} from an escalation sentence, else None."""
    for pattern in BY_HAND:
        found = pattern.match(text)
        if found:
            return {"level": LEVELS[found[1]], "note": found[2]}
    for pattern in BY_CLOCK:
        found = pattern.match(text)
        if found:
            return {"level": 1, "due": found[1]}
    return None


def event_values(kind, text, complaint):
    text = (text or "").strip()
    if kind == "assigned":
        return {"assignee": text} if text else {}
    if kind == "ruled":
        for label, (validity, severity, invalid_kind) in RULINGS.items():
            if text == f"{label}." or text.startswith(f"{label}. "):
                note = text[len(label) + 1 :].strip()
                return {
                    "validity": validity,
                    "severity": severity,
                    "invalid_kind": invalid_kind,
                    "note": note,
                }
        # The seeded rulings wrote the reason only: the complaint's ruling is theirs.
        return {
            "validity": complaint.validity,
            "severity": complaint.severity,
            "invalid_kind": complaint.invalid_kind,
            "note": text,
        }
    if kind == "visited":
        found = VISITED.match(text)
        if found:
            return {"score": int(found[1]), "note": found[2].strip()}
    if kind == "escalated":
        if text in AUTO_REASONS:
            return {"level": 1, "due": _due(complaint)}
        values = escalation_values(text)
        if values is not None:
            return values
    return {"note": text} if text else {}


def forwards(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    Complaint.objects.filter(escalation_reason__in=AUTO_REASONS).update(escalation_reason="")
    events = ComplaintEvent.objects.select_related("complaint__estate").order_by("pk")
    batch = []
    for event in events.iterator(chunk_size=2000):
        event.values = event_values(event.kind, event.text, event.complaint)
        batch.append(event)
        if len(batch) == 2000:
            ComplaintEvent.objects.bulk_update(batch, ["values"])
            batch = []
    ComplaintEvent.objects.bulk_update(batch, ["values"])
    _move_notifications(apps)


def _move_notifications(apps):
    Complaint = apps.get_model("complaints", "Complaint")
    Old = apps.get_model("complaints", "Notification")
    New = apps.get_model("desk", "Notification")
    moved = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=2000):
        number, _sep, rest = old.text.partition(": ")
        link = DETAIL_URL.match(old.url or "")
        complaint = (
            Complaint.objects.filter(pk=link[1]).first()
            if link
            else Complaint.objects.filter(number=number).first()
        )
        values = escalation_values(rest) if complaint is not None else None
        if values is None:
            kind, values = "desk.note", {"note": old.text}
        elif "due" in values:
            kind, values = "complaints.overdue", {"number": number, **values}
        else:
            kind, values = "complaints.escalated", {"number": number, **values}
        moved.append(
            New(
                estate_id=complaint.estate_id if complaint is not None else None,
                recipient_id=old.recipient_id,
                kind=kind,
                values=values,
                url=old.url,
                created_at=old.created_at,
                read_at=old.read_at,
            )
        )
    New.objects.bulk_create(moved, batch_size=2000)


def backwards(apps, schema_editor):
    """Back to sentences, in English (the values cannot say which language they were)."""
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    for event in ComplaintEvent.objects.order_by("pk").iterator(chunk_size=2000):
        values = event.values or {}
        event.text = values.get("note") or values.get("assignee") or ""
        event.save(update_fields=["text"])
    Old = apps.get_model("complaints", "Notification")
    New = apps.get_model("desk", "Notification")
    Old.objects.bulk_create(
        Old(
            recipient_id=n.recipient_id,
            text=(f"{n.values.get('number', '')}: {n.values.get('note', '')}").strip(": ")[:300],
            url=n.url,
            created_at=n.created_at,
            read_at=n.read_at,
        )
        for n in New.objects.order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_estate_in_desk"),
        ("desk", "0008_notification"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaintevent",
            name="values",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        # Elidable: a new database has no old rows (tests/migration_data.py skips it too).
        migrations.RunPython(forwards, backwards, elidable=True),
        migrations.RemoveField(model_name="complaintevent", name="text"),
        migrations.DeleteModel(name="Notification"),
    ]
