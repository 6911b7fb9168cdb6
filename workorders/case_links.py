"""The link from a record that was made a case (a desk log entry, a visit's opinion) to the
complaint or the work order it became.

The apps that create cases hold the link on their own side, one to one, so a case knows
where it came from through ``related_name`` (``complaint.log_entry``, ``complaint.visit_opinion``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def made_a_case(related_name: str) -> type[models.Model]:
    """An abstract model with the ``complaint`` and ``work_order`` a record was made, named
    ``related_name`` from the case's side."""

    class MadeACase(models.Model):
        complaint = models.OneToOneField(
            "complaints.Complaint",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name=related_name,
            verbose_name=_("complaint"),
        )
        work_order = models.OneToOneField(
            "workorders.WorkOrder",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name=related_name,
            verbose_name=_("work order"),
        )

        class Meta:
            abstract = True

        @property
        def made_case(self) -> bool:
            """Whether the record was made a complaint or a work order already."""
            return self.complaint_id is not None or self.work_order_id is not None

    return MadeACase
