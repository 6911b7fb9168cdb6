"""Surveys: the sheets and their codes, the resident's signed link (once, this sheet's only,
never tampered, nothing of the unit shown), the return rate counting paper and phone once,
low scores made opinions, and the results by value."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from desk.clock import estate_today
from desk.errors import BusinessRuleError
from tenants.models import Area, AreaBuilding
from tests.factories import BuildingFactory, OccupancyFactory, ResidentFactory, UnitFactory
from visits import services, survey_results
from visits.models import Opinion, SurveyResponse, SurveySheet
from visits.survey_services import (
    QuestionSpec,
    TokenRefused,
    code_is_well_formed,
    normalise_code,
    response_enter,
    response_from_phone,
    sheet_code,
    sheet_for_token,
    sheet_token,
    survey_create,
)

pytestmark = pytest.mark.django_db

QUESTIONS = [
    QuestionSpec(kind="score", service="cleaning"),
    QuestionSpec(kind="score", service="security"),
    QuestionSpec(kind="yes_no", text="您是否愿意推荐？", text_en="Would you recommend us?"),
    QuestionSpec(kind="text", text="其他意见", text_en="Anything else?"),
]


@pytest.fixture
def households(estate, unit, occupancy):
    """Three households: 3-1502 (张伟) and 3-1602 in building 3, 5-101 in building 5; 5-102
    is empty and gets no sheet."""
    second = UnitFactory(building=unit.building, number="1602", floor=16)
    OccupancyFactory(unit=second, resident=ResidentFactory(estate=estate, name="李娜"))
    five = BuildingFactory(estate=estate, number="5")
    third = UnitFactory(building=five, number="101", floor=1)
    OccupancyFactory(unit=third, resident=ResidentFactory(estate=estate, name="王强"))
    UnitFactory(building=five, number="102", floor=1)
    return [unit, second, third]


@pytest.fixture
def survey(estate, households, manager):
    today = estate_today(estate)
    return survey_create(
        estate=estate,
        title="2026年业户满意度调查",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=14),
        scope="estate",
        questions=QUESTIONS,
        by=manager,
    )


def _sheet(survey, unit):
    return SurveySheet.objects.get(survey=survey, unit=unit)


def _questions(survey):
    return list(survey.questions.order_by("position"))


def _answers(survey, cleaning=None, security=None, yes=None, text=""):
    q = _questions(survey)
    values = {q[0].pk: cleaning, q[1].pk: security, q[2].pk: yes, q[3].pk: text}
    return {k: v for k, v in values.items() if v not in (None, "")}


# Codes -----------------------------------------------------------------------------------


def test_a_sheet_code_carries_a_check_digit_that_catches_a_typo():
    code = sheet_code(7, 15)
    assert code == "7-0151"  # Luhn of 7015: 5·2=10→1, 1, 0·2=0, 7 → 9 → 1
    assert code_is_well_formed(code)
    assert not code_is_well_formed("7-0152")  # the last digit mistyped
    assert not code_is_well_formed("7-1051")  # two digits swapped
    assert normalise_code(" 7－0151 ") == "7-0151"


def test_each_household_of_the_scope_gets_one_sheet_and_a_code(survey, households):
    sheets = list(survey.sheets.order_by("code"))
    assert [s.unit for s in sheets] == households  # the empty 5-102 gets none
    assert [s.code for s in sheets] == [sheet_code(survey.pk, n) for n in (1, 2, 3)]


def test_a_survey_of_an_area_or_of_buildings_reaches_only_their_households(
    estate, households, manager, rep
):
    area = Area.objects.create(estate=estate, name="东区", rep=rep)
    AreaBuilding.objects.create(area=area, building=households[2].building)
    today = estate_today(estate)
    common = {"estate": estate, "title": "t", "starts_on": today, "ends_on": today}
    of_area = survey_create(**common, scope="area", area=area, questions=QUESTIONS, by=manager)
    assert [s.unit for s in of_area.sheets.all()] == [households[2]]
    of_building = survey_create(
        **common,
        scope="buildings",
        buildings=[households[0].building],
        questions=QUESTIONS,
        by=manager,
    )
    assert sorted(s.unit.number for s in of_building.sheets.all()) == ["1502", "1602"]
    with pytest.raises(BusinessRuleError, match="Choose an area"):
        survey_create(**common, scope="area", questions=QUESTIONS, by=manager)
    with pytest.raises(BusinessRuleError, match="at least one question"):
        survey_create(**common, scope="estate", questions=[], by=manager)


def test_staff_enter_a_returned_sheet_against_its_code(survey, households, front_desk):
    sheet = _sheet(survey, households[0])
    response = response_enter(
        survey=survey,
        code=sheet.code,
        answers=_answers(survey, cleaning=4, security=5, yes=True, text="电梯太慢"),
        by=front_desk,
    )
    assert response.channel == "paper" and response.entered_by == front_desk
    assert {(a.question.position, a.score, a.yes, a.text) for a in response.answers.all()} == {
        (1, 4, None, ""),
        (2, 5, None, ""),
        (3, None, True, ""),
        (4, None, None, "电梯太慢"),
    }
    wrong_digit = sheet.code[:-1] + str((int(sheet.code[-1]) + 1) % 10)
    with pytest.raises(BusinessRuleError, match="mistyped"):
        response_enter(survey=survey, code=wrong_digit, answers={}, by=front_desk)


def test_the_entry_page_takes_one_key_per_question(client_for, survey, households, front_desk):
    sheet = _sheet(survey, households[1])
    q = _questions(survey)
    url = reverse("visits:survey_entry", args=[survey.pk])
    client = client_for(front_desk)
    response = client.post(url, {"code": sheet.code, f"q{q[0].pk}": "7", f"q{q[2].pk}": "x"})
    html = response.content.decode()
    assert "Type a score from 1 to 5, or leave it blank." in html
    assert "Type y for yes or n for no, or leave it blank." in html
    assert not SurveyResponse.objects.exists()
    response = client.post(
        url, {"code": sheet.code, f"q{q[0].pk}": "2", f"q{q[1].pk}": "", f"q{q[2].pk}": "是"}
    )
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.sheet == sheet
    assert {(a.score, a.yes) for a in saved.answers.all()} == {(None, True), (2, None)}


# The resident's link ---------------------------------------------------------------------


def _link(sheet, token=None):
    return reverse("visits:survey_answer", args=[sheet.code, token or sheet_token(sheet)])


def test_a_resident_answers_once_by_the_link_without_logging_in(client, survey, households):
    sheet = _sheet(survey, households[0])
    q = _questions(survey)
    page = client.get(_link(sheet))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2026年业户满意度调查" in html
    # Nothing of the unit: not its number, not who lives there (the page's own text; the
    # sheet's code is in its address only).
    main = html.split("<main")[1]
    for secret in ("3-1502", "张伟", "13812345678", "翠湖"):
        assert secret not in html
    assert sheet.code not in main.replace(_link(sheet), "")

    done = client.post(_link(sheet), {f"q{q[0].pk}": "5", f"q{q[2].pk}": "no"})
    assert "Thank you: your answer is in." in done.content.decode()
    response = SurveyResponse.objects.get(sheet=sheet)
    assert response.channel == "phone" and response.entered_by is None
    assert {(a.score, a.yes) for a in response.answers.all()} == {(None, False), (5, None)}

    again = client.get(_link(sheet))
    assert again.status_code == 410
    assert "This survey sheet has been answered already." in again.content.decode()
    second = client.post(_link(sheet), {f"q{q[0].pk}": "1"})
    assert second.status_code == 410
    assert SurveyResponse.objects.count() == 1


def test_a_token_of_another_household_or_a_tampered_one_is_refused(client, survey, households):
    mine, theirs = _sheet(survey, households[0]), _sheet(survey, households[1])
    other = client.get(_link(mine, token=sheet_token(theirs)))
    assert other.status_code == 403
    assert "This link belongs to another household" in other.content.decode()

    token = sheet_token(mine)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    refused = client.get(_link(mine, token=tampered))
    assert refused.status_code == 403
    assert "This link is not valid." in refused.content.decode()
    forged = client.get(_link(mine, token="eyJzIjoxLCJ1IjoxfQ:forged"))
    assert forged.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_the_refusal_is_in_the_readers_language(client, survey, households):
    sheet = _sheet(survey, households[0])
    page = client.get(_link(sheet, token="nonsense"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 403
    assert "此链接无效" in page.content.decode()


def test_a_link_outside_the_survey_period_is_closed(survey, households):
    survey.ends_on = estate_today(survey.estate) - datetime.timedelta(days=1)
    survey.starts_on = survey.ends_on - datetime.timedelta(days=5)
    survey.save()
    sheet = _sheet(survey, households[0])
    with pytest.raises(TokenRefused) as refused:
        sheet_for_token(sheet.code, sheet_token(sheet))
    assert refused.value.code == "closed"


# Once per household ------------------------------------------------------------------------


def test_the_return_rate_counts_paper_and_phone_once_per_household(survey, households, front_desk):
    first, second, _third = (_sheet(survey, u) for u in households)
    response_from_phone(
        code=first.code, token=sheet_token(first), answers=_answers(survey, cleaning=4)
    )
    # The paper sheet of the same household comes back too: it does not count again.
    with pytest.raises(BusinessRuleError, match="answered already"):
        response_enter(
            survey=survey, code=first.code, answers=_answers(survey, cleaning=5), by=front_desk
        )
    response_enter(
        survey=survey, code=second.code, answers=_answers(survey, security=3), by=front_desk
    )
    with pytest.raises(TokenRefused) as refused:
        response_from_phone(
            code=second.code, token=sheet_token(second), answers=_answers(survey, cleaning=1)
        )
    assert refused.value.code == "used"

    results = survey_results.survey_results(survey, no_area_label="-")
    assert (results.total.whole, results.total.part) == (3, 2)
    assert results.total.rate == Decimal("66.7")  # 2 of 3
    assert not results.total.on_target  # against 70%
    assert (results.paper, results.phone) == (1, 1)
    assert [(r.label, r.whole, r.part, r.rate) for r in results.by_building] == [
        ("3", 2, 2, Decimal("100.0")),
        ("5", 1, 0, Decimal("0.0")),
    ]


def test_the_database_holds_one_answer_per_sheet(survey, households):
    sheet = _sheet(survey, households[0])
    common = {"sheet": sheet, "survey": survey, "estate": survey.estate, "channel": "phone"}
    SurveyResponse.objects.create(**common, received_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(**common, received_at=timezone.now())


# Results ------------------------------------------------------------------------------------


def test_the_results_by_question_service_area_and_against_the_last_survey(
    estate, survey, households, manager, front_desk, rep
):
    area = Area.objects.create(estate=estate, name="东区", rep=rep)
    AreaBuilding.objects.create(area=area, building=households[0].building)
    today = estate_today(estate)
    last = survey_create(
        estate=estate,
        title="上次调查",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=180),
        scope="estate",
        questions=QUESTIONS[:1],
        by=manager,
    )
    response_enter(
        survey=last,
        code=_sheet(last, households[0]).code,
        answers={last.questions.get().pk: 3},
        by=front_desk,
    )
    for unit, cleaning, security, yes, text in [
        (households[0], 5, 4, True, "楼道很干净"),
        (households[1], 4, 2, False, ""),
        (households[2], 2, None, True, "保安晚上不在岗"),
    ]:
        response_enter(
            survey=survey,
            code=_sheet(survey, unit).code,
            answers=_answers(survey, cleaning, security, yes, text),
            by=front_desk,
        )
    results = survey_results.survey_results(survey, no_area_label="In no area")
    cleaning, security, yes_no, free = results.questions
    assert (cleaning.count, cleaning.average) == (3, Decimal("3.67"))  # (5 + 4 + 2) / 3
    assert cleaning.distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    assert (security.count, security.average) == (2, Decimal("3.00"))
    assert (yes_no.yes, yes_no.no, yes_no.yes_share) == (2, 1, Decimal("66.7"))
    assert [(s.service, s.average, s.last_average, s.change) for s in results.services] == [
        ("cleaning", Decimal("3.67"), Decimal("3.00"), Decimal("0.67")),
        ("security", Decimal("3.00"), None, None),
    ]
    assert results.previous == last and results.previous_rate == Decimal("33.3")
    assert [(r.label, r.whole, r.part) for r in results.by_area] == [
        ("东区", 2, 2),
        ("In no area", 1, 1),
    ]
    assert sorted(a.text for a in results.free_texts) == ["保安晚上不在岗", "楼道很干净"]


def test_the_results_page_lists_every_low_score_a_page_at_a_time(
    client_for, monkeypatch, survey, households, front_desk, manager
):
    """Six low scores (two on each sheet), four a page: none is out of reach, and the page
    says how many there are."""
    for unit in households:
        response_enter(
            survey=survey,
            code=_sheet(survey, unit).code,
            answers=_answers(survey, cleaning=1, security=2),
            by=front_desk,
        )
    monkeypatch.setattr(survey_results, "LOW_SCORE_ROWS", 4)
    client = client_for(manager)
    url = reverse("visits:survey_detail", args=[survey.pk])
    shown = []
    for page, count, label in [(1, 4, "1–4 of 6"), (2, 2, "5–6 of 6")]:
        html = client.get(url, {"page": page}).content.decode()
        section = html[html.index('id="survey-opinions"') : html.index('id="survey-texts"')]
        assert (section.count('class="list-group-item'), label in section) == (count, True)
        shown += [o.pk for o in survey_results.low_score_page(survey, page).object_list]
    assert sorted(shown) == sorted(Opinion.objects.values_list("pk", flat=True))


def test_low_scores_become_opinions_to_answer(survey, households, front_desk, rep):
    response_enter(
        survey=survey,
        code=_sheet(survey, households[1]).code,
        answers=_answers(survey, cleaning=1, security=2),
        by=front_desk,
    )
    opinions = list(Opinion.objects.order_by("category"))
    assert [(o.unit, o.category, o.is_open, o.visit) for o in opinions] == [
        (households[1], "cleaning", True, None),
        (households[1], "security", True, None),
    ]
    assert opinions[0].summary == "Cleaning rated 1 of 5 in a survey"
    services.opinion_answer(opinion=opinions[0], answer="已安排保洁每日清扫两次", by=rep)
    opinions[0].refresh_from_db()
    assert not opinions[0].is_open
    order = services.opinion_to_work_order(
        opinion=opinions[1], trade="civil", priority="normal", by=rep
    )
    assert order.unit == households[1]
    assert Opinion.objects.open().count() == 0


# Pages ------------------------------------------------------------------------------------


def test_the_results_page_reads_the_same_queries_for_one_answer_or_three(
    client_for, survey, households, front_desk, manager, django_assert_max_num_queries
):
    client = client_for(manager)
    url = reverse("visits:survey_detail", args=[survey.pk])

    def enter(unit):
        response_enter(
            survey=survey,
            code=_sheet(survey, unit).code,
            answers=_answers(survey, 2, 1, True, "意见"),
            by=front_desk,
        )

    enter(households[0])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert 'id="return-rate"' in html and "33.3%" in html
    enter(households[1])
    enter(households[2])
    with CaptureQueriesContext(connection) as three:
        html = client.get(url).content.decode()
    assert "100.0%" in html
    assert len(three) == len(one)


def test_the_survey_list_reads_the_same_queries_for_one_survey_or_three(
    client_for, estate, survey, households, manager
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager)
    url = reverse("visits:survey_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    today = estate_today(estate)
    for n in range(2):
        survey_create(
            estate=estate,
            title=f"s{n}",
            starts_on=today,
            ends_on=today,
            scope="estate",
            questions=QUESTIONS[:1],
            by=manager,
        )
    with CaptureQueriesContext(connection) as three:
        html = client.get(url).content.decode()
    assert html.count('class="survey"') == 3
    assert len(three) == len(one)


def test_the_workbook_holds_the_results(client_for, survey, households, front_desk, manager):
    response_enter(
        survey=survey,
        code=_sheet(survey, households[0]).code,
        answers=_answers(survey, 5, 3, True, "好"),
        by=front_desk,
    )
    response = client_for(manager).get(reverse("visits:survey_export", args=[survey.pk]))
    content = b"".join(response.streaming_content)
    book = load_workbook(BytesIO(content))
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Sheets"] == 3 and summary["Answered"] == 1
    assert summary["Return rate (%)"] == pytest.approx(33.3)
    questions = list(book["Questions"].iter_rows(min_row=2, values_only=True))
    assert questions[0][2:9] == (1, 5.0, 1, 0, 0, 0, 0)
    assert list(book["Free text"].iter_rows(min_row=2, values_only=True))[0][1:3] == (
        "好",
        "3-1502",
    )


def test_the_printed_sheet_is_in_both_languages_with_its_code_and_link(
    client_for, survey, households, manager
):
    sheet = _sheet(survey, households[0])
    url = reverse("visits:survey_sheets", args=[survey.pk])
    html = client_for(manager).get(url, {"building": households[0].building_id}).content.decode()
    assert html.count('class="survey-sheet"') == 2  # building 3's two households
    assert sheet.code in html and sheet_token(sheet) in html
    assert "征询意见调查表 / Opinion survey" in html
    assert "5 · 非常满意 / 5 · Very satisfied" in html
    assert "您是否愿意推荐？ / Would you recommend us?" in html
    assert "清洁" in html or "保洁" in html


def test_the_return_target_is_the_estates_own(survey, households, front_desk, manager):
    for unit in households[:2]:
        response_enter(
            survey=survey,
            code=_sheet(survey, unit).code,
            answers=_answers(survey, cleaning=4),
            by=front_desk,
        )
    assert not survey_results.survey_results(survey, no_area_label="-").total.on_target
    services.visit_settings_update(
        estate=survey.estate,
        by=manager,
        answer_days=3,
        half_year_target=98,
        survey_return_target=60,
    )
    results = survey_results.survey_results(survey, no_area_label="-")
    assert (results.target, results.total.rate, results.total.on_target) == (
        Decimal(60),
        Decimal("66.7"),
        True,
    )
