"""Review packets and committee agendas, as HTML, Markdown or PDF files.

An HTML packet is one file (styles and badge image inside) that a reviewer
can mail, archive or print; the PDF is made from that same HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import clock, store
from ..errors import UsageError
from ..office import Office
from ..validate import validate
from .output import Output
from .packet import Packet, build
from .templating import Templates

FORMATS = ("html", "md", "pdf")
Progress = Callable[[int, int], None]


def open_proposals(office: Office) -> list[store.Record]:
    """Every proposal still in the process: neither finished nor public."""
    flow = office.workflows["proposal"]
    records, _ = store.load_all(office, "proposal")
    return [
        r
        for r in records
        if not flow.status(r.status).terminal and not flow.status(r.status).public
    ]


def waiting_at(office: Office, stage: str) -> list[store.Record]:
    office.workflows["proposal"].status(stage)
    records, _ = store.load_all(office, "proposal")
    waiting = [r for r in records if r.status == stage]
    return sorted(waiting, key=lambda r: (_entered(r), r.id))


def _entered(record: store.Record) -> str:
    moves = record.data.get("history") or []
    last = moves[-1] if moves and isinstance(moves[-1], dict) else {}
    return str(last.get("at", ""))


def packets(office: Office, records: list[store.Record]) -> list[Packet]:
    """Packets of `records`, validated together in one pass."""
    report = validate(office.root, [r.path for r in records]) if records else None
    problems = report.problems if report else []
    return [build(office, r, problems) for r in records]


@dataclass(frozen=True)
class Agenda:
    stage: str
    title: str
    count: int


class Writer:
    """Writes packets in one format into one folder: an empty one, or one that
    holds packets omc wrote (else only with `force`), never the site's."""

    def __init__(
        self, office: Office, folder: Path, fmt: str, force: bool = False
    ) -> None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}'", hint="use html, md or pdf")
        self.office, self.fmt = office, fmt
        self.out = Output(folder, office.root)
        self.out.claim(force, family="packets")
        self.templates = Templates(office.root)

    @property
    def kind(self) -> str:
        """Each format has its own list in the manifest: a PDF render keeps
        the HTML packets beside it."""
        return f"packets-{self.fmt}"

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "office": {"name": self.office.name},
            "language": self.office.language,
            "today": clock.today().isoformat(),
        } | extra

    def render(self, name: str, **context: Any) -> str:
        source = "md" if self.fmt == "md" else "html"
        return self.templates.render(f"{name}.{source}", **self.context(**context))

    def write(self, stem: str, text: str) -> Path:
        if self.fmt != "pdf":
            return self.out.text(f"{stem}.{self.fmt}", text)
        from .pdf import write_pdf

        target = self.out.path(f"{stem}.pdf")
        with self.out.writing(target):
            return write_pdf(text, target)

    def packet(self, packet: Packet) -> Path:
        return self.write(packet.id, self.render("packet", packet=packet))

    def agenda(self, stage: str, items: list[Packet]) -> Path:
        title = self.office.workflows["proposal"].status(stage).title
        text = self.render("agenda", packets=items, stage=stage, stage_title=title)
        return self.write(f"agenda-{stage}", text)

    def index(self, items: list[Packet], agendas: list[Agenda]) -> Path | None:
        if self.fmt == "pdf":
            return None
        text = self.render("packets-index", packets=items, agendas=agendas)
        return self.write("index", text)


def render_packets(
    office: Office,
    records: list[store.Record],
    fmt: str,
    folder: Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    writer = Writer(office, folder, fmt, force)
    written = _each(writer, packets(office, records), progress)
    writer.out.remember(writer.kind)
    return written


def render_all(
    office: Office,
    fmt: str,
    folder: Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    """A packet per open proposal, an agenda per review stage, and an index;
    what an earlier render of that format left of other proposals goes."""
    writer = Writer(office, folder, fmt, force)
    items = packets(office, open_proposals(office))
    written = _each(writer, items, progress)
    agendas = []
    for stage in office.workflows["proposal"].review_stages():
        waiting = [p for p in items if p.status == stage.name]
        if waiting:
            written.append(writer.agenda(stage.name, sorted(waiting, key=_waited)))
            agendas.append(Agenda(stage.name, stage.title, len(waiting)))
    if (page := writer.index(items, agendas)) is not None:
        written.append(page)
    writer.out.finish(writer.kind)
    return written


def _each(writer: Writer, items: list[Packet], progress: Progress | None) -> list[Path]:
    written = []
    for done, item in enumerate(items, 1):
        written.append(writer.packet(item))
        if progress is not None:
            progress(done, len(items))
    return written


def _waited(packet: Packet) -> str:
    return str(packet.history[-1]["at"]) if packet.history else ""


def render_agenda(
    office: Office, stage: str, fmt: str, folder: Path, *, force: bool = False
) -> Path:
    records = waiting_at(office, stage)
    writer = Writer(office, folder, fmt, force)
    written = writer.agenda(stage, packets(office, records))
    writer.out.remember(writer.kind)
    return written
