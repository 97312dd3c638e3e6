"""The keyword index folder damaged in every way we know, at the level of the backend:
it refuses to open or search what it has not checked, it never crashes the process, and a
new generation replaces a damaged one while searches go on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from proeftuin.search.backends.base import IndexDoc, Scope
from proeftuin.search.backends.tantivy import CURRENT, TantivyBackend
from proeftuin.search.backends.tantivy_files import IndexUnavailable

EVERYTHING = Scope(everything=True)
ROOT = Path(__file__).resolve().parents[2]


def docs(n: int = 300) -> list[IndexDoc]:
    return [
        IndexDoc(i, [f"woord{i % 7}", f"ander{i}"], "case", i, public=True) for i in range(1, n)
    ]


@pytest.fixture
def backend(tmp_path):
    backend = TantivyBackend(tmp_path / "index")
    backend.add(docs())
    assert backend.search(["woord3"], EVERYTHING, 5)
    return backend


def segment_files(backend) -> list[Path]:
    return [p for p in backend.folder.iterdir() if len(p.name) > 33 and p.name[32] == "."]


def reason(backend) -> str:
    with pytest.raises(IndexUnavailable) as failure:
        backend.search(["woord3"], EVERYTHING, 5)
    return failure.value.reason


def test_a_deleted_folder_is_missing_not_a_crash(backend, tmp_path):
    import shutil

    shutil.rmtree(tmp_path / "index")
    assert reason(backend) == "missing"
    assert reason(TantivyBackend(tmp_path / "index", create=False)) == "missing"


def test_garbage_meta_json_is_damage(backend):
    (backend.folder / "meta.json").write_text("{not json")
    assert reason(backend) == "damaged"
    fresh = TantivyBackend(backend.root, create=False)
    assert reason(fresh) == "damaged"


def test_meta_json_of_another_schema_is_damage(backend):
    meta = json.loads((backend.folder / "meta.json").read_text())
    meta["schema"] = meta["schema"][:2]
    (backend.folder / "meta.json").write_text(json.dumps(meta))
    assert reason(TantivyBackend(backend.root, create=False)) == "damaged"


def test_a_changed_byte_fails_the_checksum_when_opened(backend):
    target = max(segment_files(backend), key=lambda p: p.stat().st_size)
    data = bytearray(target.read_bytes())
    data[len(data) // 3] ^= 0xFF
    target.write_bytes(bytes(data))  # same size
    assert reason(TantivyBackend(backend.root, create=False)) == "damaged"


def test_garbage_current_and_a_file_instead_of_the_folder(backend, tmp_path):
    (backend.root / CURRENT).write_text("../../etc\n")
    assert reason(backend) == "damaged"
    other = tmp_path / "not-a-folder"
    other.write_text("x")
    assert reason(TantivyBackend(other, create=False)) == "missing"
    rebuilt = TantivyBackend(other, create=False)
    rebuilt.publish(rebuilt.build([docs(10)]))
    assert rebuilt.search(["woord3"], EVERYTHING, 5)


TRUNCATE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from proeftuin.search.backends.base import IndexDoc, Scope
    from proeftuin.search.backends.tantivy import TantivyBackend
    from proeftuin.search.backends.tantivy_files import IndexUnavailable

    guarded = sys.argv[2] == "guarded"
    backend = TantivyBackend(Path(sys.argv[1]))
    backend.add([IndexDoc(i, [f"woord{i % 500}", f"tekst{i % 37}"], "case", i, public=True)
                 for i in range(1, 20000)])
    everything = Scope(everything=True)
    assert backend.search(["woord7"], everything, 5)  # the files are mapped now
    for path in backend.folder.iterdir():
        if len(path.name) > 33 and path.name[32] == ".":
            os.truncate(path, path.stat().st_size // 4)
    try:
        if guarded:
            backend.search(["tekst3"], everything, 5)
        else:  # what tantivy does on its own
            searcher = backend.index.searcher()
            for _score, address in searcher.search(
                    backend._scope_query(everything), limit=20000).hits:
                searcher.doc(address)
        print("answered")
    except IndexUnavailable as exc:
        print("unavailable", exc.reason)
    """
)


def run_truncation(tmp_path, mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", TRUNCATE, str(tmp_path / "index"), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_files_truncated_under_a_running_process_do_not_kill_it(tmp_path):
    done = run_truncation(tmp_path, "guarded")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["unavailable", "damaged"]


def test_without_the_checks_the_same_truncation_kills_the_process(tmp_path):
    """The reason for the checks above: tantivy reads its mapped files and gets SIGBUS."""
    done = run_truncation(tmp_path, "raw")
    assert done.returncode != 0 and "answered" not in done.stdout


def test_a_new_generation_replaces_a_damaged_one(backend):
    old = backend.folder
    for path in segment_files(backend):
        os.truncate(path, 10)
    assert reason(backend) == "damaged"
    backend.publish(backend.build([docs()]))
    assert not old.exists()
    assert len(backend.search(["woord3"], EVERYTHING, 1000)) == len(
        [d for d in docs() if "woord3" in d.terms]
    )


def test_searches_keep_answering_while_generations_are_swapped(backend):
    """Another process (a second backend on the folder) rebuilds again and again while this
    one searches: every search answers, from the old or the new generation."""
    rebuilder = TantivyBackend(backend.root, create=False)
    answers, errors, stop = [], [], threading.Event()

    def search():
        while not stop.is_set():
            try:
                answers.append(len(backend.search(["woord3"], EVERYTHING, 1000)))
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

    thread = threading.Thread(target=search)
    thread.start()
    try:
        for _ in range(5):
            rebuilder.publish(rebuilder.build([docs()]))
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert answers and set(answers) == {len([d for d in docs() if "woord3" in d.terms])}
