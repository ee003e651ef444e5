"""A group planning run: every member's personal optimum (in parallel), then the policy's plans,
coverage against independent plans (and, for ``cover``, against the greedy baseline).

Members whose profile is broken, or whose own wishes cannot be met, are reported by name and
line of the group file and left out; the others are planned. Only when no member can be planned
is the whole run an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from planner.errors import PlannerError
from planner.group.coverage import (
    ATTENDING,
    GroupItem,
    coverage,
    covered_count,
    gap,
    group_items,
    utility,
)
from planner.group.groupfile import DEFAULT_SHARE, GroupFile, MemberError, Policy
from planner.group.naming import distinct_stems
from planner.group.personal import plan_members
from planner.group.profiles import Member, resolve_members
from planner.group.room_load import RoomCapacities, TalkLoad, room_load
from planner.itinerary import Itinerary, Status
from planner.model import Programme
from planner.planning import PlanResult


@dataclass
class MemberPlan:
    name: str
    line: int
    stem: str
    itinerary: Itinerary
    personal: Itinerary
    scores: dict[str, float]
    written: Path | None = None
    """The folder its calendar and agenda were written to with the plan, if any."""

    @property
    def utility(self) -> float:
        return utility(self.itinerary, self.scores)

    @property
    def personal_optimum(self) -> float:
        return utility(self.personal, self.scores)


@dataclass
class Coverage:
    covered: float
    independent_covered: float
    group_items: int
    group_weight: float
    covered_items: int
    independent_covered_items: int
    greedy_covered: float | None = None
    greedy_covered_items: int | None = None
    bound: float | None = None
    gap: float | None = None
    cover_seconds: float | None = None
    """``cover``: time to the coverage (before the members' interest is raised at it)."""
    cover_source: str | None = None
    """``cover``: ``model`` when the solver improved on the starting plans, ``start`` when the
    better baseline is returned as it is."""


@dataclass
class GroupResult:
    name: str
    policy: Policy
    share: float
    max_per_poster: int | None
    status: Status
    members: list[MemberPlan]
    errors: list[MemberError]
    items: dict[str, GroupItem]
    coverage: Coverage
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    room_load: list[TalkLoad] | None = None
    """``independent``: the room-load forecast (:mod:`planner.group.room_load`)."""


@dataclass(frozen=True)
class Options:
    policy: Policy | None = None
    share: float | None = None
    max_per_poster: int | None = None
    time_limit: float = 10.0
    workers: int = 1
    folder: Path | None = None
    """With ``independent``, write each member's calendar and agenda here as soon as it is
    planned, in the process that planned it."""
    capacities: RoomCapacities = field(default_factory=RoomCapacities)
    """Room capacities for the room-load forecast, besides the programme's."""
    dask: str | None = None
    """The address of a Dask scheduler to plan the members on (:mod:`planner.group.cluster`)."""


def _status(itineraries: Sequence[Itinerary]) -> Status:
    return "optimal" if all(i.status == "optimal" for i in itineraries) else "feasible"


def _most_at_once(spans: list[tuple[datetime, datetime]]) -> int:
    """The largest number of the spans that share a moment."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    most = now = 0
    for _, step in events:  # an end sorts before a start at the same moment
        now += step
        most = max(most, now)
    return most


def capacity_overruns(
    programme: Programme, plans: Sequence[MemberPlan], max_per_poster: int | None
) -> list[str]:
    """Items where more members are at once than a capacity allows (possible with
    ``independent``, where each member is planned alone): a poster with more than
    ``max_per_poster`` visitors at one time, a talk with more members than its room's seats."""
    return overruns(programme, [m.itinerary for m in plans], max_per_poster)


def overruns(
    programme: Programme, plans: Sequence[Itinerary], max_per_poster: int | None
) -> list[str]:
    """:func:`capacity_overruns` of plain plans."""
    spans: dict[str, list[tuple[datetime, datetime]]] = {}
    for itinerary in plans:
        for item in itinerary.items:
            if item.kind in ATTENDING:
                spans.setdefault(item.id, []).append((item.start, item.end))
    found = []
    for cid, visits in sorted(spans.items()):
        c = programme.contribution_by_id[cid]
        room = programme.room_by_name.get(programme.room_of(c))
        cap = max_per_poster if c.kind == "poster" else (room.capacity if room else None)
        most = _most_at_once(visits)
        if cap is not None and most > cap:
            found.append(f"{most} members at once at {cid!r} ({c.title}), more than {cap}")
    return found


def plan_group(
    group: GroupFile,
    programme: Programme,
    options: Options,
    advance: Callable[[], None] | None = None,
    phase: Callable[[str], None] | None = None,
) -> GroupResult:
    """Plan ``group``; ``advance`` is called once per member planned alone, ``phase`` with the
    name of each later step (for a progress display)."""
    policy: Policy = options.policy or group.policy or "independent"
    share = options.share if options.share is not None else group.share
    share = DEFAULT_SHARE if share is None else share
    max_per_poster = options.max_per_poster or group.max_per_poster
    members, errors = resolve_members(group, programme)
    if not members:
        raise PlannerError(
            "no member of the group can be planned:\n" + "\n".join(f"  {e}" for e in errors)
        )
    # file names for every member that reached planning, so that they do not depend on
    # which members' plans fail
    all_stems = distinct_stems([m.name for m in members])
    folder = options.folder if policy == "independent" else None
    if options.dask is not None:
        from planner.group.cluster import plan_on_cluster

        outcomes = plan_on_cluster(
            options.dask,
            programme,
            [m.profile for m in members],
            time_limit=options.time_limit,
            stems=all_stems,
            folder=folder,
            advance=advance,
        )
    else:
        outcomes = plan_members(
            programme,
            [m.profile for m in members],
            workers=options.workers,
            time_limit=options.time_limit,
            stems=all_stems,
            folder=folder,
            advance=advance,
        )
    good: list[tuple[Member, PlanResult]] = []
    stems: list[str] = []
    written: list[Path | None] = []
    for member, stem, (outcome, done) in zip(members, all_stems, outcomes, strict=True):
        if isinstance(outcome, str):
            if group.folder:  # no line to give: the member is their file
                file = next(e.profile_path for e in group.members if e.name == member.name)
                errors.append(MemberError(member.name, 0, f"{file}: {outcome}"))
            else:
                errors.append(MemberError(member.name, member.line, outcome, str(group.path)))
        else:
            good.append((member, outcome))
            stems.append(stem)
            written.append(folder if done else None)
    errors.sort(key=lambda e: e.line)
    if not good:
        raise PlannerError(
            "no member of the group can be planned:\n" + "\n".join(f"  {e}" for e in errors)
        )
    scores = [{cid: i.score for cid, i in r.interests.items()} for _, r in good]
    items = group_items(scores)
    personal = [r.itinerary for _, r in good]
    finals = personal
    status = _status(personal)
    seconds = sum(i.solve_seconds for i in personal)
    result_coverage = Coverage(
        covered=coverage(personal, items),
        independent_covered=coverage(personal, items),
        group_items=len(items),
        group_weight=round(sum(i.weight for i in items.values()), 6),
        covered_items=covered_count(personal, items),
        independent_covered_items=covered_count(personal, items),
    )
    if policy == "cover":
        from planner.group.greedy import plan_greedy  # the solver, loaded once members are read
        from planner.group.joint import JointMember, plan_cover
        from planner.group.lns import fits, plan_large

        joint_members = [
            JointMember(r.profile or m.profile, r.interests, r.itinerary) for m, r in good
        ]
        if phase:
            phase("greedy baseline")
        greedy = plan_greedy(
            programme,
            joint_members,
            items,
            share=share,
            max_per_poster=max_per_poster,
            time_limit=options.time_limit,
        )
        if phase:
            phase("solving the group model")
        # the better baseline is the model's first solution (independent plans only when they
        # keep every capacity)
        starts = sorted(
            [greedy] + ([] if overruns(programme, personal, max_per_poster) else [personal]),
            key=lambda plans: -coverage(plans, items),
        )
        if fits(programme, len(joint_members), max_per_poster):
            joint = plan_large(
                programme,
                joint_members,
                items,
                share=share,
                max_per_poster=max_per_poster,
                time_limit=options.time_limit,
                start=starts[0],
            )
        else:
            joint = plan_cover(
                programme,
                joint_members,
                items,
                share=share,
                max_per_poster=max_per_poster,
                time_limit=options.time_limit,
                starts=starts,
            )
        finals = joint.itineraries
        status = joint.status
        seconds = joint.seconds
        result_coverage.covered = coverage(finals, items)
        result_coverage.covered_items = covered_count(finals, items)
        result_coverage.greedy_covered = coverage(greedy, items)
        result_coverage.greedy_covered_items = covered_count(greedy, items)
        result_coverage.bound = joint.bound
        result_coverage.gap = gap(result_coverage.covered, joint.bound)
        result_coverage.cover_seconds = joint.cover_seconds
        result_coverage.cover_source = joint.source
    if finals is not personal:
        written = [None] * len(good)
    plans = [
        MemberPlan(m.name, m.line, stem, final, r.itinerary, s, files)
        for (m, r), stem, final, s, files in zip(good, stems, finals, scores, written, strict=True)
    ]
    result = GroupResult(
        name=group.name,
        policy=policy,
        share=share,
        max_per_poster=max_per_poster,
        status=status,
        members=plans,
        errors=errors,
        items=items,
        coverage=result_coverage,
        seconds=seconds,
    )
    result.warnings = capacity_overruns(programme, plans, max_per_poster)
    if policy == "independent":
        result.room_load = room_load(programme, [m.itinerary for m in plans], options.capacities)
    return result
