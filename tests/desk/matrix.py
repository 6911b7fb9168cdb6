from desk import roles
from tests.matrix import ALL_ROLES, Case

CASES = [
    Case("home", allowed=ALL_ROLES),
    Case("staff_list", allowed={roles.MANAGER}),
    Case("staff_new", allowed={roles.MANAGER}),
    Case(
        "staff_edit",
        args=lambda w: [w.staff_member.pk],
        allowed={roles.MANAGER},
    ),
]


def build(world):
    from tests.factories import UserFactory

    world.staff_member = UserFactory(
        username="matrix-staff", roles=[roles.FRONT_DESK], estates=[world.estate]
    )
