"""Admin for superusers only: read-only views of tracked data (edits go through the app's services)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Membership, Municipality, SignOff, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "global_role", "is_active", "is_superuser"]
    list_filter = ["global_role", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Tilgang", {"fields": ["global_role", "is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2", "global_role"]})]


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyHistoryAdmin):
    list_display = ["number", "name", "population", "kins_member", "version"]
    search_fields = ["number", "name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyHistoryAdmin):
    list_display = ["user", "municipality", "role"]
    list_filter = ["role", "municipality"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "municipality", "role", "created_at", "expires_at", "accepted_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    """Sign-offs are append-only: superusers may read them here, never add, change or delete."""

    list_display = ["content_type", "object_id", "root_version", "decision", "signer", "signed_at"]
    list_filter = ["decision", "role", "content_type"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
