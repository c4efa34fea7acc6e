from django.contrib import admin

from meetings.models import AgendaItem, Body, BodyRole, Meeting, Membership, Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "role", "category", "organisation", "post", "start", "end", "order"]


class BodyRoleInline(admin.TabularInline):
    model = BodyRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "parent", "numbering_scope", "front_sheet_numbered"]
    list_filter = ["organisation", "numbering_scope", "front_sheet_numbered"]
    search_fields = ["name", "abbreviations"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, BodyRoleInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "post_nominals", "email"]
    search_fields = ["name", "aliases", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "category", "start", "end", "order"]
    list_filter = ["body", "role", "category"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body", "organisation"]


@admin.register(BodyRole)
class BodyRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role"]
    list_filter = ["role", "body"]
    search_fields = ["user__username", "user__email", "body__name"]
    autocomplete_fields = ["user", "body"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fk_name = "meeting"
    show_change_link = True
    fields = [
        ("number", "sub_label", "order"),
        ("title", "title_suffix"),
        ("kind", "item_for", "information_only", "has_papers"),
        "purpose",
        "recommendation",
        "presenter",
        "to_follow_note",
        ("exempt", "exempt_paragraph"),
        ("page_start", "page_end"),
    ]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "body", "kind", "status", "cancelled"]
    list_filter = ["body", "status", "kind", "cancelled"]
    search_fields = ["body__name", "venue", "slug"]
    date_hierarchy = "date"
    autocomplete_fields = ["body"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind", "exempt", "has_papers"]
    list_filter = ["meeting__body", "kind", "exempt", "information_only", "has_papers"]
    search_fields = ["title", "purpose", "recommendation"]
    autocomplete_fields = ["meeting", "parent", "approves_minutes"]
