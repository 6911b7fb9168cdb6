"""The patrol-point stickers: each carries a QR code of its point's code, drawn inline."""

import re

import pytest
import segno
from django.urls import reverse

pytestmark = pytest.mark.django_db

SVG = re.compile(r'<svg role="img" aria-label="([^"]+)" viewBox="0 0 (\d+) \2"[^>]*>(.*?)</svg>')


def _dark_modules(path_d: str, border: int) -> set[tuple[int, int]]:
    """The (row, column) of each dark module segno's path draws: one horizontal stroke per
    run, at half a module below the row's top ("M2 2.5h7m2 0h1…")."""
    x = y = 0.0
    dark = set()
    for command, arguments in re.findall(r"([Mmh])([-\d. ]+)", path_d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arguments)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            row = int(y - 0.5) - border
            dark |= {(row, int(x) + i - border) for i in range(int(numbers[0]))}
            x += numbers[0]
    return dark


def _segno_dark_modules(code: str) -> set[tuple[int, int]]:
    matrix = segno.make_qr(code, error="m").matrix
    return {(r, c) for r, row in enumerate(matrix) for c, value in enumerate(row) if value}


def test_each_sticker_draws_the_qr_code_of_its_points_code(client_for, manager, route):
    html = client_for(manager).get(reverse("inspections:point_labels")).content.decode()
    stickers = SVG.findall(html)
    assert [label for label, _size, _body in stickers] == [point.code for point in route]
    for point, (_label, size, body) in zip(route, stickers, strict=True):
        path_d = re.search(r' d="([^"]+)"', body).group(1)
        modules = len(segno.make_qr(point.code, error="m").matrix)
        assert int(size) == modules + 4  # a border of two modules each side
        assert _dark_modules(path_d, border=2) == _segno_dark_modules(point.code)


def test_two_points_stickers_differ(client_for, manager, route):
    html = client_for(manager).get(reverse("inspections:point_labels")).content.decode()
    bodies = [body for _label, _size, body in SVG.findall(html)]
    assert len(set(bodies)) == len(route) == 3
