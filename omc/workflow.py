"""The workflow graph: the statuses a record can be in and the moves between them.

The graph is data (`workflow.yaml` in the package, or an office's override in
omc.yaml). This module is the only place that reads it; the rest of omc asks
it questions ("which move does `advance` make from here?", "which stages were
skipped?") instead of knowing status names.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from . import yamlio
from .errors import InvalidData, Refused, UsageError, Where

KINDS = ("intake", "proposal")

Locate = Callable[[tuple[str | int, ...]], Where]


@dataclass(frozen=True)
class Review:
    role: str
    scope: str | None = None


@dataclass(frozen=True)
class Status:
    name: str
    review: Review | None = None
    terminal: bool = False
    lenient: bool = False
    requires: tuple[str, ...] = ()
    public: str | None = None
    resubmit: bool = False
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.name.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Move:
    verb: str
    source: str
    target: str
    roles: tuple[str, ...]
    note_required: bool = False

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


@dataclass
class Workflow:
    kind: str
    initial: str
    statuses: dict[str, Status]
    moves: list[Move] = field(default_factory=list)

    def status(self, name: str) -> Status:
        try:
            return self.statuses[name]
        except KeyError:
            known = ", ".join(self.statuses)
            raise InvalidData(
                f"'{name}' is not {article(self.kind)} {self.kind} status; "
                f"the statuses are: {known}"
            ) from None

    def chosen(self, name: str) -> Status:
        """A status named on the command line: an unknown one is a usage error."""
        try:
            return self.status(name)
        except InvalidData as exc:
            raise UsageError(exc.message, hint="give one of those") from None

    def moves_from(self, source: str, verb: str | None = None) -> list[Move]:
        return [m for m in self.moves if m.source == source and verb in (None, m.verb)]

    def move(self, verb: str, source: str, target: str | None = None) -> Move:
        """The move `verb` makes from `source` (to `target`), or a refusal."""
        if target is not None:
            self.chosen(target)  # a misspelt --to is a usage error wherever
        here = self.status(source)
        if here.terminal:
            raise Refused(
                f"this {self.kind} is {source}, which is final: nothing moves it",
                hint=f"create a new {self.kind} if the work starts again",
            )
        candidates = self.moves_from(source, verb)
        if target is not None:
            chosen = [m for m in candidates if m.target == target]
            if chosen:
                return chosen[0]
            raise Refused(self._refusal(verb, source, target, candidates))
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise Refused(self._refusal(verb, source, None, candidates))
        options = ", ".join(m.target for m in candidates)
        raise Refused(
            f"'{verb}' from {source} can lead to {options}",
            hint="say which with --to",
        )

    def _refusal(
        self, verb: str, source: str, target: str | None, candidates: list[Move]
    ) -> str:
        wanted = f"'{verb}' to {target}" if target else f"'{verb}'"
        if candidates:
            allowed = ", ".join(m.target for m in candidates)
            return f"{wanted} is not allowed from {source}; it leads to: {allowed}"
        verbs = sorted({m.verb for m in self.moves_from(source)})
        return f"{wanted} is not allowed from {source}; from there: " + ", ".join(verbs)

    def path(self, source: str, target: str) -> list[str] | None:
        """The shortest chain of statuses from `source` to `target`, both included."""
        previous: dict[str, str | None] = {source: None}
        queue = deque([source])
        while queue:
            here = queue.popleft()
            if here == target:
                chain = [here]
                while (before := previous[chain[-1]]) is not None:
                    chain.append(before)
                return chain[::-1]
            for move in self.moves_from(here):
                if move.target not in previous:
                    previous[move.target] = here
                    queue.append(move.target)
        return None

    def main_line(self) -> list[str]:
        """The statuses a record passes on its way when nothing goes wrong.

        From each status it follows `advance` if there is one, else the first
        move declared that leads somewhere new: the order of `moves` in the
        workflow file is the order of preference.
        """
        line, here = [self.initial], self.initial
        while True:
            ahead = [m for m in self.moves_from(here) if m.target not in line]
            if not ahead:
                return line
            ahead.sort(key=lambda m: m.verb != "advance")
            here = ahead[0].target
            line.append(here)

    def review_stages(self) -> list[Status]:
        ordered = self.main_line() + list(self.statuses)
        seen = dict.fromkeys(ordered)
        return [self.statuses[s] for s in seen if self.statuses[s].review]

    def open_statuses(self) -> list[str]:
        return [s.name for s in self.statuses.values() if not s.terminal]


def article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


@cache
def _default_spec() -> dict[str, Any]:
    text = resources.files("omc").joinpath("workflow.yaml").read_text("utf-8")
    data: dict[str, Any] = yamlio.loads(text, "omc/workflow.yaml").data
    return data


def build(kind: str, override: dict[str, Any] | None, locate: Locate) -> Workflow:
    """The workflow for `kind`: the default, replaced or extended by `override`.

    `locate` turns a key path inside the override into a place in omc.yaml, so
    that a broken graph is reported where the office wrote it.
    """
    spec = _default_spec()[kind]
    if override:
        spec = _merge(spec, override) if override.get("extend") else override
    return _Builder(kind, spec, locate if override else _package_place).build()


# Where a merged move came from: its index in the office's list, or None for
# the package's default.
ORIGIN = "_origin"


def _sources(raw: dict[str, Any]) -> list[str]:
    return raw["from"] if isinstance(raw["from"], list) else [raw["from"]]


def _package_place(path: tuple[str | int, ...]) -> Where:
    return Where("omc/workflow.yaml", key=yamlio.format_path(path))


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The default extended by an office: statuses merged by name; a move the
    office lists for a verb from a status replaces the default's moves of that
    verb from there (so `advance` from dasa-review can lead somewhere else)."""
    statuses = dict(base["statuses"])
    for name, attrs in (extra.get("statuses") or {}).items():
        statuses[name] = {**(statuses.get(name) or {}), **(attrs or {})}
    added = [
        {**raw, ORIGIN: index} for index, raw in enumerate(extra.get("moves") or [])
    ]
    taken = {(m["verb"], source) for m in added for source in _sources(m)}
    moves = []
    for raw in base["moves"]:
        left = [s for s in _sources(raw) if (raw["verb"], s) not in taken]
        if left:
            moves.append({**raw, "from": left, ORIGIN: None})
    moves += added
    return {
        "initial": extra.get("initial", base["initial"]),
        "statuses": statuses,
        "moves": moves,
    }


class _Builder:
    def __init__(self, kind: str, spec: dict[str, Any], locate: Locate) -> None:
        self.kind, self.spec, self.locate = kind, spec, locate
        self.problems: list[InvalidData] = []

    def fail(
        self, path: tuple[str | int, ...] | None, message: str, hint: str = ""
    ) -> None:
        where = self.locate(path) if path is not None else Where("omc/workflow.yaml")
        self.problems.append(InvalidData(message, hint=hint, where=where))

    def build(self) -> Workflow:
        statuses = {
            name: self._status(name, attrs or {})
            for name, attrs in (self.spec.get("statuses") or {}).items()
        }
        initial = self.spec.get("initial", "")
        if initial not in statuses:
            self.fail(
                ("initial",), f"initial status '{initial}' is not among the statuses"
            )
        flow = Workflow(self.kind, initial, statuses)
        for index, raw in enumerate(self.spec.get("moves") or []):
            flow.moves.extend(self._moves(index, raw, statuses))
        if not self.problems:
            self._check_graph(flow)
        if self.problems:
            first = self.problems[0]
            raise InvalidData(
                f"the {self.kind} workflow is broken: {first.message}",
                hint=first.hint,
                where=first.where,
                problems=list(self.problems),
            )
        return flow

    def _status(self, name: str, attrs: dict[str, Any]) -> Status:
        review = attrs.get("review")
        return Status(
            name=name,
            review=Review(review["role"], review.get("scope")) if review else None,
            terminal=bool(attrs.get("terminal")),
            lenient=attrs.get("schema") == "draft",
            requires=tuple(attrs.get("requires") or ()),
            public=attrs.get("public"),
            resubmit=bool(attrs.get("resubmit")),
            label=attrs.get("label", ""),
        )

    def _moves(
        self, index: int, raw: dict[str, Any], statuses: dict[str, Status]
    ) -> list[Move]:
        sources = _sources(raw)
        origin = raw.get(ORIGIN, index)
        here = None if origin is None else ("moves", origin)
        for name in [*sources, raw["to"]]:
            if name not in statuses:
                self.fail(here, f"move names '{name}', which is not a status")
        moves = []
        for source in sources:
            roles = tuple(raw.get("by") or ())
            stage = statuses.get(source)
            if not roles and stage is not None and stage.review:
                roles = (stage.review.role,)
            if not roles and stage is not None:
                self.fail(
                    here,
                    f"nobody may make the '{raw['verb']}' move from '{source}'",
                    "give the move `by: [role, ...]` or make the stage a review",
                )
            note = raw.get("note") == "required"
            moves.append(Move(raw["verb"], source, raw["to"], roles, note))
        return moves

    def _check_graph(self, flow: Workflow) -> None:
        names = list(flow.statuses)
        for name, status in flow.statuses.items():
            where = ("statuses", name)
            leaving = flow.moves_from(name)
            if status.terminal and leaving:
                self.fail(where, f"'{name}' is terminal but moves leave it")
            if not status.terminal and not leaving:
                self.fail(
                    where,
                    f"'{name}' is not terminal, yet no move leaves it",
                    "add a move from it, or mark it `terminal: true`",
                )
            if name != flow.initial and flow.path(flow.initial, name) is None:
                self.fail(where, f"'{name}' cannot be reached from '{flow.initial}'")
        if not any(flow.statuses[n].terminal for n in names):
            self.fail(("statuses",), "no status is terminal, so no record ever ends")
