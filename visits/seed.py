"""Demo and reference visits and surveys: a half-year of resident visits (about 20,000 at
reference scale) by the area reps and the director, with their opinions mostly answered,
some made cases' worth of text, a few overdue; and two surveys of the first estate (the
last half-year's, closed, and this one's, still open) with realistic return rates on
paper and on the phone, their low scores made opinions. Bulk inserts only."""

import datetime
from collections import defaultdict

from desk import roles
from tenants.models import AreaBuilding, Occupancy, Unit
from tenants.seed import BUSY_UNIT
from visits.models import (
    Opinion,
    Service,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveySheet,
    Visit,
)
from visits.survey_services import LOW_SCORES, SERVICE_CATEGORY, sheet_code

BATCH = 2000
VISITS = {"tiny": 20, "demo": 400, "reference": 20_000}
DAYS = 182  # a half-year back from now
KINDS = [
    (Visit.Kind.ROUTINE, 55),
    (Visit.Kind.DIRECTOR, 20),
    (Visit.Kind.COMPLAINT, 10),
    (Visit.Kind.REPAIR, 10),
    (Visit.Kind.FEES, 5),
]
OPINIONS = {
    Opinion.Category.REPAIRS: [
        "楼道灯不亮，晚上回家不方便",
        "卫生间天花板渗水",
        "单元门禁时好时坏",
    ],
    Opinion.Category.CLEANING: ["垃圾桶清运不及时，有异味", "电梯轿厢地面不干净"],
    Opinion.Category.SECURITY: ["夜间有外来人员随意进出", "地下车库监控有盲区"],
    Opinion.Category.GREENING: ["楼下草坪太久没修剪", "希望增加儿童活动区的遮阴树"],
    Opinion.Category.PARKING: ["访客车辆占用业主车位"],
    Opinion.Category.NOISE: ["楼上装修噪音太大，周末早上也施工"],
    Opinion.Category.FEES: ["物业费明细希望更清楚"],
    Opinion.Category.SUGGESTION: ["建议增加快递柜", "希望小区开通微信缴费"],
}
ANSWERS = ["已安排维修人员上门处理", "已转告保洁主管，增加清扫频次", "已向业户解释并取得理解"]
NOTES = ["业户对服务总体满意", "", "", "提醒业户注意消防通道畅通", "业户不在家，留下联系卡"]
SURVEYS = [
    # title, days ago it opened, days it lasts, the share of households answering
    ("上半年业户满意度调查", 200, 35, 0.64),
    ("下半年业户满意度调查", 25, 40, 0.72),
]
# The chance of each score 1..5, per service: fees and repairs draw the most complaints.
SCORES = {
    Service.FRONT_DESK: [2, 4, 16, 43, 35],
    Service.CLEANING: [3, 6, 21, 42, 28],
    Service.SECURITY: [2, 5, 18, 45, 30],
    Service.REPAIRS: [4, 8, 24, 38, 26],
    Service.GREENING: [2, 4, 20, 44, 30],
    Service.FEES: [5, 9, 28, 36, 22],
}
FREE_TEXTS = [
    "电梯高峰期等待时间太长",
    "保安师傅很热情，谢谢",
    "希望多组织社区活动",
    "停车位太紧张",
]


def _pick(rng, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _staff_by_estate(ctx, role):
    found = defaultdict(list)
    for user in ctx.staff.get(role, []):
        for estate_id in user.estates.order_by("pk").values_list("pk", flat=True):
            found[estate_id].append(user)
    return found


def _households(estates):
    """{estate id: [(unit id, building id, [resident ids])]} of the units lived in."""
    residents = defaultdict(list)
    for unit_id, resident_id in (
        Occupancy.objects.current()
        .filter(unit__estate__in=estates)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "resident_id")
    ):
        residents[unit_id].append(resident_id)
    found = defaultdict(list)
    for pk, estate_id, building_id in (
        Unit.objects.filter(pk__in=list(residents))
        .order_by("pk")
        .values_list("pk", "estate_id", "building_id")
    ):
        found[estate_id].append((pk, building_id, residents[pk]))
    return found


def seed(ctx):
    rng, now = ctx.rng, ctx.now
    households = _households(ctx.estates)
    reps = _staff_by_estate(ctx, roles.SERVICE_REP)
    director = ctx.staff[roles.MANAGER][0]
    area_rep = dict(
        AreaBuilding.objects.filter(
            area__estate__in=ctx.estates, area__rep__isnull=False
        ).values_list("building_id", "area__rep_id")
    )
    busy = Unit.objects.filter(
        estate=ctx.estates[0], building__number=BUSY_UNIT[0], number=BUSY_UNIT[1]
    ).first()
    total = ctx.sizes.get("visits", VISITS.get(ctx.scale, 400))
    all_households = sum(len(h) for h in households.values()) or 1
    visits, lines = [], []
    for estate in ctx.estates:
        homes = households.get(estate.pk, [])
        if not homes:
            continue
        local = [u.pk for u in reps.get(estate.pk, [])] or [director.pk]
        count = total * len(homes) // all_households
        picks = [rng.choice(homes) for _ in range(count)]
        if busy is not None and estate == ctx.estates[0]:
            busy_home = next(h for h in homes if h[0] == busy.pk)
            picks += [busy_home] * 6
        for unit_id, building_id, residents in picks:
            kind = _pick(rng, KINDS)
            at = now - datetime.timedelta(minutes=rng.randint(30, DAYS * 24 * 60))
            at = at.replace(second=0, microsecond=0)
            by = (
                director.pk
                if kind == Visit.Kind.DIRECTOR
                else area_rep.get(building_id, rng.choice(local))
            )
            met = rng.choice(residents) if rng.random() < 0.82 else None
            visits.append(
                Visit(
                    estate=estate,
                    unit_id=unit_id,
                    met_id=met,
                    kind=kind,
                    at=at,
                    visited_by_id=by,
                    notes=rng.choice(NOTES) if met else "",
                )
            )
            raised = 0 if met is None else rng.choices([0, 1, 2], weights=[70, 25, 5])[0]
            lines.append(raised)
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    opinions = []
    for visit, raised in zip(visits, lines, strict=True):
        for _n in range(raised):
            opinions.append(_opinion(rng, now, visit))
    Opinion.objects.bulk_create(opinions, batch_size=BATCH)
    ctx.log(f"  visits: {len(visits)} visits, {len(opinions)} opinions")
    _seed_surveys(ctx, households.get(ctx.estates[0].pk, []), director)


def _opinion(rng, now, visit, *, survey_answer=None, category=None, text=None):
    if category is None:
        category = rng.choice(list(OPINIONS))
        text = rng.choice(OPINIONS[category])
    raised = visit.at if visit is not None else survey_answer.response.received_at
    due = raised + datetime.timedelta(days=3)
    answered = due < now and rng.random() < 0.93 or due >= now and rng.random() < 0.5
    answered_at = raised + datetime.timedelta(hours=rng.randint(2, 70)) if answered else None
    if answered_at is not None and answered_at > now:
        answered_at = None
    return Opinion(
        estate_id=visit.estate_id if visit is not None else survey_answer.response.estate_id,
        unit_id=visit.unit_id if visit is not None else survey_answer.response.sheet.unit_id,
        visit=visit,
        survey_answer=survey_answer,
        text=text or "",
        category=category,
        raised_at=raised,
        answer_due=due,
        answer=rng.choice(ANSWERS) if answered_at else "",
        answered_at=answered_at,
        answered_by_id=(visit.visited_by_id if visit is not None else None)
        if answered_at
        else None,
        overdue_notified_at=now if answered_at is None and due < now else None,
    )


def _seed_surveys(ctx, homes, director):
    """Two surveys of the first estate's households, each sheet answered or not."""
    rng, now = ctx.rng, ctx.now
    if not homes:
        return
    estate = ctx.estates[0]
    answerer = director.pk
    for title, ago, lasts, share in SURVEYS:
        starts = (now - datetime.timedelta(days=ago)).date()
        survey = Survey.objects.create(
            estate=estate,
            title=title,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=lasts),
            scope=Survey.Scope.ESTATE,
            created_by=director,
        )
        questions = SurveyQuestion.objects.bulk_create(
            [
                SurveyQuestion(survey=survey, position=i, kind="score", service=service)
                for i, service in enumerate(Service.values, start=1)
            ]
            + [
                SurveyQuestion(
                    survey=survey,
                    position=7,
                    kind="yes_no",
                    text="您是否愿意向亲友推荐本小区的物业服务？",
                    text_en="Would you recommend our property services?",
                ),
                SurveyQuestion(
                    survey=survey,
                    position=8,
                    kind="text",
                    text="您对我们的服务还有什么意见和建议？",
                    text_en="Any other opinions or suggestions?",
                ),
            ]
        )
        width = max(3, len(str(len(homes))))
        sheets = SurveySheet.objects.bulk_create(
            [
                SurveySheet(
                    survey=survey,
                    estate=estate,
                    unit_id=unit_id,
                    code=sheet_code(survey.pk, n, width),
                )
                for n, (unit_id, _b, _r) in enumerate(homes, start=1)
            ],
            batch_size=BATCH,
        )
        open_days = max(1, min((now.date() - starts).days, lasts))
        responses = []
        for sheet in sheets:
            if rng.random() >= share:
                continue
            phone = rng.random() < 0.3
            at = (
                now
                - datetime.timedelta(days=ago)
                + datetime.timedelta(minutes=rng.randint(60, open_days * 24 * 60))
            )
            responses.append(
                SurveyResponse(
                    sheet=sheet,
                    survey=survey,
                    estate=estate,
                    channel="phone" if phone else "paper",
                    received_at=min(at, now),
                    entered_by_id=None if phone else answerer,
                )
            )
        SurveyResponse.objects.bulk_create(responses, batch_size=BATCH)
        answers = []
        for response in responses:
            for question in questions:
                if question.kind == "score":
                    if rng.random() < 0.04:
                        continue  # left blank
                    score = rng.choices([1, 2, 3, 4, 5], weights=SCORES[question.service])[0]
                    answers.append(SurveyAnswer(response=response, question=question, score=score))
                elif question.kind == "yes_no":
                    answers.append(
                        SurveyAnswer(response=response, question=question, yes=rng.random() < 0.86)
                    )
                elif rng.random() < 0.15:
                    answers.append(
                        SurveyAnswer(
                            response=response, question=question, text=rng.choice(FREE_TEXTS)
                        )
                    )
        SurveyAnswer.objects.bulk_create(answers, batch_size=BATCH)
        opinions = [
            _opinion(
                rng,
                now,
                None,
                survey_answer=answer,
                category=SERVICE_CATEGORY[answer.question.service],
                text="",
            )
            for answer in answers
            if answer.score in LOW_SCORES
        ]
        for opinion in opinions:
            if opinion.answered_at is not None:
                opinion.answered_by_id = answerer
        Opinion.objects.bulk_create(opinions, batch_size=BATCH)
        ctx.log(
            f"  visits: survey {survey.pk} {len(responses)} of {len(sheets)} sheets answered, "
            f"{len(opinions)} low scores"
        )
