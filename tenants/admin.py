from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tenants.models import Building, ContactReveal, Occupancy, Resident, Unit


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["estate", "number", "name", "floors"]
    list_filter = ["estate"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["label", "estate", "floor_area", "usage", "status"]
    list_filter = ["estate", "status", "usage"]
    list_select_related = ["building", "estate"]
    search_fields = ["number"]


@admin.register(Resident)
class ResidentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "estate"]
    list_filter = ["estate", "kind"]
    search_fields = ["name", "name_en"]


@admin.register(Occupancy)
class OccupancyAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "resident", "role", "move_in", "move_out"]
    raw_id_fields = ["unit", "resident"]


@admin.register(ContactReveal)
class ContactRevealAdmin(admin.ModelAdmin):
    list_display = ["resident", "field", "revealed_by", "revealed_at", "reason"]
    readonly_fields = ["resident", "field", "reason", "revealed_by", "revealed_at"]
