from desk import roles
from tests.matrix import ALL_ROLES, Case

CASES = [
    Case("home", allowed=ALL_ROLES),
    Case("staff_list", allowed={roles.MANAGER}),
    Case("staff_new", allowed={roles.MANAGER}),
    Case(
        "staff_edit",
        args=lambda w: [w.staff_member.pk],
        allowed={roles.MANAGER},
    ),
]

# The estate settings (desk.views_settings): the manager's, one save per section.
CASES += [
    Case("estate_settings_list", allowed={roles.MANAGER}),
    Case("estate_settings", args=lambda w: [w.estate.pk], allowed={roles.MANAGER}),
    Case(
        "estate_settings_save",
        args=lambda w: [w.estate.pk, "complaints"],
        method="post",
        data=lambda w: {
            "complaints-first_response_minutes": "30",
            "complaints-late_report_days": "30",
        },
        allowed={roles.MANAGER},
        ok=302,
    ),
]

# The Reports page (the monthly statistics workbook): the manager's; a month built from it.
CASES += [
    Case("reports", allowed={roles.MANAGER}),
    Case(
        "reports",
        method="post",
        data=lambda w: {"estate": w.estate.pk, "month": "2026-10"},
        allowed={roles.MANAGER},
        ok=302,
        note="builds a month (a job)",
    ),
]

# The job page and its result file (desk.jobs): another person's register import, which
# the roles that may import the register can follow.
CASES += [
    Case("desk:job", args=lambda w: [w.job.pk], allowed={roles.SUPERVISOR, roles.MANAGER}),
    Case("desk:job_file", args=lambda w: [w.job.pk], allowed={roles.SUPERVISOR, roles.MANAGER}),
]


def _finished_import_job(world):
    from django.core.files.base import ContentFile
    from django.db import transaction

    from desk.jobs import job_finish
    from desk.models import Job
    from tenants.import_services import IMPORT_JOB
    from tests.factories import UserFactory

    importer = UserFactory(
        username="matrix-importer", roles=[roles.MANAGER], estates=[world.estate]
    )
    job = Job.objects.create(
        kind=IMPORT_JOB, estate=world.estate, created_by=importer, status=Job.Status.RUNNING
    )
    with transaction.atomic():
        job_finish(job, result={"rows": 1}, file_name="result.txt", content=ContentFile(b"1"))
    return job


def build(world):
    from desk.inbox import NOTE, notify
    from tests.factories import UserFactory

    # The manager's own notification: anyone else's inbox does not have it (404).
    world.notification = notify(
        estate=world.estate,
        kind=NOTE,
        values={"note": "matrix"},
        url="/",
        user=world.users[roles.MANAGER],
    )[0]

    world.staff_member = UserFactory(
        username="matrix-staff", roles=[roles.FRONT_DESK], estates=[world.estate]
    )
    world.job = _finished_import_job(world)


# The inbox (desk.views_inbox): every role's own.
CASES += [
    Case("inbox", allowed=ALL_ROLES),
    Case("inbox", data=lambda w: {"unread": "1"}, allowed=ALL_ROLES),
    Case("inbox_read_all", method="post", ok=302, allowed=ALL_ROLES),
    Case(
        "inbox_open",
        args=lambda w: [w.notification.pk],
        method="post",
        ok=302,
        allowed={roles.MANAGER},
        expect=dict.fromkeys(ALL_ROLES - {roles.MANAGER}, 404),
        note="another's notification is a 404",
    ),
]

# The POST of each form page, empty: the form is shown again (200) to who may send it,
# 403 for the others, 404 for another estate's manager; nothing changes.
CASES += [
    Case("staff_new", method="post", allowed={roles.MANAGER}),
    Case("staff_edit", args=lambda w: [w.staff_member.pk], method="post", allowed={roles.MANAGER}),
]
