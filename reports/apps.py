from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports and documents"

    def ready(self) -> None:
        from meetings import papers
        from reports.papers import item_papers

        papers.register_papers(item_papers)
