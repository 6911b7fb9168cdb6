from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member. Roles are groups (see desk.roles); estates are Estate.staff."""

    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Empty: the language of the switcher's cookie or of the browser (desk.middleware).
    language = models.CharField(
        _("language"), max_length=16, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        permissions = [("manage_staff", _("Can add staff to their estates and set roles"))]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self):
        return self.get_full_name() or self.username


class NumberSequence(models.Model):
    """The last number given out in one series of numbers people read (see desk.numbering).

    A series is a kind (`TS`, `WO`, ...) and a year, and for a per-estate series (receipts)
    also an estate. The row is the lock that keeps the numbers free of gaps and duplicates.
    """

    kind = models.CharField(_("kind"), max_length=8)
    estate = models.ForeignKey(
        "tenants.Estate",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("estate"),
        help_text=_("Empty for a series of the whole company."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["kind", "estate", "year"]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            # Two partial constraints, because NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=models.Q(estate__isnull=True),
                name="number_sequence_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "estate", "year"],
                condition=models.Q(estate__isnull=False),
                name="number_sequence_unique_per_estate",
            ),
        ]

    def __str__(self):
        scope = f"{self.estate.code}-" if self.estate_id else ""
        return f"{self.kind}-{scope}{self.year}: {self.last}"
