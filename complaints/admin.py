from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from complaints.models import Complaint, ComplaintEvent, ComplaintSettings


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(admin.ModelAdmin):
    list_display = ["estate", "first_response_minutes", "late_report_days"]


class ComplaintEventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "kind", "values"]


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["number", "estate", "unit", "category", "status", "received_at"]
    list_filter = ["estate", "status", "category", "channel"]
    search_fields = ["number", "complainant_name"]
    raw_id_fields = ["unit", "resident", "assignee"]
    readonly_fields = ["number", "first_response_due"]
    inlines = [ComplaintEventInline]

    def has_delete_permission(self, request, obj=None):
        return False  # nothing recorded is deleted
