"""The model's variables, one container: ``attends(candidate)`` is the literal "it is in the
plan"; flexible items (poster visits, presenter duty, lunch) also have a start variable and an
optional interval. :meth:`Variables.extract` reads a solution back into plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from planner.solver.items import Candidate, Day


@dataclass(frozen=True)
class Chosen:
    """A solved item: the candidate (None for lunch), its day and minutes."""

    candidate: Candidate | None
    day: date
    start: int
    end: int


@dataclass
class Variables:
    model: cp_model.CpModel
    attend: dict[str, cp_model.IntVar] = field(default_factory=dict)
    start: dict[str, cp_model.IntVar] = field(default_factory=dict)
    interval: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    lunch_start: dict[date, cp_model.IntVar] = field(default_factory=dict)
    lunch_interval: dict[date, cp_model.IntervalVar] = field(default_factory=dict)
    lunch_length: dict[date, int] = field(default_factory=dict)
    candidates: dict[str, Candidate] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, days: list[Day]) -> Variables:
        self = cls(model)
        for day in days:
            for c in day.candidates:
                if c.blocked is None:
                    self._add(c)
            if day.lunch is not None:
                slot = day.lunch
                tag = day.day.isoformat()
                start = model.new_int_var(
                    slot.window_start, slot.window_end - slot.length, f"lunch_start_{tag}"
                )
                self.lunch_start[day.day] = start
                self.lunch_length[day.day] = slot.length
                self.lunch_interval[day.day] = model.new_fixed_size_interval_var(
                    start, slot.length, f"lunch_{tag}"
                )
        return self

    def _add(self, c: Candidate) -> None:
        lit = self.model.new_bool_var(f"attend_{c.id}")
        self.attend[c.id] = lit
        self.candidates[c.id] = c
        if c.fixed:
            self.interval[c.id] = self.model.new_optional_fixed_size_interval_var(
                c.start, c.length, lit, f"slot_{c.id}"
            )
        else:
            start = self.model.new_int_var(c.start, c.end - c.length, f"start_{c.id}")
            self.start[c.id] = start
            self.interval[c.id] = self.model.new_optional_fixed_size_interval_var(
                start, c.length, lit, f"visit_{c.id}"
            )

    def has(self, c: Candidate) -> bool:
        return c.id in self.attend

    def attends(self, c: Candidate) -> cp_model.IntVar:
        return self.attend[c.id]

    def extract(self, solver: cp_model.CpSolver) -> list[Chosen]:
        chosen: list[Chosen] = []
        for cid, lit in self.attend.items():
            if solver.boolean_value(lit):
                c = self.candidates[cid]
                start = solver.value(self.start[cid]) if cid in self.start else c.start
                chosen.append(Chosen(c, c.day, start, start + c.length))
        for day, var in self.lunch_start.items():
            start = solver.value(var)
            chosen.append(Chosen(None, day, start, start + self.lunch_length[day]))
        chosen.sort(key=lambda x: (x.start, x.end, x.candidate.id if x.candidate else ""))
        return chosen
