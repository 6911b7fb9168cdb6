"""The front desk's demo day: visits and calls, a passed-on entry gone overdue, a message,
an incident in building 3, a release pass and the night shift's handover."""


def seed(ctx) -> None:
    pass
