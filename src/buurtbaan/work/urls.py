from django.urls import path

from buurtbaan.work import views

app_name = "work"

B = "b/<slug:bureau_slug>/werk/"

urlpatterns = [
    path(B, views.purpose_list, name="purpose-list"),
    path(B + "bedoelingen/nieuw/", views.purpose_create, name="purpose-create"),
    path(B + "bedoelingen/<int:pk>/", views.purpose_detail, name="purpose-detail"),
    path(B + "bedoelingen/<int:pk>/bewerken/", views.purpose_update, name="purpose-update"),
    path(B + "klussen/", views.piece_list, name="piece-list"),
    path(B + "klussen/nieuw/", views.piece_create, name="piece-create"),
    path(B + "klussen/<int:pk>/", views.piece_detail, name="piece-detail"),
    path(B + "klussen/<int:pk>/bewerken/", views.piece_update, name="piece-update"),
    path(B + "klussen/<int:pk>/verhaal/", views.piece_story, name="piece-story"),
    path(B + "klussen/<int:pk>/opsplitsen/", views.piece_split, name="piece-split"),
    path(B + "klussen/<int:pk>/status/", views.piece_status, name="piece-status"),
    path(B + "klussen/<int:pk>/uren/", views.piece_hours, name="piece-hours"),
    path(
        B + "klussen/<int:pk>/schaalniveau/",
        views.piece_subsidiarity,
        name="piece-subsidiarity",
    ),
    path(
        B + "klussen/<int:pk>/schaalniveau/opnieuw/",
        views.piece_subsidiarity_restart,
        name="piece-subsidiarity-restart",
    ),
    path(B + "vermogen/", views.capability, name="capability"),
    path(B + "vermogen/klussen/", views.capability_records, name="capability-records"),
]
