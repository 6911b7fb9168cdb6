"""Residents' contact data, masked for roles without the contact permission."""

CONTACT_PERMISSION = "tenants.view_contact_details"


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`; short numbers keep only their last two digits."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return f"{'*' * (len(digits) - 4)}{digits[-4:]}"
    return "*" * len(digits)


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def can_see_contacts(user) -> bool:
    return user.has_perm(CONTACT_PERMISSION)


def contact_for(user, value: str, *, id_number: bool = False) -> str:
    """The value as this user may see it, in pages and in exports alike."""
    if can_see_contacts(user):
        return value or ""
    return mask_id_number(value) if id_number else mask_phone(value)
