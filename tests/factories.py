"""One factory per model, for tests that build their own small worlds."""

from __future__ import annotations

import datetime

import factory

from meetings.models import AgendaItem, Body, Meeting, Membership, Organisation, Person
from minutes.models import Minutes
from reports.models import Attachment, Document, Report


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="en_GB")
    slug = factory.Sequence(lambda n: f"person-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2026, 3, 11)
    start_time = datetime.time(10, 0)
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    status = Meeting.Status.AGENDA_PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence", nb_words=5)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    agenda_item = factory.SubFactory(AgendaItemFactory, has_papers=True)
    slug = factory.Sequence(lambda n: f"report-{n}")
    subject = factory.Faker("sentence", nb_words=4)
    template = Report.Template.PORTSMOUTH_DECISION
    status = Report.Status.PUBLISHED


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    slug = factory.Sequence(lambda n: f"document-{n}")
    title = factory.Faker("sentence", nb_words=4)
    html = "<p>Text of the document.</p>"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    agenda_item = factory.SubFactory(AgendaItemFactory, has_papers=True)
    document = factory.SubFactory(DocumentFactory)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.MINUTES_PUBLISHED)
    status = Minutes.Status.PUBLISHED
