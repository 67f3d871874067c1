"""Bureaus in the Django admin, for platform administrators.

Memberships are not in the admin at all: a role in a bureau is given only through
`bureaus.actions` (a bureau's team page, or the platform page that appoints a coordinator), which
write the bureau's audit log and tell its coordinators. A bureau is changed here through
`update_bureau`, so that is in its audit log too; it is created on the platform page (with its
first coordinator) and never deleted here (that would delete every resident's data with it).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus import actions
from buurtbaan.bureaus.models import Bureau


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "is_active"]
    fields = [
        "name",
        "slug",
        "municipality",
        "description",
        "email",
        "phone",
        "visiting_address",
        "opening_hours",
        "is_active",
        "postcodes",
    ]
    readonly_fields = ["slug", "postcodes"]

    @admin.display(description=_("Postcodes"))
    def postcodes(self, bureau):
        return bureau.postcode_summary()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        actions.update_bureau(actor=request.user, bureau=obj, changes=changes)
