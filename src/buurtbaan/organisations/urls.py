from django.urls import path

from buurtbaan.organisations import views

app_name = "organisations"

urlpatterns = [
    path("b/<slug:bureau_slug>/organisaties/", views.organisation_list, name="organisation-list"),
    path(
        "b/<slug:bureau_slug>/organisaties/nieuw/",
        views.organisation_create,
        name="organisation-create",
    ),
    path(
        "b/<slug:bureau_slug>/organisaties/<int:pk>/",
        views.organisation_detail,
        name="organisation-detail",
    ),
    path(
        "b/<slug:bureau_slug>/organisaties/<int:pk>/bewerken/",
        views.organisation_update,
        name="organisation-update",
    ),
    path(
        "b/<slug:bureau_slug>/bewoners/<int:resident_pk>/netwerk/",
        views.relation_list,
        name="relation-list",
    ),
    path(
        "b/<slug:bureau_slug>/bewoners/<int:resident_pk>/netwerk/<int:pk>/",
        views.relation_update,
        name="relation-update",
    ),
    path(
        "b/<slug:bureau_slug>/bewoners/<int:resident_pk>/netwerk/<int:pk>/verwijderen/",
        views.relation_delete,
        name="relation-delete",
    ),
]
