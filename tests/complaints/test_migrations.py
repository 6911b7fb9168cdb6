"""The stored sentences of older rows become kinds and values (a database that holds data).

complaints 0008 maps the timeline's sentences (English or Chinese, as their writer saw
them) to values, empties the clock's escalation reason, and moves the complaints'
notifications into the inbox.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles_survive_the_flush"),
]

# The migrator applies the whole plan up to its last target: one app per test.
COMPLAINTS = (
    ("complaints", "0007_estate_in_desk"),
    ("complaints", "0008_events_and_notifications_store_kinds"),
)
SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI)


def _old_world(apps):
    Estate = apps.get_model("desk", "Estate")
    User = apps.get_model("desk", "User")
    Complaint = apps.get_model("complaints", "Complaint")
    estate = Estate.objects.create(name="翠湖花园", code="CH", time_zone="Asia/Shanghai")
    user = User.objects.create(username="old-supervisor")
    complaint = Complaint.objects.create(
        estate=estate,
        number="TS-2026-000001",
        channel="phone",
        category="noise",
        complainant_name="张伟",
        subject="噪音",
        description="楼上装修",
        occurred_on=RECEIVED.date(),
        received_at=RECEIVED,
        received_by=user,
        first_response_due=RECEIVED + timedelta(minutes=30),
        escalation_level=1,
        escalation_reason="No handling plan within the time limit.",
        validity="valid",
        severity="general",
    )
    return estate, user, complaint


# (kind, text as stored before) → values after
COMPLAINT_EVENTS = [
    ("received", "", {}),
    ("assigned", "王芳", {"assignee": "王芳"}),
    ("responded", "今天内上门", {"note": "今天内上门"}),
    (
        "escalated",
        "No handling plan by 09:30: escalated to the supervisor.",
        {"level": 1, "due": "09:30"},
    ),
    ("escalated", "截至 09:30 仍未给出处理方案，已升级至主管。", {"level": 1, "due": "09:30"}),
    ("escalated", "未在时限内给出处理方案。", {"level": 1, "due": "09:30"}),  # the seeder's
    ("escalated", "Escalated to the manager: 媒体介入", {"level": 2, "note": "媒体介入"}),
    ("escalated", "已升级至主管：业主情绪激动", {"level": 1, "note": "业主情绪激动"}),
    (
        "ruled",
        "Invalid · Malicious. 匿名且无事实依据",
        {
            "validity": "invalid",
            "severity": "",
            "invalid_kind": "malicious",
            "note": "匿名且无事实依据",
        },
    ),
    (
        "ruled",
        "有效 · 恶性投诉.",
        {"validity": "valid", "severity": "severe", "invalid_kind": "", "note": ""},
    ),
    # The seeder wrote the reason only: the complaint's own ruling is taken.
    ("ruled", "", {"validity": "valid", "severity": "general", "invalid_kind": "", "note": ""}),
    ("visited", "Satisfaction 4/5. 挺好", {"score": 4, "note": "挺好"}),
    ("visited", "满意度 2/5。", {"score": 2, "note": ""}),
    ("visited", "业主说下次再评", {"note": "业主说下次再评"}),  # free text: kept as typed
    ("closed", "", {}),
]


def test_complaint_sentences_become_kinds_and_values(migrator):
    old = migrator.apply_initial_migration(COMPLAINTS[0]).apps
    estate, user, complaint = _old_world(old)
    ComplaintEvent = old.get_model("complaints", "ComplaintEvent")
    for kind, text, _values in COMPLAINT_EVENTS:
        ComplaintEvent.objects.create(complaint=complaint, at=RECEIVED, kind=kind, text=text)
    OldNotification = old.get_model("complaints", "Notification")
    read_at = RECEIVED + timedelta(hours=1)
    for text, url, read in [
        (
            "TS-2026-000001: Escalated to the supervisor: 业主情绪激动",
            f"/complaints/{complaint.pk}/",
            read_at,
        ),
        (
            "TS-2026-000001: 截至 09:30 仍未给出处理方案，已升级至主管。",
            f"/complaints/{complaint.pk}/",
            None,
        ),
        ("请到前台取文件", "", None),
    ]:
        OldNotification.objects.create(recipient=user, text=text, url=url, read_at=read)
    new = migrator.apply_tested_migration(COMPLAINTS[1]).apps

    events = new.get_model("complaints", "ComplaintEvent").objects.order_by("pk")
    assert [(e.kind, e.values) for e in events] == [(k, v) for k, _t, v in COMPLAINT_EVENTS]
    assert new.get_model("complaints", "Complaint").objects.get().escalation_reason == ""
    moved = new.get_model("desk", "Notification").objects.order_by("pk")
    assert [(n.estate_id, n.recipient_id, n.kind, n.values, n.url, n.read_at) for n in moved] == [
        (
            estate.pk,
            user.pk,
            "complaints.escalated",
            {"number": "TS-2026-000001", "level": 1, "note": "业主情绪激动"},
            f"/complaints/{complaint.pk}/",
            read_at,
        ),
        (
            estate.pk,
            user.pk,
            "complaints.overdue",
            {"number": "TS-2026-000001", "level": 1, "due": "09:30"},
            f"/complaints/{complaint.pk}/",
            None,
        ),
        (None, user.pk, "desk.note", {"note": "请到前台取文件"}, "", None),
    ]

    # Read by the product as it is now: the old English sentence shows in Chinese.
    migrator.reset()
    from django.utils import translation

    from desk.models import Notification

    with translation.override("zh-hans"):
        assert [n.text for n in Notification.objects.order_by("pk")] == [
            "TS-2026-000001 已升级至主管：业主情绪激动",
            "TS-2026-000001：截至 09:30 仍未给出处理方案，已升级至主管。",
            "请到前台取文件",
        ]
