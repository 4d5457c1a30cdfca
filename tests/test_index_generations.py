"""A rebuild never renames or removes a folder a reader holds (Windows cannot rename a folder
with open files): it writes a new generation beside the current one and points ``CURRENT`` at
it, and readers elsewhere move over on their next search."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED
from indexed_docs import search_doc
from whoosh.filedb.filestore import FileStorage

from viewer.archive import Archive
from viewer.search import SearchIndex
from viewer.search.index import CURRENT, LEGACY_GENERATION
from viewer.search.postings import BulkWriter


def docs(*titles: str):
    return [search_doc(n, title=title, paragraphs=[f"{title}的正文"]) for n, title in enumerate(titles, 1)]


def generations(folder: Path) -> set[str]:
    """The generations whose table of contents is in the folder."""
    return {entry.name.split("_")[1] for entry in folder.iterdir() if entry.name.endswith(".toc")}


@pytest.fixture
def no_folder_renames(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError(f"a folder was renamed: {args}")

    def files_only(real):
        def move(source, target, *args, **kwargs):
            if Path(source).is_dir():
                refused(source, target)
            return real(source, target, *args, **kwargs)
        return move

    monkeypatch.setattr(os, "rename", files_only(os.rename))  # Whoosh writes its TOC so
    monkeypatch.setattr(os, "replace", files_only(os.replace))
    monkeypatch.setattr(Path, "rename", refused)
    monkeypatch.setattr(shutil, "rmtree", refused)


def test_a_rebuild_makes_a_new_generation_current_without_moving_folders(tmp_path, no_folder_renames):
    writer = SearchIndex(tmp_path / "index")
    writer.update(docs("春耕备耕"))
    reader = SearchIndex(tmp_path / "index")  # another process's view of the same folder
    assert reader.search("春耕").total == 1
    first = writer.generation

    writer.rebuild(docs("秋收冬藏", "交城新闻"), total=2)

    assert writer.generation != first
    assert (tmp_path / "index" / CURRENT).read_text(encoding="utf-8").strip() == writer.generation
    assert generations(tmp_path / "index") == {writer.generation}  # the old one's files are gone
    assert reader.search("春耕").total == 0 and reader.search("交城").total == 1
    assert reader.generation == writer.generation


def test_a_cancelled_rebuild_leaves_the_current_generation_alone(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.update(docs("春耕备耕"))
    first = index.generation

    def failing():
        yield from docs("秋收冬藏")
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError):
        index.rebuild(failing(), total=2)

    assert index.generation == first and generations(tmp_path / "index") == {first}
    assert SearchIndex(tmp_path / "index").search("春耕").total == 1


def test_files_a_reader_still_holds_are_deleted_by_a_later_rebuild(tmp_path, monkeypatch):
    index = SearchIndex(tmp_path / "index")
    index.update(docs("春耕备耕"))
    held = index.generation
    real_unlink = os.unlink

    def held_open(path, *args, **kwargs):  # as Windows refuses to delete a file that is open
        if Path(path).name.lstrip("_").startswith(held + "_"):
            raise PermissionError(13, "The process cannot access the file", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", held_open)
    index.rebuild(docs("秋收冬藏"), total=1)
    assert held in generations(tmp_path / "index")  # left behind, and harmless
    assert index.search("秋收").total == 1 and index.search("春耕").total == 0

    monkeypatch.setattr(os, "unlink", real_unlink)
    index.rebuild(docs("秋收冬藏"), total=1)
    assert generations(tmp_path / "index") == {index.generation}


def test_an_index_from_before_generations_is_read_as_it_is(tmp_path):
    """Archives made before ``CURRENT`` have Whoosh's default index name and an EPOCH file:
    they open without a rebuild."""
    archive = Archive(tmp_path / "archive", create=True)
    archive.importing.import_file(SEED)
    epoch, search_docs = archive.store.get_state("index_epoch"), list(archive.store.search_docs())
    archive.close()
    index_folder = tmp_path / "archive" / "index"
    shutil.rmtree(index_folder)  # and written again as Gazette did before generations
    SearchIndex(index_folder).update(search_docs)
    (index_folder / "EPOCH").write_text(epoch + "\n", encoding="utf-8")
    assert generations(index_folder) == {LEGACY_GENERATION}

    archive = Archive(tmp_path / "archive")
    assert archive.indexing.in_step()
    assert archive.searching.search("交城").total == 1
    archive.indexing.rebuild()
    assert generations(index_folder) == {archive.index.generation} != {LEGACY_GENERATION}
    assert not (index_folder / "EPOCH").exists()
    archive.close()

    archive = Archive(tmp_path / "archive")
    assert archive.indexing.in_step() and archive.searching.search("交城").total == 1
    archive.close()


@pytest.mark.parametrize("older", ["gazette-index 0", "gazette-index 2", "gazette-index 3", "gazette-index 4"])
# 2, 3: before layout 3 of the postings; 4: every segment with BUCKETS buckets
def test_an_index_of_another_format_starts_a_new_generation_that_is_rebuilt(tmp_path, older):
    archive = Archive(tmp_path / "archive", create=True)
    archive.importing.import_file(SEED)
    archive.close()
    index_folder = tmp_path / "archive" / "index"
    (index_folder / "FORMAT").write_text(older + "\n", encoding="utf-8")

    archive = Archive(tmp_path / "archive")  # its new generation has no epoch: opening rebuilds it
    assert archive.indexing.in_step()
    assert archive.searching.search("交城").total == 1
    assert generations(index_folder) == {archive.index.generation}
    archive.close()
    assert FileStorage(str(index_folder)).open_index(indexname=archive.index.generation).doc_count() > 0


def test_a_write_that_fails_to_commit_gives_the_lock_back(tmp_path, monkeypatch):
    """A full disk failing one commit must not leave the write lock held: the writer thread of a
    window would then fail every later write (after waiting for the lock) until restarted."""
    index = SearchIndex(tmp_path / "index")
    index.update(docs("春耕备耕"))
    real_commit = BulkWriter.commit

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(BulkWriter, "commit", disk_full)
    with pytest.raises(OSError):
        index.update(docs("秋收冬藏"))
    lock = FileStorage(str(tmp_path / "index")).lock(f"{index.generation}_WRITELOCK")
    assert lock.acquire(blocking=False), "the failed writer still holds the lock"
    lock.release()
    monkeypatch.setattr(BulkWriter, "commit", real_commit)
    index.update(docs("秋收冬藏", "交城新闻"))
    assert index.search("交城").total == 1
