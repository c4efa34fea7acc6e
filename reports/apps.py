from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports and documents"

    def ready(self) -> None:
        from meetings import papers, rebuild
        from meetings.models import AgendaItem
        from reports.models import Attachment, Document, Report, ReportSection
        from reports.papers import item_papers

        papers.register_papers(item_papers)
        _register_search()
        from reports.services import reports_publish

        papers.register_publish(reports_publish)

        def meeting_of_item(item_id):
            return AgendaItem.objects.filter(pk=item_id).values_list("meeting_id", flat=True)

        rebuild.connect(Report, lambda report: meeting_of_item(report.agenda_item_id))
        rebuild.connect(
            ReportSection,
            lambda section: AgendaItem.objects.filter(reports__pk=section.report_id).values_list(
                "meeting_id", flat=True
            ),
        )
        rebuild.connect(Attachment, lambda attachment: meeting_of_item(attachment.agenda_item_id))
        rebuild.connect(
            Document,
            lambda document: AgendaItem.objects.filter(
                attachments__document_id=document.pk
            ).values_list("meeting_id", flat=True),
        )


def _register_search() -> None:
    from meetings.search import SearchSource, register_source
    from reports import search

    register_source(
        SearchSource(
            kind="report",
            label="Reports",
            matching=search.reports_matching,
            ranks=search.report_ranks,
            hits=search.report_hits,
        )
    )
    register_source(
        SearchSource(
            kind="document",
            label="Appendices and documents",
            matching=search.documents_matching,
            ranks=search.document_ranks,
            hits=search.document_hits,
            visible=search.visible_documents,
        )
    )
