"""The content version the anonymous page cache is keyed by (meetings/cache.py).

PostgreSQL keeps it itself: a statement-level trigger on every table whose rows appear on
public pages calls boardpapers_content_version_bump(), so every write path bumps it, a
queryset .update() or raw SQL included. Reports and minutes add the same trigger to their
own tables in their own migrations.

The function draws each number from a sequence, so a number is never reused (not after a
rollback, nor after the single row is truncated and re-created). In each writing
transaction it:

- on its first write to such a table, upserts the single row's `version` inside the writer's
  transaction: other sessions see the new number only once the data it stands for has
  committed, and the row lock it holds until then is taken once per transaction;
- on every write, records the number in the transaction-local setting
  boardpapers.content_version, so a page rendered inside that same transaction (a test, or
  a view under ATOMIC_REQUESTS) is keyed by the exact state it saw; a rollback to a
  savepoint restores the setting with the data.

Additive and quick: a new table and sequence, one function, and CREATE TRIGGER on each
table, which only waits for transactions already writing to it.
"""

from django.db import migrations, models

TRACKED = [
    "meetings_organisation",
    "meetings_body",
    "meetings_person",
    "meetings_membership",
    # Who may see what: members' and clerks' views depend on it.
    "meetings_bodyrole",
    "meetings_meeting",
    "meetings_agendaitem",
    "meetings_agendaitem_approves_minutes",
    "meetings_agendapack",
    "meetings_publication",
]

FUNCTION = """
CREATE SEQUENCE IF NOT EXISTS meetings_contentversion_seq;
INSERT INTO meetings_contentversion (id, version)
VALUES (1, nextval('meetings_contentversion_seq'))
ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION boardpapers_content_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    number bigint := nextval('meetings_contentversion_seq');
BEGIN
    IF coalesce(current_setting('boardpapers.content_version', true), '') = '' THEN
        -- This transaction's first write: publish a new version when it commits.
        INSERT INTO meetings_contentversion (id, version) VALUES (1, number)
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    END IF;
    PERFORM set_config('boardpapers.content_version', number::text, true);
    RETURN NULL;
END;
$$;
"""

DROP_FUNCTION = """
DROP FUNCTION IF EXISTS boardpapers_content_version_bump();
DROP SEQUENCE IF EXISTS meetings_contentversion_seq;
"""


def create_triggers(tables: list[str]) -> str:
    return "".join(
        f"CREATE TRIGGER content_version_bump "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION boardpapers_content_version_bump();\n"
        for table in tables
    )


def drop_triggers(tables: list[str]) -> str:
    return "".join(f"DROP TRIGGER IF EXISTS content_version_bump ON {table};\n" for table in tables)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0011_meeting_date_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentVersion',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('version', models.BigIntegerField(default=0)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='content_version_single_row')],
            },
        ),
        migrations.RunSQL(FUNCTION, DROP_FUNCTION),
        migrations.RunSQL(create_triggers(TRACKED), drop_triggers(TRACKED)),
    ]
