"""One planning run, as the CLI, the TUI and batch jobs do it: the profile with the attendee's
calendars folded in, interest scores, the solver, and the files written afterwards."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import AwareDatetime, BaseModel, TypeAdapter, ValidationError

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.interests.scoring import Interest, score_programme, weakly_related
from planner.itinerary import Itinerary, LeftOut, PlannedItem
from planner.model import Programme
from planner.userfiles import check_depth, read_bytes

if TYPE_CHECKING:
    from planner.replan import Restart


@dataclass
class PlanResult:
    itinerary: Itinerary
    interests: dict[str, Interest]
    warnings: list[str] = field(default_factory=list)
    profile: InterestProfile | None = None
    """The profile the plan was made for, with the busy times of its calendars added."""


def with_calendar_busy(
    profile: InterestProfile, programme: Programme
) -> tuple[InterestProfile, list[str]]:
    """The profile with the busy times of its ``busy_ics`` calendars added, and what was skipped."""
    if not profile.busy_ics:
        return profile, []
    from planner.interests.busy_calendar import busy_from_ics

    found = busy_from_ics([Path(p) for p in profile.busy_ics], programme)
    busy = list(profile.busy) + [b for b in found.intervals if b not in profile.busy]
    return profile.model_copy(update={"busy": busy}), [
        f"skipped in your calendar: {s}" for s in found.skipped
    ]


def read_previous(path: Path) -> Itinerary:
    """An earlier plan, from the output of ``planner plan --json``."""
    try:
        data = json.loads(read_bytes(Path(path)))
    except FileNotFoundError:
        raise PlannerError(
            f"{path}: no such file (--previous takes an earlier `planner plan --json` output)"
        ) from None
    except RecursionError:
        raise PlannerError(f"{path}: refused: values nested too deeply") from None
    except (OSError, ValueError) as error:  # JSON, and UTF-8 (UnicodeDecodeError)
        raise PlannerError(f"{path}: not a plan in JSON ({error})") from None
    check_depth(data, str(path))
    if not isinstance(data, dict) or data.get("status") not in {"optimal", "feasible"}:
        raise PlannerError(f"{path}: not a plan from `planner plan --json`")
    try:
        itinerary = Itinerary.model_validate(data)
    except ValidationError as error:
        raise _invalid(path, error) from None
    try:
        lunches = _LUNCHES.validate_python(data.get("lunch", []))
    except ValidationError as error:
        raise _invalid(path, error, "lunch") from None
    items = [*itinerary.items, *(lunch.item() for lunch in lunches)]
    return itinerary.model_copy(update={"items": items})


def _invalid(path: Path, error: ValidationError, *where: str) -> PlannerError:
    first = error.errors()[0]
    place = ".".join([*where, *(str(p) for p in first["loc"])])
    return PlannerError(f"{path}: {place}: {first['msg']}")


class _Lunch(BaseModel):
    """A lunch of ``planner plan --json`` (its ``id`` since the lunches carry one)."""

    id: str | None = None
    start: AwareDatetime
    end: AwareDatetime

    def item(self) -> PlannedItem:
        return PlannedItem(
            id=self.id or f"lunch-{self.start.date().isoformat()}",
            kind="lunch",
            start=self.start,
            end=self.end,
            room="",
            score=0.0,
            title="Lunch",
        )


_LUNCHES = TypeAdapter(list[_Lunch])


def make_plan(
    programme: Programme,
    profile: InterestProfile,
    *,
    previous: Itinerary | None = None,
    relax: bool = False,
    time_limit: float = 10.0,
    start: Restart | None = None,
) -> PlanResult:
    """Score the programme for ``profile`` and solve. Raises ``InfeasibleError`` (exit code 2).
    With ``start``, plans from its moment on and keeps what it keeps (:mod:`planner.replan`)."""
    planning_profile, warnings = with_calendar_busy(profile, programme)
    interests = score_programme(programme, planning_profile)
    from planner.solver import plan  # OR-Tools loads once the inputs are read

    scores = {cid: interest.score for cid, interest in interests.items()}
    restrict = None
    if start is not None:
        from planner.replan import restrict as restricted

        restrict = restricted(start, programme)
    itinerary = plan(
        programme,
        planning_profile,
        scores,
        previous=previous,
        relax=relax,
        time_limit=time_limit,
        restrict=restrict,
    )
    itinerary = with_weak(with_reasons(itinerary, interests), interests)
    since = None
    if start is not None:  # the kept items are in the way of the new items' backups
        from planner.replan import merged

        itinerary, since = merged(itinerary, start, programme), start.at
    from planner.backups import with_backups

    itinerary = with_backups(itinerary, programme, scores, planning_profile, since)
    return PlanResult(itinerary, interests, warnings, planning_profile)


def with_weak(itinerary: Itinerary, interests: dict[str, Interest]) -> Itinerary:
    """The items matched only weakly (below the minimum relevance or score) added to what was
    left out, with what they matched ("only weakly related: ...")."""
    listed = {x.id for x in itinerary.left_out} | {x.id for x in itinerary.items}
    weak = [
        LeftOut(id=cid, score=interest.weak_score, reason=weakly_related(interest))
        for cid, interest in interests.items()
        if interest.weak and interest.score == 0 and cid not in listed
    ]
    if not weak:
        return itinerary
    return itinerary.model_copy(update={"left_out": [*itinerary.left_out, *weak]})


_SCORE_PART = re.compile(r"^score [-0-9.e+]+(?:; )?")


def with_reasons(itinerary: Itinerary, interests: dict[str, Interest]) -> Itinerary:
    """Each planned item's ``why`` led by the reasons for its interest score (which say the
    score, so the solver's bare "score N" goes)."""
    items = []
    for item in itinerary.items:
        reasons = interests[item.id].reasons if item.id in interests else []
        rest = [_SCORE_PART.sub("", w) if reasons else w for w in item.why]
        why = [*reasons, *(w for w in rest if w and w not in reasons)]
        items.append(item.model_copy(update={"why": why}))
    return itinerary.model_copy(update={"items": items})
