"""Background work of the bulletin board (docs/background.md)."""

from django_tasks import task

from buurtbaan.board import actions


@task()
def mail_about_post(*, item_id: int, event: str, language: str) -> int:
    """Mail about a partner's post (submitted, published or rejected); returns how many mails
    were sent (no addresses)."""
    return actions.send_post_mail(item_id=item_id, event=event, language=language)
