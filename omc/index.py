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
from pathlib import Path
from typing import Any

from . import store, yamlio
from .errors import InvalidData, Where

# Only what links and ids need: checks of one record against omc.yaml run
# with the per-file checks, so the index stays small for 10,000 records.
FACTS = ("intake", "proposal", "title")


@dataclass(slots=True)
class Summary:
    """What the checks across files need to know of one record.

    It is small on purpose: workers of `--jobs` send it back to the main process.
    """

    kind: str
    id: str
    status: str
    rel: str
    root: Path  # one Path for all: a Path per record cost 200 bytes each
    data: dict[str, Any]
    _doc: yamlio.Document | None = field(default=None, repr=False, compare=False)

    def where(self, key: tuple[str | int, ...], *, at_key: bool = False) -> Where:
        """The place of `key` in the file, read again only when a problem needs it."""
        if self._doc is None:
            try:
                self._doc = yamlio.load_file(self.root / self.rel, self.rel)
            except InvalidData:
                return Where(self.rel, key=yamlio.format_path(key))
        return self._doc.where(key, key=at_key)


def summarise(record: store.Record) -> Summary:
    data = record.data
    facts = {k: data[k] for k in FACTS if k in data}
    history = data.get("history")
    if isinstance(history, list) and history:
        facts["moves"] = len(history)
        # Two files are one record when their first history entries agree; a
        # digest of it says as much as the entry, in a tenth of the memory.
        facts["created"] = _digest(history[0])
    ref = record.ref
    return Summary(ref.kind, ref.id, ref.status, ref.rel, ref.root, facts)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class Index:
    """Records by id: summaries already made, the rest read on demand."""

    def __init__(self, refs: list[store.Ref], known: Iterable[Summary] = ()) -> None:
        self.places: dict[str, list[store.Ref]] = defaultdict(list)
        for ref in refs:
            self.places[ref.id].append(ref)
        self.known: dict[str, Summary | None] = {s.rel: s for s in known}
        self.reads = 0

    def refs(self, record_id: str) -> list[store.Ref]:
        return self.places.get(record_id, [])

    def summary(self, ref: store.Ref) -> Summary | None:
        """The record at `ref`, or None when it cannot be read."""
        if ref.rel not in self.known:
            self.reads += 1
            try:
                self.known[ref.rel] = summarise(store.read(ref))
            except InvalidData:
                self.known[ref.rel] = None
        return self.known[ref.rel]

    def find(self, kind: str, record_id: str) -> Summary | None:
        for ref in self.refs(record_id):
            if ref.kind == kind:
                return self.summary(ref)
        return None
