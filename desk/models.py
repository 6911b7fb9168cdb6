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
