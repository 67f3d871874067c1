from django.urls import path

from buurtbaan.privacy import views

app_name = "privacy"

urlpatterns = [
    path("b/<slug:bureau_slug>/beheer/verwerkingsregister/", views.register, name="register"),
    path(
        "b/<slug:bureau_slug>/beheer/bewaartermijnen/",
        views.retention_update,
        name="retention",
    ),
]
