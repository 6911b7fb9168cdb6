import pytest

from tenants.unit_labels import parse_unit_label


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3-1502", ("3", "1502")),
        (" 3 - 1502 ", ("3", "1502")),
        ("3栋1502", ("3", "1502")),
        ("3幢1502室", ("3", "1502")),
        ("3#1502", ("3", "1502")),
        ("3号楼1502", ("3", "1502")),
        ("b2-301", ("B2", "301")),
        ("3－1502", ("3", "1502")),
    ],
)
def test_parse_unit_label_reads_the_ways_staff_write_units(text, expected):
    assert parse_unit_label(text) == expected


@pytest.mark.parametrize("text", ["", "1502", "张伟", "3-", "-1502", "3-15-02"])
def test_parse_unit_label_refuses_what_is_not_a_unit(text):
    assert parse_unit_label(text) is None
