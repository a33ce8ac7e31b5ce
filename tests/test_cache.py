"""The compiled-data cache (tmcheck/cache.py): what is kept is what is read back, a language's part
of an index mapped from the file rather than read, and a damaged file rebuilt."""

from __future__ import annotations

import mmap

import pytest

from tmcheck import cache
from tmcheck.glossary.model import ByLanguage


@pytest.fixture()
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_LOADED", {})
    source = tmp_path / "source.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    return source


def _never():
    raise AssertionError("built again: the cache file was not read")


def test_what_is_kept_is_read_back_with_each_language_unread_until_asked(cache_folder):
    value = {"plain": [1, "deux", (3.0, None)],
             "by_lang": ByLanguage({"fr": {"titres": ["Conférence des Parties"]}, "en": {"titles": ["Conference"]}})}
    built = cache.cached("thing", [cache_folder], lambda: value)
    assert built is value
    cache._LOADED.clear()  # as a new process
    read = cache.cached("thing", [cache_folder], _never)
    assert read["plain"] == value["plain"]
    assert set(read["by_lang"]) == {"en", "fr"}
    assert not read["by_lang"]._values  # neither language unpickled yet
    blob = read["by_lang"]._blobs["fr"]
    assert isinstance(blob, memoryview) and isinstance(blob.obj, mmap.mmap)  # a view of the mapped file, not a copy
    assert read["by_lang"]["fr"] == {"titres": ["Conférence des Parties"]}
    assert read["by_lang"]["en"] == {"titles": ["Conference"]}


@pytest.mark.parametrize("damage", [lambda b: b[:-5], lambda b: b"", lambda b: b"\x80\x05not ours" + b[16:]])
def test_a_damaged_file_is_built_again(cache_folder, damage):
    cache.cached("thing", [cache_folder], lambda: {"a": ByLanguage({"fr": [1, 2]})})
    path = cache.cache_path("thing", [cache_folder], ".pickle")
    path.write_bytes(damage(path.read_bytes()))
    cache._LOADED.clear()
    again = cache.cached("thing", [cache_folder], lambda: {"a": ByLanguage({"fr": [3]})})
    assert again["a"]["fr"] == [3]
    cache._LOADED.clear()
    assert cache.cached("thing", [cache_folder], _never)["a"]["fr"] == [3]  # and written whole


def test_an_edit_leaves_no_stale_file_behind_and_other_sources_keep_theirs(cache_folder, tmp_path):
    # A compiled glossary is megabytes: each edit of the glossary must not leave the last one behind.
    import os

    cache.cached("thing", [cache_folder], lambda: {"v": 1})
    first = cache.cache_path("thing", [cache_folder], ".pickle")
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = other_folder / "source.yaml"
    other.write_text("y: 2\n", encoding="utf-8")
    cache.cached("thing", [other], lambda: {"v": "other"})
    cache_folder.write_text("x: 22\n", encoding="utf-8")
    os.utime(cache_folder, ns=(1, 1))  # another state of the same source, whatever the clock
    cache.cached("thing", [cache_folder], lambda: {"v": 2})
    second = cache.cache_path("thing", [cache_folder], ".pickle")
    assert second != first and second.exists() and not first.exists()
    assert cache.cache_path("thing", [other], ".pickle").exists()  # another source's file is kept
    assert sorted(p.name for p in second.parent.glob("thing-*.pickle")) == sorted(
        [second.name, cache.cache_path("thing", [other], ".pickle").name])
