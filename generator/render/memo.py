"""Rendered page texts kept between builds of one process (`qingdan serve`, issue 16).

A page's Markdown is a function of its template (with the templates it imports), of the page's
path and of the values handed to the template: exactly `templating.render_page`'s arguments.
The memo keys each page by a digest of those arguments, pickled: the same digest means the
same template, path and values (every field of every record, every link text, every fact the
renderer put in), so the kept text is the one rendering would give. Anything different, a
field, a title of a linked page, a staleness notice, renders the page again. At benchmark scale
10, building and keying the 3,800 guide pages' values takes 0.6 s where rendering them took
2.7 s; a content record (a frozen model, the same object between builds while its file is
unchanged) is pickled once, as the digest of its own pickle.

The texts are kept compressed (zlib, fastest level): 86 MB of Markdown at scale 10 would
otherwise stay in memory beside the site engine's own; unpacking all of them takes about 0.15 s.
(Keeping the full-text index's term counts per record saved 0.35 s but held 100 MB more, so it
is not done.)

The templates are part of every key through one digest of the template folder, so a template
edited while `serve` runs renders again the pages that use it. Values that cannot be pickled
(a lambda) are rendered every time and counted. Only the pages of the last build are kept,
like loader.FileMemo.

The memo is found through a context variable that `RenderMemo.active()` sets for one render, so
the renderers stay plain functions of the content graph: the memo changes how fast a page's
text comes, never what it is (tests/test_incremental.py compares with clean builds).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.digests import tree_digest

TEMPLATES = Path(__file__).resolve().parent / "templates"

_ACTIVE: ContextVar[RenderMemo | None] = ContextVar("qingdan_memo", default=None)


def current() -> RenderMemo | None:
    """The memo of the render under way, if it has one."""
    return _ACTIVE.get()


@dataclass
class RenderMemo:
    """Page texts by the digest of their render arguments, and what the last render did."""

    _texts: dict[bytes, bytes] = field(default_factory=dict)  # digest -> the text, UTF-8, zlib
    _used: dict[bytes, bytes] = field(default_factory=dict)
    _templates: str = ""
    rendered: int = 0  # pages the last render rendered
    reused: int = 0  # pages it took from the memo
    unkeyed: int = 0  # pages whose values could not be pickled (rendered every time)

    _records: dict[int, tuple[BaseModel, bytes]] = field(default_factory=dict)  # id -> (record, digest)
    _records_used: dict[int, tuple[BaseModel, bytes]] = field(default_factory=dict)

    @contextmanager
    def active(self) -> Iterator[RenderMemo]:
        """For one render: pages come from the memo where their arguments are unchanged."""
        templates = tree_digest(TEMPLATES)
        if templates != self._templates:
            self._texts, self._templates = {}, templates
        self._used, self.rendered, self.reused, self.unkeyed = {}, 0, 0, 0
        token = _ACTIVE.set(self)
        finished = False
        try:
            yield self
            finished = True
        finally:
            _ACTIVE.reset(token)
            # After a failed render keep both: the next one may need either.
            self._texts = self._used if finished else {**self._texts, **self._used}
            self._records = self._records_used if finished else {**self._records, **self._records_used}
            self._used, self._records_used = {}, {}

    def text(self, template: str, page_path: str, values: dict, render: Callable[[], str]) -> str:
        try:
            key = self._digest((template, page_path, values))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.unkeyed += 1
            return render()
        packed = self._texts.get(key)
        if packed is None:
            text = render()
            packed = zlib.compress(text.encode("utf-8"), 1)
            self.rendered += 1
        else:
            text = zlib.decompress(packed).decode("utf-8")
            self.reused += 1
        self._used[key] = packed
        return text

    def _digest(self, value: object) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self).dump(value)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()

    def record_digest(self, record: BaseModel) -> bytes:
        """A record's digest, computed once while the record object lives (records are frozen:
        the object keeps its values; holding it here keeps its id from being reused)."""
        found = self._records_used.get(id(record)) or self._records.get(id(record))
        if found is None or found[0] is not record:
            found = (record, self._digest(_RecordState(record)))
        self._records_used[id(record)] = found
        return found[1]


class _RecordState:
    """A record to pickle by its own state (the pickler below digests every other record)."""

    __slots__ = ("record",)

    def __init__(self, record: BaseModel):
        self.record = record


def _by_digest(digest: bytes) -> None:  # named in the pickles; never called (they are only hashed)
    raise NotImplementedError


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, memo: RenderMemo):
        super().__init__(file, protocol=5)
        self._memo = memo

    def reducer_override(self, obj):
        if isinstance(obj, _RecordState):
            record = obj.record
            return type(record), (), record.__getstate__()
        if isinstance(obj, BaseModel):
            return _by_digest, (self._memo.record_digest(obj),)
        return NotImplemented
