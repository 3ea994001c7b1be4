"""Worker processes of the build: a child ``python -m briefing.<module>`` that imports its slow
library at once (WeasyPrint, for the PDF: ``printer``) while the build parses, then answers
the one job it is sent.

Messages on the pipes are pickles, each after its length. An answer is ``(kind, value)``; the
kind ``"error"`` carries an exception the build raises as if it had happened in its own process.
A worker that cannot be started or dies is no error: its work is then done in the build's process.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

_HEAD = struct.Struct("<Q")
GONE = (OSError, EOFError, pickle.UnpicklingError)  # what a dead worker's pipes raise


def send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEAD.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> Any:
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise EOFError("the worker process ended without an answer")
    (size,) = _HEAD.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the worker process ended in the middle of an answer")
    return pickle.loads(data)


def start(module: str) -> subprocess.Popen | None:
    """``python -m <module>`` with this package importable, or None when it cannot start."""
    package = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": package + (os.pathsep + path if path else "")}
    try:
        return subprocess.Popen([sys.executable, "-m", module], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    except OSError:
        return None


def stop(worker: subprocess.Popen | None) -> None:
    """End a worker, which may still be importing when the build did not need it."""
    if worker is None:
        return
    for stream in (worker.stdin, worker.stdout):
        try:
            stream.close()
        except OSError:
            pass
    if worker.poll() is None:
        worker.kill()
    worker.wait()


def answer(message: tuple[str, Any]) -> Any:
    """The value of a worker's answer; its error raised here."""
    kind, value = message
    if kind == "error":
        raise value
    return value


def error(exc: Exception) -> tuple[str, Exception]:
    """An exception as an answer: itself when it can be pickled, else its name and message."""
    try:
        pickle.dumps(exc)
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    return ("error", exc)


GONE_AWAY = object()  # what ``Client`` methods give when the worker is gone


class Client:
    """The build's side of a worker (``module``): sends the job, receives the answers; a worker
    that is gone is ended and None, and the caller then does the work itself."""

    module = ""

    def __init__(self, worker: subprocess.Popen | None = None):
        self.worker = worker

    @classmethod
    def start(cls):
        """The client with its worker process started (importing its slow library)."""
        return cls(start(cls.module))

    def send(self, message: Any) -> None:
        if self.worker is not None:
            try:
                send(self.worker.stdin, message)
            except GONE:
                self.close()

    def receive(self) -> Any:
        """The worker's next answer (its error raised here), or ``GONE_AWAY``."""
        if self.worker is not None:
            try:
                return answer(receive(self.worker.stdout))
            except GONE:
                self.close()
        return GONE_AWAY

    def close(self) -> None:
        worker, self.worker = self.worker, None
        stop(worker)

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(serve: Callable[[BinaryIO, BinaryIO], None]) -> None:
    """A worker's ``__main__``: nothing but answers on the pipe; a build that ended first is no error."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    try:
        serve(sys.stdin.buffer, out)
    except BrokenPipeError:
        pass
