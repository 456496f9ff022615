"""peewee models over the tables that ``schema`` creates.

The models are bound to one open journal at a time (see ``JournalDatabase``);
the DDL itself lives in ``schema`` so migrations stay explicit.
"""

from __future__ import annotations

import datetime as dt

import peewee


def now_stamp() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class BaseModel(peewee.Model):
    class Meta:
        database = None
        legacy_table_names = False


class Person(BaseModel):
    name = peewee.TextField()
    organisation = peewee.TextField(default="")
    role = peewee.TextField(default="")
    how_met = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    tags = peewee.TextField(default="")
    cadence_days = peewee.IntegerField(null=True)
    archived = peewee.BooleanField(default=False)
    last_entry_on = peewee.DateField(null=True)
    created_at = peewee.TextField(default=now_stamp)
    updated_at = peewee.TextField(default=now_stamp)

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (part.strip() for part in self.tags.split(",")) if t]


class Circumstance(BaseModel):
    person = peewee.ForeignKeyField(Person, backref="circumstances", on_delete="CASCADE")
    note = peewee.TextField()
    start_on = peewee.DateField()
    end_on = peewee.DateField(null=True)


class Exchange(BaseModel):
    date = peewee.DateField()
    direction = peewee.TextField()
    kind = peewee.TextField()
    summary = peewee.TextField()
    details = peewee.TextField(default="")
    significance = peewee.IntegerField()
    person = peewee.ForeignKeyField(Person, null=True, backref="exchanges", on_delete="CASCADE")
    second_person = peewee.ForeignKeyField(Person, null=True, backref="introduced_in", on_delete="SET NULL")
    community = peewee.TextField(default="")
    reciprocates = peewee.ForeignKeyField("self", null=True, backref="returned_by", on_delete="SET NULL")
    outcome = peewee.TextField(default="")
    created_at = peewee.TextField(default=now_stamp)
    updated_at = peewee.TextField(default=now_stamp)


class Touchpoint(BaseModel):
    date = peewee.DateField()
    person = peewee.ForeignKeyField(Person, backref="touchpoints", on_delete="CASCADE")
    channel = peewee.TextField(default="")
    note = peewee.TextField(default="")
    created_at = peewee.TextField(default=now_stamp)


class OpenLoop(BaseModel):
    loop_kind = peewee.TextField()
    person = peewee.ForeignKeyField(Person, null=True, backref="loops", on_delete="CASCADE")
    what = peewee.TextField()
    opened_on = peewee.DateField()
    due_on = peewee.DateField(null=True)
    done_on = peewee.DateField(null=True)

    class Meta:
        table_name = "open_loop"


class Reflection(BaseModel):
    date = peewee.DateField()
    text = peewee.TextField()
    prompt_id = peewee.TextField(null=True)
    prompt_text = peewee.TextField(default="")
    person = peewee.ForeignKeyField(Person, null=True, backref="reflections", on_delete="SET NULL")
    created_at = peewee.TextField(default=now_stamp)


class PromptState(BaseModel):
    prompt_key = peewee.TextField(primary_key=True)
    snoozed_until = peewee.DateField(null=True)
    dismissed_on = peewee.DateField(null=True)
    answered_on = peewee.DateField(null=True)

    class Meta:
        table_name = "prompt_state"


def database() -> peewee.Database:
    """The journal the models are bound to (see ``JournalDatabase.bind``), for hand-written SQL."""
    return Person._meta.database


MODELS: tuple[type[BaseModel], ...] = (
    Person,
    Circumstance,
    Exchange,
    Touchpoint,
    OpenLoop,
    Reflection,
    PromptState,
)
