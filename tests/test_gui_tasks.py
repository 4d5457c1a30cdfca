"""The GUI's one worker mechanism: every task ends in exactly one of finished / failed /
cancelled, delivered on the GUI thread, then ended."""

from __future__ import annotations

import threading

import pytest

from viewer.errors import Cancelled, InputError
from viewer.gui.qt import QCoreApplication, QThread
from viewer.gui.tasks import TaskRunner


@pytest.fixture
def runner(qapp, tmp_path):
    runner = TaskRunner(tmp_path / "archive")
    yield runner
    runner.shutdown()


def record(task):
    """What the task signals, and whether on the GUI thread; connect before the event loop runs."""
    seen = []
    for name in ("finished", "failed", "cancelled"):
        getattr(task, name).connect(lambda payload, n=name: seen.append((n, payload, on_gui_thread())))
    return seen


def outcomes_of(task, qtbot):
    seen = record(task)
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    qtbot.wait(20)  # anything emitted after the end would arrive now
    return seen


def on_gui_thread():
    return QThread.currentThread() is QCoreApplication.instance().thread()


def test_finished_once_with_the_result_on_the_gui_thread(runner, qtbot):
    task = runner.read(lambda work: (work.archive.browsing.is_empty(), threading.current_thread().name))
    [(kind, (empty, thread), on_gui_thread)] = outcomes_of(task, qtbot)
    assert (kind, empty, on_gui_thread) == ("finished", True, True)
    assert thread != threading.current_thread().name  # it ran elsewhere
    assert task.done


@pytest.mark.parametrize("error", [InputError("bad.txt: not a page"), ValueError("a bug")])
def test_failed_once_with_the_error(runner, qtbot, error):
    def fail(work):
        raise error

    [(kind, raised, _)] = outcomes_of(runner.write(fail), qtbot)
    assert (kind, raised) == ("failed", error)


def test_cancelled_once_when_the_work_stops(runner, qtbot):
    started = threading.Event()

    def long_work(work):
        started.set()
        while not work.cancel.wait(0.01):
            pass
        raise Cancelled("stopped", partial="half")

    task = runner.write(long_work)
    assert started.wait(5)
    task.cancel()
    [(kind, error, _)] = outcomes_of(task, qtbot)
    assert (kind, error.partial) == ("cancelled", "half")
    task.cancel()  # after the end: nothing more happens
    qtbot.wait(50)


def test_a_task_cancelled_before_it_starts_never_runs(runner, qtbot):
    release = threading.Event()
    ran = []
    blocker = runner.write(lambda work: release.wait(5))
    queued = runner.write(lambda work: ran.append("ran"))
    queued.cancel()
    blocked = record(blocker)
    release.set()
    [(kind, _, _)] = outcomes_of(queued, qtbot)
    assert kind == "cancelled" and ran == []
    assert [kind for kind, _, _ in blocked] == ["finished"]


def test_writes_run_one_at_a_time_on_one_thread(runner, qtbot):
    threads, overlapping, running = set(), [], []

    def write(work):
        running.append(1)
        overlapping.append(len(running))
        threads.add(threading.get_ident())
        threading.Event().wait(0.02)
        running.pop()

    tasks = [runner.write(write) for _ in range(4)]
    seen = [record(task) for task in tasks]
    qtbot.waitUntil(lambda: all(task.done for task in tasks), timeout=10_000)
    assert [len(s) for s in seen] == [1, 1, 1, 1]
    assert overlapping == [1, 1, 1, 1] and len(threads) == 1


def test_progress_reaches_the_gui_thread(runner, qtbot):
    reports = []

    def work_with_progress(work):
        for done in range(3):
            work.progress(done, 2, f"file {done}")
        return "ok"

    task = runner.write(work_with_progress)
    task.progressed.connect(lambda done, total, message: reports.append((done, total, on_gui_thread())))
    outcomes_of(task, qtbot)
    assert reports[0] == (0, 2, True) and reports[-1] == (2, 2, True)  # throttled, but first and last arrive


def test_after_shutdown_tasks_end_cancelled_without_running(qapp, qtbot, tmp_path):
    runner = TaskRunner(tmp_path / "archive")
    runner.shutdown()
    ran = []
    [(kind, _, _)] = outcomes_of(runner.read(lambda work: ran.append(work)), qtbot)
    assert kind == "cancelled" and ran == []
