"""Visit URLs × roles: service reps and supervisors visit and answer the opinions; managers
and the front desk read. Turning an opinion into a case also needs the case app's own
permission to create one. A manager builds the surveys; whoever takes returned sheets
enters them and reads the results; the resident's survey page is anonymous, its signed
token the only key (another estate's staff get it as anyone does: it is not scoped)."""

import datetime

from desk import roles
from tests.matrix import ALL_ROLES, Case

FD, REP, SUP, MGR = roles.FRONT_DESK, roles.SERVICE_REP, roles.SUPERVISOR, roles.MANAGER
READERS = {FD, REP, SUP, MGR}
VISITORS = {REP, SUP}


def _pk(name):
    return lambda world: [getattr(world, name).pk]


def build(world):
    from visits import services

    world.visit = services.visit_record(
        unit=world.unit,
        met=world.resident,
        kind="routine",
        opinions=[("楼道灯不亮", "repairs")],
        by=world.users[REP],
    )
    world.opinion = world.visit.opinions.get()

    from desk.clock import estate_today
    from visits.survey_services import QuestionSpec, sheet_token, survey_create

    today = estate_today(world.estate)
    world.survey = survey_create(
        estate=world.estate,
        title="2026年下半年业户意见调查",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=30),
        scope="estate",
        questions=[QuestionSpec(kind="score", service="cleaning")],
        by=world.users[MGR],
    )
    world.sheet = world.survey.sheets.get(unit=world.unit)
    world.token = sheet_token(world.sheet)


def _answer_link(world):
    return [world.sheet.code, world.token]


def _tampered_link(world):
    return [world.sheet.code, world.token[:-2] + ("AA" if world.token[-2:] != "AA" else "BB")]


CASES = [
    Case("visits:list", allowed=READERS),
    Case("visits:export", allowed=READERS),
    Case("visits:find_unit", allowed=VISITORS),
    Case("visits:new", args=_pk("unit"), allowed=VISITORS),
    Case("visits:new", args=_pk("unit"), method="post", allowed=VISITORS),
    Case("visits:detail", args=_pk("visit"), allowed=READERS),
    Case("visits:handling", allowed=READERS),
    Case("visits:plan", allowed=READERS),
    Case("visits:opinion_answer", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_answer", args=_pk("opinion"), method="post", allowed=VISITORS),
    Case("visits:opinion_to_complaint", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_to_complaint", args=_pk("opinion"), method="post", allowed=VISITORS),
    Case("visits:opinion_to_work_order", args=_pk("opinion"), allowed=VISITORS),
    Case("visits:opinion_to_work_order", args=_pk("opinion"), method="post", allowed=VISITORS),
    Case("visits:survey_list", allowed=READERS),
    Case("visits:survey_new", allowed={MGR}),
    Case("visits:survey_new", method="post", allowed={MGR}),
    Case("visits:survey_detail", args=_pk("survey"), allowed=READERS),
    Case("visits:survey_export", args=_pk("survey"), allowed=READERS),
    Case("visits:survey_sheets", args=_pk("survey"), allowed=READERS),
    Case("visits:survey_entry", args=_pk("survey"), allowed=READERS),
    Case("visits:survey_entry", args=_pk("survey"), method="post", allowed=READERS),
    Case(
        "visits:survey_answer",
        args=_answer_link,
        allowed=ALL_ROLES,
        anonymous=200,
        scoped=False,
        note="anonymous, token only",
    ),
    Case(
        "visits:survey_answer",
        args=_answer_link,
        method="post",
        allowed=ALL_ROLES,
        anonymous=200,
        scoped=False,
        note="anonymous, token only: an empty answer is refused and counts nothing",
    ),
    Case(
        "visits:survey_answer",
        args=_tampered_link,
        allowed=ALL_ROLES,
        ok=403,
        anonymous=403,
        scoped=False,
        note="a tampered token is refused for everyone",
    ),
]
