from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes and decisions"

    def ready(self) -> None:
        from meetings import papers
        from minutes.papers import item_papers, meeting_links

        papers.register_papers(item_papers)
        papers.register_links(meeting_links)
