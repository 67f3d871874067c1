from django.urls import path

from buurtbaan.imports import views

app_name = "imports"

IMPORTS = "b/<slug:bureau_slug>/importeren"

urlpatterns = [
    path(f"{IMPORTS}/", views.run_list, name="run-list"),
    path(f"{IMPORTS}/nieuw/", views.run_create, name="run-create"),
    path(f"{IMPORTS}/voorbeeld.csv", views.example_file, name="example-file"),
    path(f"{IMPORTS}/<int:pk>/", views.run_detail, name="run-detail"),
    path(f"{IMPORTS}/<int:pk>/kolommen/", views.run_mapping, name="run-mapping"),
    path(f"{IMPORTS}/<int:pk>/controleren/", views.run_check, name="run-check"),
    path(f"{IMPORTS}/<int:pk>/importeren/", views.run_commit, name="run-commit"),
    path(f"{IMPORTS}/<int:pk>/annuleren/", views.run_cancel, name="run-cancel"),
]
