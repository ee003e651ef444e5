"""Members' plans on a Dask distributed cluster (``planner group --dask ADDRESS``; the optional
extra ``planner[distributed]``).

The programme is sent once to every worker (``scatter(..., broadcast=True)``); members travel in
chunks, as with local processes (:mod:`planner.group.personal`). A worker makes each member's
plan and the bytes of their calendar and agenda; the files are written here, by this process,
as the results arrive, so a worker on another machine needs no access to the output folder, and
a chunk that Dask runs again (its worker died) cannot write a member's files twice or leave
half of them. The plans are the same as with ``--workers N``: the same solver, profile and time
limit per member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.errors import PlannerError
from planner.group.personal import CHUNK, Outcome, plan_one
from planner.interests.profile import InterestProfile
from planner.model import Programme

RETRIES = 3
"""A chunk whose task fails (not its members' plans: those failures are messages) is tried
this many times more."""
INSTALL = "pip install 'planner[distributed]'"
Job = tuple[InterestProfile, float, str | None, datetime | None]
Done = tuple[Outcome, dict[str, bytes]]


def require_distributed() -> None:
    """Refuse ``--dask`` at once when Dask distributed is not installed."""
    _client_class()


def _client_class() -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise PlannerError(
            f"--dask needs Dask distributed, which is not installed: {INSTALL}"
        ) from None
    return Client


def member_files(programme: Programme, job: Job) -> Done:
    """A member's plan and, given a stem, the bytes of ``STEM.ics`` and ``STEM.md``."""
    from planner.export.agenda import markdown_agenda
    from planner.export.ics import itinerary_calendar

    profile, time_limit, stem, now = job
    outcome = plan_one(programme, (profile, time_limit))
    if stem is None or isinstance(outcome, str):
        return outcome, {}
    calendar = itinerary_calendar(outcome.itinerary, programme, stem, now=now)
    agenda = markdown_agenda(outcome.itinerary, programme)
    return outcome, {f"{stem}.ics": calendar.to_ical(), f"{stem}.md": agenda.encode("utf-8")}


def plan_chunk(programme: Programme, chunk: list[Job]) -> list[Done]:
    return [member_files(programme, job) for job in chunk]


def _connect(address: str) -> Any:
    client_class = _client_class()
    try:
        return client_class(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise PlannerError(
            f"--dask {address}: cannot reach a Dask scheduler there ({error}); start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`"
        ) from None


def plan_on_cluster(
    address: str,
    programme: Programme,
    profiles: Sequence[InterestProfile],
    *,
    time_limit: float = 10.0,
    stems: Sequence[str] | None = None,
    folder: Path | None = None,
    now: datetime | None = None,
    advance: Callable[[], None] | None = None,
) -> list[tuple[Outcome, bool]]:
    """As :func:`planner.group.personal.plan_members`, on the cluster at ``address``: each
    profile's plan, in order, and whether its files were written into ``folder``."""
    from distributed import as_completed

    names = stems if stems is not None and folder is not None else [None] * len(profiles)
    jobs: list[Job] = [(p, time_limit, n, now) for p, n in zip(profiles, names, strict=True)]
    client = _connect(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        size = max(1, min(CHUNK, len(jobs) // (workers * 8)))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        shared = client.scatter(programme, broadcast=True)
        futures = {
            client.submit(plan_chunk, shared, chunk, retries=RETRIES, pure=False): k
            for k, chunk in enumerate(chunks)
        }
        found: dict[int, list[tuple[Outcome, bool]]] = {}
        try:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                done = _result(
                    future, address, futures[future] * size, len(chunks[futures[future]])
                )
                future.release()
                found[futures[future]] = [_write(files, folder) for files in done]
                for _ in done:
                    if advance:
                        advance()
        except BaseException:
            client.cancel(list(futures))
            raise
    finally:
        client.close()
    return [outcome for k in range(len(chunks)) for outcome in found[k]]


def _result(future: Any, address: str, first: int, count: int) -> list[Done]:
    """A chunk's plans; a chunk the cluster could not run (its workers died more often than
    Dask allows, the scheduler went away) is one message naming its members."""
    try:
        done: list[Done] = future.result()
    except PlannerError:
        raise
    except Exception as error:
        which = f"member {first + 1}" if count == 1 else f"members {first + 1} to {first + count}"
        raise PlannerError(
            f"--dask {address}: the cluster could not plan {which} of the group "
            f"({type(error).__name__}: {error}); nothing was written"
        ) from None
    return done


def _write(done: Done, folder: Path | None) -> tuple[Outcome, bool]:
    outcome, files = done
    if folder is None or not files:
        return outcome, False
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return outcome, True
