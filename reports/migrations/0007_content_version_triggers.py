"""Reports, sections, documents, their pages' text and attachments bump the content version
(meetings 0012) in the writer's transaction, so the anonymous page cache never serves a page
older than them."""

from django.db import migrations

TRACKED = [
    "reports_report",
    "reports_reportsection",
    "reports_document",
    "reports_documentpage",
    "reports_attachment",
]


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0012_content_version'),
        ('reports', '0006_full_text_search_and_document_pages'),
    ]

    operations = [
        migrations.RunSQL(
            "".join(
                f"CREATE TRIGGER content_version_bump "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION boardpapers_content_version_bump();\n"
                for table in TRACKED
            ),
            "".join(f"DROP TRIGGER IF EXISTS content_version_bump ON {table};\n" for table in TRACKED),
        ),
    ]
