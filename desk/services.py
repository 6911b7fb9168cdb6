from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from desk.errors import BusinessRuleError
from desk.models import Estate, User
from desk.roles import ROLES
from desk.scoping import forget_estates


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
    shared = bool(user.pk) and user.estates.exclude(pk__in=manager_estates).exists()
    if shared and password:
        # Else a manager could log in as them, and into estates the manager does not run.
        raise BusinessRuleError(
            _("%(name)s also works in estates you do not run: only they can change their password.")
            % {"name": user.display_name}
        )
    if shared and _roles_or_activity_change(user, roles):
        # A role is held in every estate at once: it is not one manager's to give or take.
        raise BusinessRuleError(
            _(
                "%(name)s also works in estates you do not run: their roles and access are "
                "changed by a manager of all their estates, or the administrator."
            )
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


def _roles_or_activity_change(user, roles) -> bool:
    saved = User.objects.get(pk=user.pk)
    held = set(saved.groups.values_list("name", flat=True))
    return held != set(roles) or saved.is_active != user.is_active


def user_language_set(*, user: User, language: str) -> User:
    """Save the staff member's language; empty follows the browser's."""
    if language and language not in dict(settings.LANGUAGES):
        raise BusinessRuleError(_("Unknown language: %(language)s") % {"language": language})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
