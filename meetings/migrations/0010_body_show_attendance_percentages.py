from django.db import migrations, models


def copy_hide_to_show(apps, schema_editor):
    # The setting was stored inverted and never used; keep any choice already made.
    Body = apps.get_model("meetings", "Body")
    Body.objects.filter(hide_attendance_percentages=True).update(show_attendance_percentages=False)


def copy_show_to_hide(apps, schema_editor):
    Body = apps.get_model("meetings", "Body")
    Body.objects.filter(show_attendance_percentages=False).update(hide_attendance_percentages=True)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0009_saved_searches"),
    ]

    operations = [
        migrations.AddField(
            model_name="body",
            name="show_attendance_percentages",
            field=models.BooleanField(
                default=True,
                help_text="Show members' attendance as a percentage on their pages. Turn off "
                "where a percentage would mislead (few meetings, seats shared by rota); the "
                "counts still show.",
            ),
        ),
        migrations.RunPython(copy_hide_to_show, copy_show_to_hide),
        migrations.RemoveField(model_name="body", name="hide_attendance_percentages"),
    ]
