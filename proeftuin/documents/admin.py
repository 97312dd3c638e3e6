from django.contrib import admin

from proeftuin.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year"]
    search_fields = ["title", "publisher", "key"]
