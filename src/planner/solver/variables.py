"""The model's variables, one container: ``attends(candidate)`` is the literal "it is in the
plan". Things with a flexible start are *flexible units* (:class:`Flex`), each with a start
variable and an optional interval:

- presenter duty at one's own poster is one unit;
- the visits of one poster session are interchangeable (same length, window and room), so
  rather than an interval per poster the session gets ``window // visit`` ordered *visit
  slots*; choosing posters only fixes how many slots are used (see
  :mod:`planner.solver.rules.posters`). This removes the symmetry of ordering visits.

:meth:`Variables.extract` reads a solution back into plain values (posters are given the used
slots in order of interest).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planner.solver.items import Candidate, Day, LunchSlot
from planner.solver.lunch_place import lunch_start

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model

GroupKey = tuple[date, str, str, int, int, int]
"""(day, session, room, window start, window end, visit length)."""


@dataclass(frozen=True)
class Chosen:
    """A solved item: the candidate (None for lunch), its day and minutes."""

    candidate: Candidate | None
    day: date
    start: int
    end: int


@dataclass(frozen=True)
class Flex:
    """A flexible unit: presenter duty or one visit slot of a poster session."""

    id: str
    day: date
    session: str
    room: str
    start: int
    """Window start."""
    end: int
    """Window end."""
    length: int
    lit: cp_model.IntVar
    start_var: cp_model.IntVar
    interval: cp_model.IntervalVar


@dataclass
class Variables:
    model: cp_model.CpModel
    attend: dict[str, cp_model.IntVar] = field(default_factory=dict)
    interval: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    """Optional fixed intervals of talks."""
    flex: dict[date, list[Flex]] = field(default_factory=lambda: defaultdict(list))
    duty: dict[str, Flex] = field(default_factory=dict)
    poster_groups: dict[GroupKey, list[Candidate]] = field(default_factory=dict)
    visit_slots: dict[GroupKey, list[Flex]] = field(default_factory=dict)
    lunch_start: dict[date, cp_model.IntVar] = field(default_factory=dict)
    lunch_interval: dict[date, cp_model.IntervalVar] = field(default_factory=dict)
    lunch_length: dict[date, int] = field(default_factory=dict)
    lunch_slots: dict[date, LunchSlot] = field(default_factory=dict)
    lunch_discrete: set[date] = field(default_factory=set)
    """Days whose lunch is modelled by its possible starts (see :mod:`.rules.lunch`)."""
    candidates: dict[str, Candidate] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, days: list[Day]) -> Variables:
        self = cls(model)
        for day in days:
            groups: dict[GroupKey, list[Candidate]] = defaultdict(list)
            for c in day.candidates:
                if c.blocked is not None:
                    continue
                self._add(c)
                if c.kind == "poster":
                    groups[(c.day, c.session, c.room, c.start, c.end, c.length)].append(c)
            for key, members in sorted(groups.items()):
                self._add_slots(key, members)
            if day.lunch is not None:
                slot = day.lunch
                tag = day.day.isoformat()
                start = model.new_int_var(
                    slot.window_start, slot.window_end - slot.length, f"lunch_start_{tag}"
                )
                self.lunch_start[day.day] = start
                self.lunch_slots[day.day] = slot
                self.lunch_length[day.day] = slot.length
                self.lunch_interval[day.day] = model.new_fixed_size_interval_var(
                    start, slot.length, f"lunch_{tag}"
                )
        return self

    def _unit(
        self, name: str, c: Candidate, lit: cp_model.IntVar, day: date, earliest: int = 0
    ) -> Flex:
        start = self.model.new_int_var(c.start + earliest, c.end - c.length, f"start_{name}")
        interval = self.model.new_optional_fixed_size_interval_var(
            start, c.length, lit, f"visit_{name}"
        )
        unit = Flex(name, day, c.session, c.room, c.start, c.end, c.length, lit, start, interval)
        self.flex[day].append(unit)
        return unit

    def _add(self, c: Candidate) -> None:
        lit = self.model.new_bool_var(f"attend_{c.id}")
        self.attend[c.id] = lit
        self.candidates[c.id] = c
        if c.fixed:
            self.interval[c.id] = self.model.new_optional_fixed_size_interval_var(
                c.start, c.length, lit, f"slot_{c.id}"
            )
        elif c.kind == "poster-duty":
            self.duty[c.id] = self._unit(f"duty_{c.id}", c, lit, c.day)

    def _add_slots(self, key: GroupKey, members: list[Candidate]) -> None:
        day, session, room, lo, hi, length = key
        count = min(len(members), (hi - lo) // length)
        first = members[0]
        self.poster_groups[key] = members
        self.visit_slots[key] = [
            self._unit(
                f"{session}_{room}_{k}",
                first,
                self.model.new_bool_var(f"used_{session}_{room}_{k}"),
                day,
                earliest=k * length,
            )
            for k in range(count)
        ]

    def has(self, c: Candidate) -> bool:
        return c.id in self.attend

    def attends(self, c: Candidate) -> cp_model.IntVar:
        return self.attend[c.id]

    def extract(self, solver: cp_model.CpSolver) -> list[Chosen]:
        chosen: list[Chosen] = []
        for cid, lit in self.attend.items():
            c = self.candidates[cid]
            if c.kind == "poster" or not solver.boolean_value(lit):
                continue
            start = solver.value(self.duty[cid].start_var) if cid in self.duty else c.start
            chosen.append(Chosen(c, c.day, start, start + c.length))
        for key, members in self.poster_groups.items():
            visited = sorted(
                (c for c in members if solver.boolean_value(self.attend[c.id])),
                key=lambda c: (-c.score, c.id),
            )
            starts = sorted(
                solver.value(u.start_var)
                for u in self.visit_slots[key]
                if solver.boolean_value(u.lit)
            )
            for c, start in zip(visited, starts, strict=True):
                chosen.append(Chosen(c, c.day, start, start + c.length))
        taken = [(x.start, x.end) for x in chosen]
        for day, var in self.lunch_start.items():
            start = lunch_start(self.lunch_slots[day], solver.value(var), taken)
            chosen.append(Chosen(None, day, start, start + self.lunch_length[day]))
        chosen.sort(key=lambda x: (x.start, x.end, x.candidate.id if x.candidate else ""))
        return chosen
