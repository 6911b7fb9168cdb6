"""Around the visits: the unit page's survey answers, the home panels of the rep, the
supervisor and the manager by value, the monthly workbook's sheet and Summary targets, and
the seeded half-year."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from desk import seeding
from desk.clock import estate_today
from tests.factories import OccupancyFactory, ResidentFactory, UnitFactory
from visits import reports
from visits.models import Opinion, Survey, SurveyResponse, Visit
from visits.survey_services import QuestionSpec, response_enter, survey_create

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Sheet:
    def __init__(self):
        self.rows = []

    def append(self, row):
        self.rows.append(list(row))


@pytest.fixture
def survey(estate, unit, occupancy, manager):
    second = UnitFactory(building=unit.building, number="1602", floor=16)
    OccupancyFactory(unit=second, resident=ResidentFactory(estate=estate))
    today = estate_today(estate)
    return survey_create(
        estate=estate,
        title="业户满意度调查",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=10),
        scope="estate",
        questions=[QuestionSpec(kind="score", service="cleaning")],
        by=manager,
    )


def _enter(survey, unit, score, by):
    sheet = survey.sheets.get(unit=unit)
    return response_enter(
        survey=survey, code=sheet.code, answers={survey.questions.get().pk: score}, by=by
    )


def test_the_unit_page_shows_its_survey_answers(client_for, survey, unit, front_desk, manager):
    _enter(survey, unit, 2, front_desk)
    html = client_for(manager).get(reverse("tenants:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="unit-survey-answers"' in html
    assert "业户满意度调查" in html and "Cleaning: 2" in html


def test_the_reps_panel_lists_the_opinions_due_in_their_area(client_for, area, record, rep, unit):
    # Minutes ago, not the fixture's hour: at 00:10 an hour ago is yesterday's round.
    record(at=timezone.now() - datetime.timedelta(minutes=5), opinions=[("楼道灯不亮", "repairs")])
    html = client_for(rep).get(reverse("home")).content.decode()
    assert 'id="home-visits-rep"' in html
    assert "1 visit recorded today" in html
    assert "1 opinion due an answer" in html and "楼道灯不亮" in html


def test_the_reps_panel_counts_their_areas_as_rep_or_deputy_and_their_own_visits(
    client_for, area, record, rep, unit, estate
):
    from desk import roles
    from tests.factories import BuildingFactory, UserFactory

    deputy, colleague = (UserFactory(roles=[roles.SERVICE_REP], estates=[estate]) for _ in "ab")
    area.deputy = deputy
    area.save()
    elsewhere = UnitFactory(building=BuildingFactory(estate=estate, number="9"), number="101")
    soon = timezone.now() - datetime.timedelta(minutes=5)
    record(at=soon, by=colleague, opinions=[("area one", "repairs"), ("area two", "noise")])
    record(unit=elsewhere, met=None, at=soon, by=colleague, opinions=[("elsewhere", "other")])

    def panel(user):
        return client_for(user).get(reverse("home")).content.decode()

    for user in (rep, deputy):
        html = panel(user)
        assert "2 opinions due an answer" in html and "area two" in html
        assert "elsewhere" not in html
    html = panel(colleague)
    assert "3 opinions due an answer" in html and "elsewhere" in html and "area one" in html


def test_the_supervisors_panel_shows_the_handling_rate_and_the_overdue(
    client_for, record, rep, supervisor
):
    visit = record(
        at=timezone.now() - datetime.timedelta(minutes=5),
        opinions=[("a", "repairs"), ("b", "noise")],
    )
    first, second = visit.opinions.order_by("pk")
    from visits import services

    services.opinion_answer(opinion=first, answer="已处理", by=rep)
    Opinion.objects.filter(pk=second.pk).update(
        answer_due=timezone.now() - datetime.timedelta(hours=1)
    )
    html = client_for(supervisor).get(reverse("home")).content.decode()
    assert 'id="home-handling-rate"' in html
    assert ": 1 of 2 handled" in html and "50.0%" in html
    assert "1 opinion overdue" in html


def test_the_managers_panel_shows_the_director_visits_and_the_return_rate(
    client_for, survey, unit, occupancy, manager, front_desk
):
    Visit.objects.create(
        estate=unit.estate,
        unit=unit,
        met=occupancy.resident,
        kind="director",
        at=timezone.now() - datetime.timedelta(minutes=5),
        visited_by=manager,
    )
    _enter(survey, unit, 4, front_desk)
    html = client_for(manager).get(reverse("home")).content.decode()
    assert "1 of 2 households visited by the director" in html
    assert 'id="home-visit-rate"' in html and "50.0%" in html
    assert "1 of 2 sheets answered" in html


@time_machine.travel(datetime.datetime(2026, 7, 1, 0, 30, tzinfo=SHANGHAI), tick=False)
def test_the_monthly_sheet_and_its_summary_on_the_estates_calendar(
    estate, unit, occupancy, rep, manager, front_desk
):
    """June in Shanghai: a director's visit at 23:30 on 30 June counts, one at 00:10 on
    1 July (still 30 June in UTC) is July's and the second half-year's."""
    june = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=SHANGHAI)
    july = datetime.datetime(2026, 7, 1, 0, 10, tzinfo=SHANGHAI)
    from visits import services

    visit = services.visit_record(
        unit=unit,
        met=occupancy.resident,
        kind="director",
        at=june,
        opinions=[("a", "repairs"), ("b", "noise")],
        by=manager,
    )
    services.opinion_answer(opinion=visit.opinions.first(), answer="ok", by=rep)
    services.visit_record(unit=unit, met=None, kind="routine", at=july, by=rep)
    survey = Survey.objects.create(
        estate=estate,
        title="六月调查",
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 6, 30),
        created_by=manager,
    )
    from visits.survey_services import sheets_create

    sheets_create(survey, [unit.pk])
    SurveyResponse.objects.create(
        sheet=survey.sheets.get(),
        survey=survey,
        estate=estate,
        channel="paper",
        received_at=june,
    )

    sheet = Sheet()
    reports.monthly_report_sheet(sheet, estate=estate, year=2026, month=6)
    rows = sheet.rows
    assert rows[1] == ["Visits", 1]
    assert rows[2] == ["Visits where someone was met", 1]
    assert ["Director's half-year visit", 1] in rows
    total = next(r for r in rows if r and r[0] == "Total")
    assert total[1:4] == [2, 1, 0] and total[4].value == 0.5
    director = next(r for r in rows if r and r[0] == "Director: every household")
    assert director[1:3] == [1, 1] and director[3].value == 1.0
    assert next(r for r in rows if r and r[0] == "六月调查")[:3] == ["六月调查", 1, 1]

    targets = {str(t.label): (t.value, t.goal) for t in reports.monthly_summary(estate, 2026, 6)}
    assert targets == {
        "Opinions raised on visits answered": (0.5, 1.0),
        "Households visited by the director this half-year": (1.0, 0.98),
        "Survey return rate": (1.0, 0.7),
    }
    july_targets = reports.monthly_summary(estate, 2026, 7)
    assert [t.value for t in july_targets] == [None, 0.0]  # nobody met; no survey in July


def test_the_seeded_half_year_has_visits_opinions_and_two_surveys():
    ctx, ran = seeding.run("tiny", seed=3)
    assert "visits" in ran
    assert Visit.objects.count() >= 20
    assert Opinion.objects.filter(visit__isnull=False).exists()
    surveys = list(Survey.objects.order_by("starts_on"))
    assert len(surveys) == 2
    for survey in surveys:
        sheets, answered = survey.sheets.count(), survey.responses.count()
        assert sheets > 0 and 0.3 <= answered / sheets <= 1.0
    assert Opinion.objects.filter(survey_answer__isnull=False).count() == (
        Opinion.objects.filter(survey_answer__score__lte=2).count()
    )
    assert all(v.at <= ctx.now for v in Visit.objects.all())
