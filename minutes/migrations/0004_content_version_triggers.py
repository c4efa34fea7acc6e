"""The minutes' tables bump the content version (meetings 0012) in the writer's
transaction, so the anonymous page cache never serves a page older than them."""

from django.db import migrations

TRACKED = [
    "minutes_minutes",
    "minutes_attendance",
    "minutes_apology",
    "minutes_declaration",
    "minutes_minuteentry",
    "minutes_minuteentry_agenda_items",
    "minutes_resolution",
    "minutes_resolutionpart",
]


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0012_content_version'),
        ('minutes', '0003_minutes_full_text_search'),
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
