from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workorders.models import WorkOrder, WorkOrderEvent, WorkOrderPhoto, WorkOrderSettings


@admin.register(WorkOrderSettings)
class WorkOrderSettingsAdmin(admin.ModelAdmin):
    list_display = ["estate", "urgent_hours", "normal_hours", "planned_days"]


class EventInline(admin.TabularInline):
    model = WorkOrderEvent
    extra = 0
    readonly_fields = ["kind", "at", "by", "note"]
    can_delete = False


class PhotoInline(admin.TabularInline):
    model = WorkOrderPhoto
    extra = 0
    readonly_fields = ["image", "uploaded_at", "uploaded_by"]
    can_delete = False


@admin.register(WorkOrder)
class WorkOrderAdmin(SimpleHistoryAdmin):
    list_display = ["number", "estate", "source", "trade", "priority", "status", "due_at"]
    list_filter = ["estate", "status", "source", "trade", "department", "priority"]
    list_select_related = ["estate"]
    search_fields = ["number"]
    raw_id_fields = ["unit", "building", "complaint", "assignee", "created_by"]
    readonly_fields = ["number", "status"]
    inlines = [EventInline, PhotoInline]
