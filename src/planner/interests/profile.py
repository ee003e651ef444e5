"""The attendee's profile. Field names are the CLI flag names (``--max-talks-per-day`` is
``max_talks_per_day``), so a profile file reads like a command line."""

from __future__ import annotations

from datetime import datetime, time, timezone

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

ContributionId = str

STAR_LEVELS: dict[int, float] = {1: 15.0, 2: 30.0, 3: 60.0}
"""The weight of one, two and three stars (``--star ID``, ``ID=**``, ``ID=***``)."""

LIKE_WEIGHT = 10.0
"""Weight of a liked document or item unless one is given: its best match is worth as much as
a keyword's best."""

MIN_RELEVANCE = 0.2
"""A match of a keyword, a liked document or a liked item that scores less than this share of
the interest's best match is only weakly related, and counts nothing (``--min-relevance``)."""

MAX_TEXT = 1_000
"""The longest keyword, speaker, id or other text a setting takes (in characters)."""
MAX_ENTRIES = 10_000
"""The most entries one setting takes (keywords, stars, must-sees, ...): one per event of a
very large programme."""


def check_texts(texts: list[str], key: str) -> list[str]:
    """``texts`` for the setting ``key``, refused when there are too many or one is too long:
    no real profile comes near, and ranking a megabyte keyword takes seconds."""
    if len(texts) > MAX_ENTRIES:
        raise ValueError(f"{key}: {len(texts):,} entries, more than the limit of {MAX_ENTRIES:,}")
    for text in texts:
        if len(text) > MAX_TEXT:
            raise ValueError(
                f"{key}: {text[:20]!r}... is {len(text):,} characters long, over the limit "
                f"of {MAX_TEXT:,}"
            )
    return texts


def fixed_offset(moment: datetime | None) -> datetime | None:
    """The same instant with its UTC offset as a fixed zone. A profile keeps instants this way,
    as a TOML file or a command line can: a zone's name is lost, and Python never finds two
    datetimes equal across zones when one falls in a DST fold or gap."""
    if moment is None:
        return None
    offset = moment.utcoffset()
    assert offset is not None  # AwareDatetime
    return moment.astimezone(timezone(offset))


class BusyInterval(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    start: AwareDatetime
    end: AwareDatetime
    label: str | None = None

    _fixed = field_validator("start", "end")(fixed_offset)

    @model_validator(mode="after")
    def _ordered(self) -> BusyInterval:
        if self.end <= self.start:
            raise ValueError(f"busy interval ends ({self.end}) before it starts ({self.start})")
        return self


class InterestProfile(BaseModel):
    """Interests and constraints of one attendee. Everything is optional; an empty profile
    plans nothing (items with zero interest are never put in a plan)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    # Interests
    keyword: list[str] = Field(
        default_factory=list, description="Free-text keywords, ranked against the abstracts."
    )
    session: dict[str, float] = Field(
        default_factory=dict, description="Weight per session or track (title or id)."
    )
    speaker: list[str] = Field(
        default_factory=list, description="Speakers to see (name, case-insensitive)."
    )
    like: dict[str, float] = Field(
        default_factory=dict,
        description="Weight per document of your own (a text or Markdown file): the programme "
        "is ranked by its likeness to it.",
    )
    like_item: list[ContributionId] = Field(
        default_factory=list, description="Contributions to find more like (ranked likewise)."
    )
    min_score: float | None = Field(
        None, ge=0, description="Items whose interest is below this are not planned."
    )
    min_relevance: float = Field(
        MIN_RELEVANCE,
        ge=0,
        le=1,
        description="A match below this share of its interest's best match counts nothing.",
    )
    star: dict[ContributionId, float] = Field(
        default_factory=dict,
        description="Explicit weight per contribution; overrides every other interest for it.",
    )
    must: list[ContributionId] = Field(
        default_factory=list,
        description="Must-see: always in the plan (or the plan is infeasible).",
    )
    skip: list[ContributionId] = Field(default_factory=list, description="Never in the plan.")
    own: list[ContributionId] = Field(
        default_factory=list, description="The attendee's own talks and posters (presenter duty)."
    )

    type: list[str] = Field(
        default_factory=list,
        description="Only items of these event types, as the schedule writes them "
        "(case and accents ignored); empty: every type.",
    )
    skip_type: list[str] = Field(
        default_factory=list, description="Never items of these event types."
    )
    language: list[str] = Field(
        default_factory=list,
        description="Only items given in these languages ('en', 'de'); items whose language "
        "the schedule does not give are kept. Empty: every language.",
    )
    prefer_live: float | None = Field(
        default=None,
        ge=1,
        description="Multiply the interest of an item that will not be recorded by this "
        "factor: it can be seen only in person.",
    )

    # Constraints
    arrive: AwareDatetime | None = None
    leave: AwareDatetime | None = None
    busy: list[BusyInterval] = Field(default_factory=list)
    busy_ics: list[str] = Field(
        default_factory=list, description="Calendar files whose events are busy times."
    )
    walk: int = Field(
        5, ge=0, description="Minutes to walk between two different rooms; 0 switches it off."
    )
    walk_between: dict[str, int] = Field(
        default_factory=dict, description="Per-pair walking minutes, key 'Room A | Room B'."
    )
    lunch: int = Field(
        45,
        ge=0,
        description="Minutes of lunch each day inside the lunch window; 0 switches it off.",
    )
    lunch_window: tuple[time, time] = (time(11, 30), time(14, 30))
    max_talks_per_day: int | None = Field(None, ge=0)
    max_hours_per_day: float | None = Field(None, ge=0)
    poster_visit: int = Field(
        8, gt=0, description="Minutes per poster visited during a poster session."
    )
    poster_duty_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Share of its poster session a presenter stays at their own poster.",
    )

    # Exports
    ics_utc: bool = Field(
        default=False,
        description="Write calendars with every time in UTC, for calendar programs that "
        "ignore time zones.",
    )

    _fixed = field_validator("arrive", "leave")(fixed_offset)

    @field_validator("like")
    @classmethod
    def _like_weights(cls, like: dict[str, float]) -> dict[str, float]:
        negative = [name for name, weight in like.items() if weight < 0]
        if negative:
            raise ValueError(f"weight below 0 for {', '.join(negative)}")
        return like

    @model_validator(mode="after")
    def _consistent(self) -> InterestProfile:
        if self.arrive and self.leave and self.leave <= self.arrive:
            raise ValueError(f"leave ({self.leave}) is not after arrive ({self.arrive})")
        both = sorted(set(self.must) & set(self.skip))
        if both:
            raise ValueError(f"in both must and skip: {', '.join(both)}")
        return self

    def walk_minutes(self, a: str, b: str) -> int:
        """Walking minutes from room ``a`` to room ``b`` (zero within one room)."""
        if a == b:
            return 0
        for key in (f"{a} | {b}", f"{b} | {a}"):
            if key in self.walk_between:
                return self.walk_between[key]
        return self.walk
