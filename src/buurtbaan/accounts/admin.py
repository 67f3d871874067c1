"""Platform accounts in the Django admin.

Only the platform's own staff are listed (`is_staff` or `is_superuser`): accounts of bureau
members are managed by each bureau's coordinators, and a list of every account's name, e-mail
and last login is none of the platform's business. New platform administrators are made with
`buurtbaan createsuperuser`.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtbaan.accounts.models import User

# Permissions come from roles per bureau, not from Django's groups.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Name"), {"fields": ["first_name", "last_name"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["date_joined"]}),
    ]
    readonly_fields = ["date_joined"]
    filter_horizontal = []
    list_filter = ["is_active", "is_superuser"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(Q(is_staff=True) | Q(is_superuser=True))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
