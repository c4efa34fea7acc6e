import datetime

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and agendas"

    def ready(self) -> None:
        from meetings import rebuild
        from meetings.models import AgendaItem, Body, Meeting, Membership

        def upcoming_of_body(body_id):
            return Meeting.objects.filter(
                body_id=body_id, date__gte=datetime.date.today()
            ).values_list("pk", flat=True)

        rebuild.connect(Meeting, lambda meeting: [meeting.pk])
        rebuild.connect(AgendaItem, lambda item: [item.meeting_id])
        rebuild.connect(Membership, lambda membership: upcoming_of_body(membership.body_id))
        rebuild.connect(Body, lambda body: upcoming_of_body(body.pk))
