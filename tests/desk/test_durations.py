"""Ages and overdue times read in words in both languages, and one date format per
language (the lists' own, 2026-03-02 15:10) wherever a page prints a date."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from desk.durations import duration_words, overdue_by, time_left

EN_ZH = [
    (6052, "1 h 40 min", "1小时40分"),
    (45 * 60, "45 min", "45分"),
    (90000, "1 d 1 h", "1天1小时"),
    (0, "0 min", "0分"),
]


@pytest.mark.parametrize("seconds, english, chinese", EN_ZH)
def test_a_span_in_words(seconds, english, chinese):
    with translation.override("en"):
        assert duration_words(seconds) == english
    with translation.override("zh-hans"):
        assert duration_words(seconds) == chinese


def test_overdue_and_left_in_words_not_as_a_clock():
    with translation.override("en"):
        assert overdue_by(-6052) == "overdue 1 h 40 min"
        assert time_left(25 * 60 + 5, with_seconds=True) == "25 min 05 s left"
    with translation.override("zh-hans"):
        assert overdue_by(-6052) == "已超时1小时40分"
        assert time_left(25 * 60 + 5, with_seconds=True) == "剩余25分05秒"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_page_prints_dates_in_the_lists_format_in_either_language(language):
    template = Template("{{ day }} | {{ at }} | {{ day|date }} | {{ at|date }} | {{ at|time }}")
    at = datetime.datetime(2026, 3, 2, 15, 10, tzinfo=datetime.UTC)
    with translation.override(language), timezone.override(datetime.UTC):
        text = template.render(Context({"day": datetime.date(2026, 3, 2), "at": at}))
    assert text == "2026-03-02 | 2026-03-02 15:10 | 2026-03-02 | 2026-03-02 | 15:10"
