from django.urls import path

from buurtbaan.impact import views

app_name = "impact"

B = "b/<slug:bureau_slug>/impactopdrachten/"
A = B + "<int:pk>/"

urlpatterns = [
    path(B, views.assignment_list, name="assignment-list"),
    path(B + "nieuw/", views.assignment_create, name="assignment-create"),
    path(A, views.assignment_detail, name="assignment-detail"),
    path(A + "bewerken/", views.assignment_update, name="assignment-update"),
    path(A + "doelen/nieuw/", views.target_create, name="target-create"),
    path(A + "doelen/<int:target_pk>/bewerken/", views.target_update, name="target-update"),
    path(A + "doelen/<int:target_pk>/verwijderen/", views.target_delete, name="target-delete"),
    path(A + "doelen/<int:target_pk>/cijfers/", views.target_records, name="target-records"),
    path(A + "deelnemers/", views.participant_list, name="participant-list"),
    path(
        A + "deelnemers/<int:participant_pk>/uitkomst/",
        views.participant_outcome,
        name="participant-outcome",
    ),
    path(
        A + "deelnemers/<int:participant_pk>/verwijderen/",
        views.participant_remove,
        name="participant-remove",
    ),
    path(A + "werk/", views.work_list, name="work-list"),
    path(A + "werk/<int:piece_pk>/ontkoppelen/", views.work_unlink, name="work-unlink"),
]
