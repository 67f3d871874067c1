from django.urls import path

from buurtbaan.matching import views

app_name = "matching"

B = "b/<slug:bureau_slug>/"
M = B + "koppelen/"

urlpatterns = [
    path(M, views.match_list, name="match-list"),
    path(M + "<int:pk>/", views.match_detail, name="match-detail"),
    path(M + "<int:pk>/stap/", views.match_step, name="match-step"),
    path(M + "klussen/<int:pk>/", views.piece_candidates, name="piece-candidates"),
    path(M + "klussen/<int:pk>/voorstellen/", views.match_create, name="match-create"),
    path(M + "klussen/<int:pk>/team/", views.team_propose, name="team-propose"),
    path(M + "bewoners/<int:pk>/", views.resident_suggestions, name="resident-suggestions"),
    path(M + "rondes/", views.round_list, name="round-list"),
    path(M + "rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path(M + "rondes/<int:pk>/bevestigen/", views.round_confirm, name="round-confirm"),
    path(
        M + "rondes/<int:pk>/paren/<int:resident>-<int:piece>/",
        views.round_pair,
        name="round-pair",
    ),
    path(M + "rondes/<int:pk>/kiezen/", views.round_choose, name="round-choose"),
    path(M + "instellingen/", views.settings_update, name="settings"),
    path(B + "mijn-voorstellen/", views.my_proposals, name="my-proposals"),
    path(B + "mijn-voorstellen/<int:pk>/", views.my_proposal_answer, name="my-proposal-answer"),
]
