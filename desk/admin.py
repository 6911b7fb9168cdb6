from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from desk.models import Estate, Notification, NumberSequence, User


def _superusers_only(request):
    """The admin sees every estate unscoped and every contact unmasked: superusers only,
    never a staff member who was given `is_staff`."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ("phone",)}),)


@admin.register(Estate)
class EstateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "address"]
    filter_horizontal = ["staff"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    """Read only: a number changed by hand would leave a gap or a duplicate (desk.numbering)."""

    list_display = ["kind", "estate", "year", "last"]
    list_filter = ["kind", "year"]
    list_select_related = ["estate"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "estate", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
