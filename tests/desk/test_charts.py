"""The desk's chart include: a canvas desk.js draws from a json_script, and a table of the
same figures for screen readers and print."""

import json
from decimal import Decimal as D

from django.template.loader import render_to_string

from desk.charts import chart


def _chart():
    return chart(
        "rates",
        caption="Collection, the last 3 months",
        heading="Month",
        labels=["2026-09", "2026-10", "2026-11"],
        series=[("Current period", [D("50.0"), D("0.0"), None]), ("Recovered", [None, 1, 2])],
        unit="%",
        target=D("95"),
        target_label="Target",
    )


def test_the_chart_draws_from_its_data_and_says_the_same_in_a_table():
    html = render_to_string("partials/chart.html", {"chart": _chart()})

    assert '<canvas data-desk-chart="rates-data"' in html
    assert 'aria-hidden="true"' in html  # a screen reader reads the table instead
    script = html.split('<script id="rates-data" type="application/json">')[1]
    data = json.loads(script.split("</script>")[0])
    assert data == {
        "type": "line",
        "labels": ["2026-09", "2026-10", "2026-11"],
        "series": [
            {"label": "Current period", "values": [50.0, 0.0, None]},
            {"label": "Recovered", "values": [None, 1, 2]},
        ],
        "unit": "%",
        "target": 95.0,
        "targetLabel": "Target",
        "max": None,
    }
    table = html.split("<table")[1].split("</table>")[0]
    assert "<caption>Collection, the last 3 months</caption>" in table
    rows = [row.split("</tr>")[0] for row in table.split("<tr>")[2:]]
    assert rows[0] == (
        '<th scope="row">2026-09</th><td class="num">50.0%</td><td class="num">—</td>'
    )
    assert rows[2].endswith('<td class="num">—</td><td class="num">2%</td>')


def test_the_table_is_printed_instead_of_the_canvas(settings):
    css = (settings.BASE_DIR / "static/desk/css/desk.css").read_text()
    print_rules = css.split("@media print {")[-1]
    assert ".desk-chart .desk-chart-table.visually-hidden" in print_rules
    html = render_to_string("partials/chart.html", {"chart": _chart()})
    assert 'class="desk-chart-canvas d-print-none"' in html
