import pytest

from mailroom.services import mail_register
from tests.mailroom.matrix import SIGNATURE  # noqa: F401 - the fixtures' drawing


@pytest.fixture
def register_one(front_desk, estate, unit):
    """`register_one(**row)`: one parcel for 3-1502 at the desk, as the front desk registers it."""

    def make(by=None, **row):
        row = {"kind": "parcel", "unit": unit, "carrier": "顺丰", **row}
        return mail_register(estate=estate, rows=[row], by=by or front_desk)[0]

    return make
