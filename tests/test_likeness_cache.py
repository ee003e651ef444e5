"""The likeness index kept on disk between runs: read back, it ranks exactly as the index built
afresh; a corrupt, foreign or stale file is ignored and built again, never an error; only the
last few are kept."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from interests_support import programme_fixture  # noqa: F401
from planner.cli import main
from planner.dirs import cache_dir
from planner.interests import index_files
from planner.interests import similarity as likeness
from planner.interests import similarity_store as store
from planner.model import Programme
from planner.sources import load_programme

PAPER = (
    "Anomaly detection in light curves of the transient universe with variational "
    "autoencoders and deep learning; radio galaxies from the SKA."
)


def kept_files() -> list[Path]:
    return sorted((cache_dir() / index_files.FOLDER).glob(f"{store.KIND}-*.npz"))


def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, an index can only be read from disk: building one fails the test."""

    def no_build(self: object, weights: object) -> None:
        raise AssertionError("the index was built, not read from disk")

    monkeypatch.setattr(likeness.SimilarityIndex, "_build", no_build)


def assert_same_rankings(
    built: likeness.SimilarityIndex, read: likeness.SimilarityIndex, item_ids: list[str]
) -> None:
    queries = [(built.text_query(PAPER), read.text_query(PAPER), None)]
    queries += [(built.item_query(i), read.item_query(i), i) for i in item_ids]
    for a, b, leave_out in queries:
        assert a.total == b.total
        assert np.array_equal(a.vector, b.vector)
        assert np.array_equal(built.scores(a), read.scores(b))
        ranked_a = built.rank(a, leave_out=leave_out)
        ranked_b = read.rank(b, leave_out=leave_out)
        assert [(m.id, m.score) for m in ranked_a] == [(m.id, m.score) for m in ranked_b]
        assert [m.shared() for m in ranked_a[:10]] == [m.shared() for m in ranked_b[:10]]


def test_an_index_read_from_disk_ranks_exactly_as_one_built(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert kept_files() == []
    built = store.kept_or_built(programme)  # built, and kept
    assert len(kept_files()) == 1
    read_only(monkeypatch)
    read = store.kept_or_built(programme)
    assert read is not built
    assert_same_rankings(built, read, [c.id for c in programme.contributions])


def test_fosdem_read_from_disk_ranks_exactly_as_built(
    real_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    fosdem = load_programme(real_file("fosdem-2026.schedule.xml"))
    built = likeness.SimilarityIndex(fosdem)
    store.kept_or_built(fosdem)
    read_only(monkeypatch)
    read = store.kept_or_built(fosdem)
    assert_same_rankings(built, read, [c.id for c in fosdem.contributions[::40]])


def test_the_cli_ranks_the_same_the_second_time(programme: Programme, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(PAPER, encoding="utf-8")
    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(
            main, ["rank", "--json", "--top", "all", "--like", str(paper), "--like-item", "16"]
        )
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
        store.similarity_index._held.clear()  # as a new run: only the disk holds it
        assert len(kept_files()) == 1
    assert outputs[0] == outputs[1]
    assert len(outputs[0]["items"]) > 20


def corrupt_contents(programme: Programme) -> list[Callable[[Path], None]]:
    def cut_short(path: Path) -> None:
        path.write_bytes(path.read_bytes()[:1000])

    def noise(path: Path) -> None:
        path.write_bytes(os.urandom(5000))

    def empty(path: Path) -> None:
        path.write_bytes(b"")

    def flipped_byte(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    def pickled(path: Path) -> None:  # an object array can only be read by unpickling it
        held = dict(np.load(path))
        held["term"] = np.array([object()] * len(held["term"]), dtype=object)
        with path.open("wb") as handle:
            np.savez(handle, **held)

    def out_of_range(path: Path) -> None:
        held = dict(np.load(path))
        held["term"] = held["term"] + 10**6
        with path.open("wb") as handle:
            np.savez(handle, **held)

    def words_out_of_range(path: Path) -> None:
        held = dict(np.load(path))
        held["first"] = held["first"] + 10**6
        with path.open("wb") as handle:
            np.savez(handle, **held)

    def missing_array(path: Path) -> None:
        held = dict(np.load(path))
        del held["weight"]
        with path.open("wb") as handle:
            np.savez(handle, **held)

    def other_key(path: Path) -> None:
        held = dict(np.load(path))
        held["key"] = np.frombuffer(b"0" * 40, dtype=np.uint8)
        with path.open("wb") as handle:
            np.savez(handle, **held)

    return [
        cut_short,
        noise,
        empty,
        flipped_byte,
        pickled,
        out_of_range,
        words_out_of_range,
        missing_array,
        other_key,
    ]


@pytest.mark.parametrize("damage", range(9))
def test_a_corrupt_file_is_ignored_and_built_again(programme: Programme, damage: int) -> None:
    built = store.kept_or_built(programme)
    (path,) = kept_files()
    corrupt_contents(programme)[damage](path)
    held = index_files.load(store.KIND, store.index_key(programme), likeness.HELD)
    if held is not None:  # read, but not an index of this programme
        with pytest.raises(ValueError):
            likeness.SimilarityIndex(programme, held=held)
    again = store.kept_or_built(programme)
    assert_same_rankings(built, again, ["16", "30"])
    # and the file is good again: read back, it ranks the same
    assert index_files.load(store.KIND, store.index_key(programme), likeness.HELD)


def test_a_changed_programme_is_not_ranked_with_the_old_index(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.kept_or_built(programme)
    first = programme.contributions[0]
    changed = programme.model_copy(
        update={
            "contributions": [
                first.model_copy(update={"abstract": first.abstract + " quasars"}),
                *programme.contributions[1:],
            ]
        }
    )
    assert store.index_key(changed) != store.index_key(programme)
    index = store.kept_or_built(changed)
    assert_same_rankings(likeness.SimilarityIndex(changed), index, ["16"])
    assert len(kept_files()) == 2


def test_another_version_of_the_index_is_not_read(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = store.index_key(programme)
    monkeypatch.setattr(store, "VERSION", "likeness index (another)")
    store._version.cache_clear()
    try:
        assert store.index_key(programme) != key
    finally:
        monkeypatch.undo()
        store._version.cache_clear()
    assert store.index_key(programme) == key


def test_only_the_last_few_are_kept_the_least_recently_used_going(programme: Programme) -> None:
    variants = [
        programme.model_copy(
            update={
                "contributions": [
                    programme.contributions[0].model_copy(update={"title": f"Variant {n}"}),
                    *programme.contributions[1:],
                ]
            }
        )
        for n in range(index_files.KEEP_FILES + 2)
    ]
    keys = [store.index_key(v) for v in variants]
    store.kept_or_built(variants[0])
    for n, variant in enumerate(variants[1:], start=1):
        for path in kept_files():  # every file written earlier is older than the next
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))
        if n == index_files.KEEP_FILES:
            store.kept_or_built(variants[0])  # used again: the newest
        store.kept_or_built(variant)
    names = {p.name for p in kept_files()}
    assert len(names) == index_files.KEEP_FILES
    assert f"{store.KIND}-{keys[0]}.npz" in names
    assert f"{store.KIND}-{keys[-1]}.npz" in names
    assert f"{store.KIND}-{keys[1]}.npz" not in names


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(blocker))
    index = store.kept_or_built(programme)
    assert_same_rankings(likeness.SimilarityIndex(programme), index, ["16"])
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_texts_are_hashed_unambiguously() -> None:
    assert index_files.text_key("v", ["ab", "c"]) != index_files.text_key("v", ["a", "bc"])
    assert index_files.text_key("v", ["a"]) != index_files.text_key("w", ["a"])
    assert index_files.text_key("v", ["a\ud800"])  # a lone surrogate is text too
