from desk import roles
from tests.matrix import ALL_ROLES, DESK_ROLES, Case

EXPORTERS = DESK_ROLES | {roles.CASHIER}
REGISTER_UPKEEP = {roles.SUPERVISOR, roles.MANAGER}

CASES = [
    Case("tenants:unit_list", allowed=ALL_ROLES),
    Case("tenants:tenant_list_export", allowed=EXPORTERS),
    Case("tenants:unit_detail", args=lambda w: [w.unit.pk], allowed=ALL_ROLES),
    Case("tenants:move_in", args=lambda w: [w.unit.pk], allowed=DESK_ROLES),
    Case("tenants:move_out", args=lambda w: [w.occupancy.pk], allowed=DESK_ROLES),
    Case("tenants:resident_list", allowed=ALL_ROLES),
    Case("tenants:resident_export", allowed=EXPORTERS, note="a bulk copy: exporters only"),
    Case("tenants:resident_detail", args=lambda w: [w.resident.pk], allowed=ALL_ROLES),
    Case("tenants:resident_edit", args=lambda w: [w.resident.pk], allowed=DESK_ROLES),
    Case(
        "tenants:reveal_contact",
        args=lambda w: [w.resident.pk],
        method="post",
        data=lambda w: {"field": "mobile", "reason": "resident asked to be called back"},
        ok=302,
        allowed={roles.SUPERVISOR, roles.MANAGER},
    ),
    Case("tenants:reveal_log", allowed={roles.MANAGER}),
    Case("tenants:reveal_log_export", allowed={roles.MANAGER}),
]

# The register import (supervisor, manager). A commit without a previewed file's token
# is sent back to the upload page with a message: 302.
CASES += [
    Case("tenants:import", allowed=REGISTER_UPKEEP),
    Case("tenants:import_template", allowed=REGISTER_UPKEEP),
    Case(
        "tenants:import_commit",
        method="post",
        data=lambda w: {"token": "not-a-token"},
        ok=302,
        allowed=REGISTER_UPKEEP,
        note="no previewed file in the session: redirect to tenants:import with a message",
    ),
]

# The POST of each form page, empty: the form is shown again (200) to who may send it,
# 403 for the others, 404 for another estate's manager; nothing changes.
CASES += [
    Case("tenants:move_in", args=lambda w: [w.unit.pk], method="post", allowed=DESK_ROLES),
    Case("tenants:move_out", args=lambda w: [w.occupancy.pk], method="post", allowed=DESK_ROLES),
    Case(
        "tenants:resident_edit", args=lambda w: [w.resident.pk], method="post", allowed=DESK_ROLES
    ),
    Case("tenants:import", method="post", allowed=REGISTER_UPKEEP),
]


def build(world):
    from tenants.models import Area, AreaBuilding

    world.area = Area.objects.create(
        estate=world.estate, name="北区", rep=world.users[roles.SERVICE_REP]
    )
    AreaBuilding.objects.create(area=world.area, building=world.building)


# The areas (片区) of an estate: the manager's page of the estate settings.
CASES += [
    Case("tenants:area_list", args=lambda w: [w.estate.pk], allowed={roles.MANAGER}),
    Case("tenants:area_new", args=lambda w: [w.estate.pk], allowed={roles.MANAGER}),
    Case(
        "tenants:area_new",
        args=lambda w: [w.estate.pk],
        method="post",
        allowed={roles.MANAGER},
        note="empty: the form again with its messages",
    ),
    Case("tenants:area_edit", args=lambda w: [w.area.pk], allowed={roles.MANAGER}),
    Case(
        "tenants:area_edit",
        args=lambda w: [w.area.pk],
        method="post",
        allowed={roles.MANAGER},
        note="empty: the form again with its messages",
    ),
    Case(
        "tenants:area_delete",
        args=lambda w: [w.area.pk],
        method="post",
        allowed={roles.MANAGER},
        ok=302,
    ),
]
