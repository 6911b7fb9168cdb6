from desk import roles
from tests.factories import ComplaintFactory
from tests.matrix import DESK_ROLES, Case

READERS = DESK_ROLES | {roles.HOUSEKEEPING, roles.CASHIER}  # technicians: no complaint access
OVERSEERS = {roles.SUPERVISOR, roles.MANAGER}


def build(world):
    world.complaint = ComplaintFactory(unit=world.unit, complainant_name="张伟")


def _one(world):
    return [world.complaint.pk]


CASES = [
    Case("complaints:list", allowed=READERS),
    Case("complaints:mine", allowed=READERS),
    Case("complaints:export", allowed=READERS),
    Case("complaints:mine_export", allowed=READERS),
    Case("complaints:new", allowed=DESK_ROLES),
    Case(
        "complaints:occupants",
        allowed=DESK_ROLES,
        data=lambda w: {"estate": w.estate.pk, "unit_label": "3-1502"},
    ),
    Case("complaints:board", allowed=OVERSEERS),
    Case("complaints:daily", allowed=OVERSEERS),
    Case("complaints:monthly", allowed=OVERSEERS),
    Case("complaints:monthly_export", allowed=OVERSEERS),
    Case("complaints:detail", args=_one, allowed=READERS),
    Case("complaints:print", args=_one, allowed=READERS),
    # Each step's form page (the full-page fallback of the inline forms).
    Case("complaints:respond", args=_one, allowed=DESK_ROLES),
    Case("complaints:investigate", args=_one, allowed=DESK_ROLES),
    Case("complaints:rule", args=_one, allowed=OVERSEERS, note="front desk cannot rule"),
    Case(
        "complaints:rule",
        args=_one,
        method="post",
        data=lambda w: {"validity": "valid", "severity": "general", "reason": ""},
        expect={roles.SUPERVISOR: 400, roles.MANAGER: 400},
        note="a received complaint is not ruled on yet: the form says why, nothing changes",
    ),
    Case("complaints:resolve", args=_one, allowed=DESK_ROLES),
    Case("complaints:return_visit", args=_one, allowed=DESK_ROLES),
    Case("complaints:close", args=_one, allowed=DESK_ROLES),
    Case("complaints:assign", args=_one, allowed=DESK_ROLES),
    Case("complaints:escalate", args=_one, allowed=READERS),
]

# The POST of each form, empty: the intake form is shown again (200), a step's form with
# its errors or refusal (400), to who may send it; 403 for the others, 404 for another
# estate's manager; nothing changes.
CASES += [
    Case("complaints:new", method="post", allowed=DESK_ROLES),
    *[
        Case(f"complaints:{step}", args=_one, method="post", ok=400, allowed=DESK_ROLES)
        for step in ["respond", "investigate", "resolve", "return_visit", "close", "assign"]
    ],
    Case("complaints:escalate", args=_one, method="post", ok=400, allowed=READERS),
]
