from django.urls import path

from buurtbaan.quotes import views

app_name = "quotes"

B = "b/<slug:bureau_slug>/offertes/"
Q = B + "<int:pk>/"
LINE = Q + "regels/<int:line_pk>/"

urlpatterns = [
    path(B, views.quote_list, name="quote-list"),
    path(B + "nieuw/", views.quote_create, name="quote-create"),
    path(Q, views.quote_detail, name="quote-detail"),
    path(Q + "bewerken/", views.quote_update, name="quote-update"),
    path(Q + "versturen/", views.quote_send, name="quote-send"),
    path(Q + "akkoord/", views.quote_accept, name="quote-accept"),
    path(Q + "afgewezen/", views.quote_decline, name="quote-decline"),
    path(Q + "kopie/", views.quote_copy, name="quote-copy"),
    path(Q + "afdrukken/", views.quote_print, name="quote-print"),
    path(Q + "pdf/", views.quote_pdf, name="quote-pdf"),
    path(Q + "regels/nieuw/", views.line_create, name="line-create"),
    path(LINE + "bewerken/", views.line_update, name="line-update"),
    path(LINE + "verwijderen/", views.line_delete, name="line-delete"),
    path(LINE + "gerealiseerd/", views.line_realised, name="line-realised"),
]
