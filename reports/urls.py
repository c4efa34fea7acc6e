from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reports/<slug:slug>/", views.report_detail, name="detail"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("documents/<slug:slug>/file.pdf", views.document_file, name="document_file"),
]
