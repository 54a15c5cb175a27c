"""The records of a data directory by id, for checks that look across files.

Every file is listed (cheap: names only); a record is read only when a check
asks for it. A full `omc validate` fills the index with every record it has
read; `--changed-since` leaves it to read the few that links lead to.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import store, yamlio
from .errors import InvalidData, Where

# Only what links and ids need: checks of one record against omc.yaml run
# with the per-file checks, so the index stays small for 10,000 records.
FACTS = ("intake", "proposal", "title")


@dataclass(slots=True)
class Summary(store.AtRef):
    """What the checks across files need to know of one record.

    It is small on purpose: 10,000 of them are held at once, and workers of
    `--jobs` send them back to the main process.
    """

    ref: store.Ref
    # FACTS as fields, not a dict: a dict per record was a third of the index.
    intake: Any = None
    proposal: Any = None
    # Digests, compared to tell one record in two folders from two records:
    # of the title, and of the first history entry.
    title: bytes | None = None
    moves: int = 0
    created: bytes | None = None
    _doc: yamlio.Document | None = field(default=None, repr=False, compare=False)

    @property
    def data(self) -> dict[str, Any]:
        """The facts kept, as the record holds them (absent ones left out)."""
        found = {k: getattr(self, k) for k in FACTS if getattr(self, k) is not None}
        if self.created is not None:
            found |= {"moves": self.moves, "created": self.created}
        return found

    def where(self, key: tuple[str | int, ...], *, at_key: bool = False) -> Where:
        """The place of `key` in the file, read again only when a problem needs it."""
        if self._doc is None:
            try:
                self._doc = yamlio.load_file(self.path, self.rel)
            except InvalidData:
                return Where(self.rel, key=yamlio.format_path(key))
        return self._doc.where(key, key=at_key)


def summarise(record: store.Record) -> Summary:
    data = record.data
    found = Summary(record.ref)
    found.intake, found.proposal = data.get("intake"), data.get("proposal")
    if "title" in data:
        found.title = _digest(data["title"], 8)
    history = data.get("history")
    if isinstance(history, list) and history:
        found.moves = len(history)
        # Two files are one record when their first history entries agree; a
        # digest of it says as much as the entry, in a tenth of the memory.
        found.created = _digest(history[0], 12)
    return found


def _digest(value: Any, size: int) -> bytes:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=size).digest()


class Index:
    """Records by id: summaries already made, the rest read on demand."""

    def __init__(self, refs: list[store.Ref], known: Iterable[Summary] = ()) -> None:
        # Ids are nearly all unique: a list for each would double the index.
        self.first: dict[str, store.Ref] = {}
        self.more: dict[str, list[store.Ref]] = defaultdict(list)
        for ref in refs:
            if self.first.setdefault(ref.id, ref) is not ref:
                self.more[ref.id].append(ref)
        self.known: dict[store.Ref, Summary | None] = {s.ref: s for s in known}
        self.reads = 0

    def refs(self, record_id: str) -> list[store.Ref]:
        first = self.first.get(record_id)
        return [] if first is None else [first, *self.more.get(record_id, ())]

    def summary(self, ref: store.Ref) -> Summary | None:
        """The record at `ref`, or None when it cannot be read."""
        if ref not in self.known:
            self.reads += 1
            try:
                self.known[ref] = summarise(store.read(ref))
            except InvalidData:
                self.known[ref] = None
        return self.known[ref]

    def find(self, kind: str, record_id: str) -> Summary | None:
        for ref in self.refs(record_id):
            if ref.kind == kind:
                return self.summary(ref)
        return None
