"""A chart on a desk page: the data a Chart.js chart draws, and the table that says the same.

A panel's context builds one with `chart(...)`; its template includes it:

    {% include "partials/chart.html" with chart=collection_chart %}

which renders a <canvas> (drawn by desk.js from the data, a `json_script`, with Chart.js
vendored under static/vendor) and a <table> of the same figures, read by screen readers
and printed instead of the canvas.
"""

from dataclasses import dataclass, field
from decimal import Decimal


def _number(value):
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


@dataclass(frozen=True)
class Series:
    label: str
    values: list


@dataclass(frozen=True)
class Chart:
    id: str
    caption: str
    heading: str  # the labels' column in the table
    labels: list
    series: list
    kind: str = "line"  # a Chart.js type: line, bar
    unit: str = ""  # after each value: "%"
    target: Decimal | None = None
    target_label: str = ""
    max: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    @property
    def data(self) -> dict:
        """What desk.js draws (numbers as JSON numbers, gaps as null)."""
        return {
            "type": self.kind,
            "labels": [str(label) for label in self.labels],
            "series": [
                {"label": str(s.label), "values": [_number(v) for v in s.values]}
                for s in self.series
            ],
            "unit": self.unit,
            "target": _number(self.target),
            "targetLabel": str(self.target_label),
            "max": self.max,
        }

    @property
    def rows(self) -> list:
        """The table's rows: (label, [each series' value])."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]


def chart(id, *, caption, heading, labels, series, **options) -> Chart:
    """A chart of `series` ((label, values) pairs, one value per label)."""
    return Chart(
        id=id,
        caption=str(caption),
        heading=str(heading),
        labels=list(labels),
        series=[Series(str(label), list(values)) for label, values in series],
        **options,
    )
