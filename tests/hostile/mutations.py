"""Seeded mutations of a valid input: what a cut download, a bad disk, a wrong encoding, a
careless edit or a hostile sender make of it. Each takes the bytes and a seeded random source
and gives the mutated bytes; the same seed gives the same mutation."""

from __future__ import annotations

import os
import random
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random], bytes]

SEED = 20260516
"""The fixed seed; ``PLANNER_HOSTILE_SEED`` sets another (to explore, then pin what fails)."""

INVALID_UTF8 = [b"\xff", b"\xfe\xfe", b"\xc3(", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\x28"]
"""A stray byte, an unpaired lead, a lead with a bad continuation, a lone continuation."""

CONTROLS = [bytes([c]) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]
"""C0 characters other than tab and line ends, and DEL."""


def seed() -> int:
    return int(os.environ.get("PLANNER_HOSTILE_SEED", SEED))


def _positions(data: bytes, rng: random.Random, most: int = 8) -> list[int]:
    return sorted(rng.randrange(len(data) + 1) for _ in range(rng.randint(1, most)))


def _insert(data: bytes, rng: random.Random, pieces: list[bytes], most: int = 8) -> bytes:
    out, last = [], 0
    for at in _positions(data, rng, most):
        out += [data[last:at], rng.choice(pieces)]
        last = at
    return b"".join([*out, data[last:]])


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, INVALID_UTF8)


def control_characters(data: bytes, rng: random.Random) -> bytes:
    return _insert(data, rng, CONTROLS, most=24)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines))
        lines[at:at] = [lines[at]] * rng.randint(1, 3)
    return b"".join(lines)


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(min(len(lines) - 1, rng.randint(1, 6))):
        del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def huge_repeat(data: bytes, rng: random.Random, most: int = 1_500_000) -> bytes:
    """A piece of the file (a line, or a few bytes) repeated in place to a third of ``most``
    bytes up to ``most`` (by default as large as real schedules, far larger than any other
    input of the planner): a runaway generator, or a sender out to exhaust the reader."""
    if rng.random() < 0.5:
        lines = _lines(data)
        at = rng.randrange(len(lines))
        piece, before, after = lines[at], b"".join(lines[:at]), b"".join(lines[at:])
    else:
        at = rng.randrange(len(data))
        piece = data[at : at + rng.randint(1, 40)]
        before, after = data[:at], data[at:]
    times = rng.randint(most // 3, most) // max(1, len(piece))
    return before + piece * times + after


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "flip-bytes": flip_bytes,
    "invalid-utf8": invalid_utf8,
    "control-characters": control_characters,
    "duplicate-lines": duplicate_lines,
    "delete-lines": delete_lines,
    "huge-repeat": huge_repeat,
}


def mutate(data: bytes, reader: str, index: int, huge: int = 1_500_000) -> tuple[str, bytes]:
    """The ``index``-th mutation of ``reader``'s seed: the kinds taken in turn (starting at a
    different one for each reader, so that a short run still meets them all), each drawn from
    a random source seeded by the reader, the index and the fixed seed. ``huge``: the most
    bytes a huge repeat reaches."""
    kinds = sorted(MUTATIONS)
    start = sum(reader.encode()) % len(kinds)
    kind = kinds[(start + index) % len(kinds)]
    rng = random.Random(f"{seed()}/{reader}/{index}")
    if kind == "huge-repeat":
        return kind, huge_repeat(data, rng, huge)
    return kind, MUTATIONS[kind](data, rng)
