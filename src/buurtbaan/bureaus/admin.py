from django.contrib import admin

from buurtbaan.bureaus.models import Bureau, Membership, PostcodeRange


class PostcodeRangeInline(admin.TabularInline):
    model = PostcodeRange
    extra = 1


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PostcodeRangeInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "bureau", "role", "organisation", "is_active"]
    list_filter = ["bureau", "role", "is_active"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["organisation"]
