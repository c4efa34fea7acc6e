from django.urls import path

from reports import officer, views

app_name = "reports"
urlpatterns = [
    path("reports/mine/", officer.my_reports, name="mine"),
    path("reports/assign/<int:item_pk>/", officer.report_assign, name="assign"),
    path("reports/<slug:slug>/", views.report_detail, name="detail"),
    path("reports/<slug:slug>/edit/", officer.report_edit, name="edit"),
    path("reports/<slug:slug>/appendices/", officer.appendix_upload, name="appendix_upload"),
    path("reports/<slug:slug>/submit/", officer.report_submit, name="submit"),
    path(
        "reports/<slug:slug>/appendices/<int:pk>/move/", officer.appendix_move, name="appendix_move"
    ),
    path("reports/<slug:slug>/preview/", officer.report_preview_request, name="preview"),
    path("reports/<slug:slug>/preview.pdf", officer.report_preview_file, name="preview_file"),
    path("reports/<slug:slug>/review/", officer.report_review, name="review"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("documents/<slug:slug>/file.pdf", views.document_file, name="document_file"),
]
