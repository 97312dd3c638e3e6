from django.contrib import admin

from proeftuin.organisations.models import Domain, Organisation


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "government_layer", "organisation_type", "province"]
    list_filter = ["government_layer", "organisation_type", "province", "size_band"]
    search_fields = ["name", "abbreviation"]
    filter_horizontal = ["domains"]
    readonly_fields = ["size_band", "version"]
