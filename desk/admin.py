from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from desk.models import User


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ("phone",)}),)
