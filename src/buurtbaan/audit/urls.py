from django.urls import path

from buurtbaan.audit import views

app_name = "audit"

urlpatterns = [
    path("b/<slug:bureau_slug>/logboek/", views.entry_list, name="entry-list"),
]
