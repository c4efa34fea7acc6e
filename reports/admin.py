from django.contrib import admin

from reports.models import Attachment, Document, Report, ReportSection
from reports.services import document_text_queue
from reports.uploads import pdf_facts


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0
    fields = [("order", "kind"), "heading", "html"]


class AppendixInline(admin.TabularInline):
    model = Attachment
    fk_name = "report"
    extra = 0
    autocomplete_fields = ["agenda_item", "document"]
    fields = ["agenda_item", "order", "label", "document", "title", "to_follow"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["subject", "agenda_item", "template", "status", "key_decision", "exempt"]
    list_filter = ["template", "status", "key_decision", "exempt", "agenda_item__meeting__body"]
    search_fields = ["subject", "report_by", "slug"]
    autocomplete_fields = ["agenda_item"]
    inlines = [ReportSectionInline, AppendixInline]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    autocomplete_fields = ["agenda_item", "report"]
    fields = ["agenda_item", "report", "order", "label", "title", "to_follow"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "version", "page_count", "exempt"]
    list_filter = ["kind", "exempt"]
    search_fields = ["title", "slug"]
    readonly_fields = ["content_hash", "page_count"]
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change):
        # The form's validator already refused bad PDFs; record what the pack and search need.
        if "file" in form.changed_data and obj.file:
            obj.file.seek(0)
            obj.page_count, obj.content_hash = pdf_facts(obj.file.read())
            obj.file.seek(0)
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data and obj.file:
            document_text_queue(obj)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agenda_item", "report", "to_follow"]
    list_filter = ["to_follow", "agenda_item__meeting__body"]
    search_fields = ["label", "title", "document__title"]
    autocomplete_fields = ["agenda_item", "report", "document"]
