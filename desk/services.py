from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.models import User
from desk.roles import ROLES
from desk.scoping import forget_estates
from tenants.models import Estate


def staff_save(*, manager, user: User, roles, estates, password: str = "") -> User:
    """Save a staff member with their roles and, among the manager's estates, their estates.

    Estates of the staff member that the manager does not run are left as they were.
    """
    if unknown := set(roles) - set(ROLES):
        raise BusinessRuleError(_("Unknown role: %(role)s") % {"role": ", ".join(unknown)})
    manager_estates = set(Estate.objects.for_user(manager).values_list("pk", flat=True))
    if not {e.pk for e in estates} <= manager_estates:
        raise BusinessRuleError(_("You can only give access to your own estates."))
    if user.pk == manager.pk and "manager" not in roles:
        raise BusinessRuleError(_("You cannot remove your own manager role."))
    if password and user.pk and user.estates.exclude(pk__in=manager_estates).exists():
        # Else a manager could log in as them, and into estates the manager does not run.
        raise BusinessRuleError(
            _("%(name)s also works in estates you do not run: only they can change their password.")
            % {"name": user.display_name}
        )
    with transaction.atomic():
        if password:
            user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
        kept = user.estates.exclude(pk__in=manager_estates)
        user.estates.set([*kept, *estates])
    forget_estates(user)
    return user


def user_language_set(*, user: User, language: str) -> User:
    """Save the staff member's language; empty follows the browser's."""
    if language and language not in dict(settings.LANGUAGES):
        raise BusinessRuleError(_("Unknown language: %(language)s") % {"language": language})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
