"""The embedded default cache (``core.cache.FileCache``): culling counted once per
``CULL_EVERY`` writes, still bounded; ``add`` atomic between processes."""

from __future__ import annotations

import os
import time

import pytest

from proeftuin.core.cache import FileCache


def _cache(folder, **options) -> FileCache:
    return FileCache(str(folder), {"OPTIONS": options})


def _entries(folder) -> int:
    return sum(1 for name in os.listdir(folder) if name.endswith(FileCache.cache_suffix))


def test_the_directory_is_counted_once_per_cull_every_writes(tmp_path, monkeypatch):
    cache = _cache(tmp_path, MAX_ENTRIES=10_000, CULL_EVERY=50)
    listed = []
    original = FileCache._list_cache_files
    monkeypatch.setattr(
        FileCache, "_list_cache_files", lambda self: listed.append(1) or original(self)
    )
    for n in range(200):
        cache.set(f"key-{n}", n)
    assert len(listed) == 4  # Django's own file cache: 200
    assert cache.get("key-199") == 199


def test_the_cache_stays_bounded(tmp_path):
    cache = _cache(tmp_path, MAX_ENTRIES=40, CULL_EVERY=10)
    for n in range(400):
        cache.set(f"key-{n}", n)
    assert _entries(tmp_path) <= 40 + 10
    assert cache.get("key-399") == 399


def test_every_write_counts_with_cull_every_one(tmp_path):
    cache = _cache(tmp_path, MAX_ENTRIES=30, CULL_EVERY=1, CULL_FREQUENCY=3)
    for n in range(100):
        cache.set(f"key-{n}", n)
    assert _entries(tmp_path) <= 30


def test_add_keeps_what_is_there(tmp_path):
    cache = _cache(tmp_path)
    assert cache.add("mark", "first", 30)
    assert not cache.add("mark", "second", 30)
    assert cache.get("mark") == "first"


def test_add_takes_the_place_of_an_expired_entry(tmp_path):
    cache = _cache(tmp_path)
    cache.set("mark", "old", 1)
    time.sleep(1.1)
    assert cache.add("mark", "new", 30)
    assert cache.get("mark") == "new"


def test_of_two_processes_adding_at_once_one_wins(tmp_path, monkeypatch):
    """Both look before either writes (the race of Django's file cache, where both add
    and the second overwrites the first): here the second is refused."""
    first, second = _cache(tmp_path), _cache(tmp_path)
    monkeypatch.setattr(FileCache, "has_key", lambda self, key, version=None: False)
    assert first.add("mark", "first", 30)
    assert not second.add("mark", "second", 30)
    assert first.get("mark") == "first"
    assert [n for n in os.listdir(tmp_path) if not n.endswith(FileCache.cache_suffix)] == []


def test_without_hard_links_add_works_as_django_does(tmp_path, monkeypatch):
    def no_links(source, target):
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    cache = _cache(tmp_path)
    assert cache.add("mark", "first", 30)
    assert not cache.add("mark", "second", 30)
    assert cache.get("mark") == "first"


@pytest.mark.parametrize("value", [0, "", None, [], {"a": 1}])
def test_values_come_back_as_stored(tmp_path, value):
    cache = _cache(tmp_path)
    assert cache.add("k", value, 30)
    assert cache.get("k", default="missing") == value
