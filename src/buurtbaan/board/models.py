"""The bulletin board (prikbord) and Buurtmaatjes help requests.

For the engineers who build on it:

- `BoardItem`: one piece of work (`work.PieceOfWork`, one-to-one) as the public sees it on the
  bureau's board. Its `title` and `summary` are written *for the board* and never carry personal
  data of whoever asked for the work (Sandra's buurtklus reads "Hond uitlaten, 3× per week,
  Spijkerkwartier", not her name or street). `kind` is the board's kind (vacancy, buurtklus,
  group work, workshop), derived from the piece's kind (`kind_for_work`). `area` is a PC4 only.
  Status: draft → submitted (a partner posted it, waiting for moderation) → published (the
  coordinator approved it) → closed, or rejected with a reason. Only published items whose
  `closes_at` has not passed and whose piece is not done or cancelled are on the public board
  (`BoardItem.objects.on_board()`); closed and rejected items stay in the records.
- `Response`: someone who reacts to an item: a logged-in resident of the bureau (`user`, and the
  talent-bank `resident` when the account has one; at most one response per item each), or a
  visitor through the short form (`name` plus e-mail and/or phone and a short message). The staff
  handle it: new → contacted → declined, with a note. `ip_hash` (a keyed hash, never the address
  itself) lets the short form refuse floods from one address.
- `HelpRequest` (Buurtmaatjes): a welfare organisation asks the bureau to find someone for a
  resident (company, chores, moving house). The requester writes only what is needed, without a
  full name, and confirms the person agrees to be contacted. The coordinator turns it into a piece
  of work (`piece`), which can then go on the board and into matching; the requester follows
  its `status` on their own list: received → piece created → matched → done, or not possible
  (with a reason).

Write through `board.actions`; read lists through `board.queries`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.phones import PhoneNumberField
from buurtbaan.organisations.models import validate_postcode
from buurtbaan.work.models import WorkKind, WorkStatus

validate_pc4 = RegexValidator(
    r"^[1-9][0-9]{3}$",
    _("Give only the four digits of the postcode area, e.g. 6828."),
    code="invalid_pc4",
)


class BoardKind(models.TextChoices):
    VACANCY = "vacancy", _("vacancy")
    BUURTKLUS = "buurtklus", _("neighbourhood chore (buurtklus)")
    GROUP_WORK = "group_work", _("group work")
    WORKSHOP = "workshop", _("workshop")


# How the work bank's kinds appear on the board. A dream job (droombaan) is a personal
# trajectory, not something to post: it has no board kind.
KIND_FOR_WORK = {
    WorkKind.BASISBAAN: BoardKind.VACANCY,
    WorkKind.BUURTBAAN: BoardKind.VACANCY,
    WorkKind.BUURTKLUS: BoardKind.BUURTKLUS,
    WorkKind.GROEPSWERK: BoardKind.GROUP_WORK,
}
# The kind of piece a partner's post becomes.
WORK_FOR_KIND = {
    BoardKind.VACANCY: WorkKind.BASISBAAN,
    BoardKind.BUURTKLUS: WorkKind.BUURTKLUS,
    BoardKind.GROUP_WORK: WorkKind.GROEPSWERK,
}


def kind_for_work(work_kind: str) -> str | None:
    return KIND_FOR_WORK.get(work_kind)


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("waiting for approval")
    PUBLISHED = "published", _("on the board")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("not published")


class BoardItemQuerySet(models.QuerySet):
    def on_board(self, today=None):
        """What the public board shows: published, not past its closing date, work not finished."""
        today = today or timezone.localdate()
        return (
            self.filter(status=ItemStatus.PUBLISHED)
            .filter(Q(closes_at__isnull=True) | Q(closes_at__gte=today))
            .exclude(piece__status__in=[WorkStatus.DONE, WorkStatus.CANCELLED])
        )


class BoardItem(models.Model):
    """A piece of work as it appears on the public board; see the module docstring."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="board_items"
    )
    piece = models.OneToOneField(
        "work.PieceOfWork",
        verbose_name=_("piece of work"),
        on_delete=models.CASCADE,
        related_name="board_item",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("offered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_items",
        help_text=_("Shown on the board. Leave empty when a resident asks for the work."),
    )
    title = models.CharField(
        _("title on the board"),
        max_length=120,
        help_text=_("Short and concrete, without names: e.g. Walk a dog, 3 times a week."),
    )
    summary = models.TextField(
        _("what is it about"),
        max_length=1500,
        help_text=_(
            "Everyone can read this. Describe the work, not the person who asks: no names, "
            "addresses, phone numbers or health details."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BoardKind.choices)
    talents = models.ManyToManyField(
        "residents.Talent", verbose_name=_("talents"), blank=True, related_name="board_items"
    )
    area = models.CharField(
        _("postcode area"),
        max_length=4,
        blank=True,
        validators=[validate_pc4],
        help_text=_("Only the four digits, e.g. 6828; never a full postcode or street."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    status_reason = models.TextField(_("reason"), blank=True)
    closes_at = models.DateField(
        _("on the board until"),
        null=True,
        blank=True,
        help_text=_("After this day the item leaves the board by itself. Leave empty: no end."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = BoardItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("board item")
        verbose_name_plural = _("board items")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["bureau", "status", "kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("board:item-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk})

    def get_manage_url(self):
        return reverse("board:item-manage", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == ItemStatus.PUBLISHED


class ResponseStatus(models.TextChoices):
    NEW = "new", _("new")
    CONTACTED = "contacted", _("contacted")
    DECLINED = "declined", _("declined")


class Response(models.Model):
    """Someone who wants to do the work of a board item; see the module docstring."""

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(BoardItem, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_responses",
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_responses",
    )
    name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NEW
    )
    note = models.TextField(_("note of the bureau"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    created_at = models.DateTimeField(_("responded"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"],
                condition=Q(user__isnull=False),
                name="one_response_per_account_per_item",
                violation_error_message=_("You have already responded to this item."),
            ),
            models.UniqueConstraint(
                fields=["item", "resident"],
                condition=Q(resident__isnull=False),
                name="one_response_per_resident_per_item",
                violation_error_message=_("This resident has already responded to this item."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(resident__isnull=False) | ~Q(name=""),
                name="response_says_who_responds",
            ),
        ]

    def __str__(self):
        return f"response #{self.pk}"

    @property
    def display_name(self) -> str:
        if self.resident_id:
            return str(self.resident)
        if self.user_id:
            return str(self.user)
        return self.name

    @property
    def contact_email(self) -> str:
        if self.email:
            return self.email
        if self.resident_id and self.resident.email:
            return self.resident.email
        return self.user.email if self.user_id else ""

    @property
    def contact_phone(self) -> str:
        if self.phone:
            return self.phone
        return self.resident.phone if self.resident_id else ""


class HelpKind(models.TextChoices):
    COMPANY = "company", _("company (gezelschap)")
    CHORES = "chores", _("chores (klusjes)")
    MOVING = "moving", _("moving house (verhuizen)")
    OTHER = "other", _("something else")


class HelpStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    PIECE_CREATED = "piece_created", _("looking for someone")
    MATCHED = "matched", _("someone found")
    DONE = "done", _("done")
    NOT_POSSIBLE = "not_possible", _("not possible")


class HelpRequest(models.Model):
    """A Buurtmaatjes help request from a welfare organisation; see the module docstring."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="help_requests"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    help_kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    description = models.TextField(
        _("what help is needed"),
        max_length=2000,
        help_text=_(
            "What should happen, how often and for how long. Write only what the bureau needs to "
            "find someone; no medical details."
        ),
    )
    person_description = models.CharField(
        _("for whom"),
        max_length=200,
        help_text=_(
            "A short description without the full name, e.g. a woman of 82 who lives alone."
        ),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident in the talent bank"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        help_text=_("Linked by the bureau when the person is known to it."),
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        validators=[validate_postcode],
        help_text=_("Where the help is needed: 6828 or 6828 AB."),
    )
    when = models.CharField(
        _("when"),
        max_length=200,
        help_text=_("E.g. Tuesday afternoons from March, or one Saturday in May."),
    )
    has_consent = models.BooleanField(
        _("the person agrees that the bureau contacts them"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HelpStatus.choices, default=HelpStatus.RECEIVED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    piece = models.OneToOneField(
        "work.PieceOfWork",
        verbose_name=_("piece of work"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_request",
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["bureau", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(has_consent=True),
                name="help_request_has_consent",
                violation_error_message=_(
                    "Ask the person first: the bureau only takes requests the person agrees to."
                ),
            ),
        ]

    def __str__(self):
        return f"help request #{self.pk}"

    def get_absolute_url(self):
        return reverse(
            "board:helprequest-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )

    @property
    def is_open(self) -> bool:
        return self.status not in (HelpStatus.DONE, HelpStatus.NOT_POSSIBLE)
