from django.conf import settings


def test_dutch_is_shown_whatever_the_browser_asks(client, db):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "nl"
    assert "Waardevol werk in je eigen wijk" in response.content.decode()


def test_the_language_switch_chooses_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert "Valuable work in your own neighbourhood" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/")["Content-Language"] == "nl"
