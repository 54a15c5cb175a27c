"""iCalendar (RFC 5545) invitations to an intake's consultation.

Written by hand rather than with a library: one event, a dozen properties, and
the three rules calendar programs are strict about (CRLF line ends, lines
folded at 75 octets, text escaped). Tests read the result back with the
`icalendar` package.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import clock
from .errors import InvalidData, OmcError, UsageError, Where

if TYPE_CHECKING:
    from .office import Office, Person

LIMIT = 75
SCHEDULED = "consultation-scheduled"


@dataclass(frozen=True)
class Party:
    name: str
    email: str
    # REQ-PARTICIPANT must come; OPT-PARTICIPANT is welcome (RFC 5545 3.2.16).
    role: str = "REQ-PARTICIPANT"


@dataclass(frozen=True)
class Event:
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    organizer: Party
    attendees: list[Party] = field(default_factory=list)
    description: str = ""
    location: str = ""
    sequence: int = 0
    stamp: dt.datetime | None = None


def calendar(event: Event, product: str) -> str:
    """A VCALENDAR holding `event` as a request, ready for a calendar program."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        *_event(event),
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(event.stamp or clock.now())}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    lines.append(f"ORGANIZER;{_party(event.organizer)}")
    for person in event.attendees:
        lines.append(
            f"ATTENDEE;ROLE={person.role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
            + _party(person)
        )
    return [*lines, "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]


def _party(person: Party) -> str:
    # A parameter value may not hold a double quote, even quoted (RFC 5545 3.1).
    name = person.name.replace('"', "'")
    return f'CN="{name}":mailto:{person.email}'


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon, comma and newline escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a character.

    Continuation lines start with one space, which counts toward their 75.
    """
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


# The consultation of an intake ---------------------------------------------


def moment(at: dt.datetime) -> str:
    """A zone-aware moment as a record keeps it: its own offset, or Z."""
    return at.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_at(
    text: str, zone: str | None, where: Where | None = None
) -> tuple[dt.datetime, bool]:
    """`--at`: with an offset as given; without, in the office's zone, else UTC.

    The flag says whether UTC was assumed, so the CLI can say so. `where` is
    office.timezone in omc.yaml, named when it is not a zone.
    """
    hint = "write it like 2026-12-10T14:00 or 2026-12-10T14:00-05:00"
    given = text.strip()
    if len(given) <= len("2026-12-10"):
        # fromisoformat reads a date alone as midnight: a time was forgotten.
        raise InvalidData(f"--at '{text}' has no time of day", hint=hint)
    try:
        value = dt.datetime.fromisoformat(given.replace("Z", "+00:00"))
        assumed = value.tzinfo is None and not zone
        if value.tzinfo is None:
            value = (
                local(value, clock.zone(zone, where), zone)
                if zone
                else value.replace(tzinfo=dt.timezone.utc)
            )
        # A moment the calendar can hold, with a meeting after it (not 9999).
        value.astimezone(dt.timezone.utc) + dt.timedelta(days=1)
    except (ValueError, OverflowError):
        raise InvalidData(f"--at '{text}' is not a date and time", hint=hint) from None
    return value, assumed


def local(value: dt.datetime, zone: dt.tzinfo, name: str) -> dt.datetime:
    """A wall-clock time in `zone`, refused when the clocks skip it or pass it
    twice (daylight saving time), rather than picking a moment silently."""
    first, second = (
        value.replace(tzinfo=zone, fold=0),
        value.replace(tzinfo=zone, fold=1),
    )
    if first.utcoffset() == second.utcoffset():
        return first
    shown = value.isoformat(timespec="minutes")
    if not _exists(first):
        start = value.replace(second=0, microsecond=0)
        while not _exists((start - MINUTE).replace(tzinfo=zone)):
            start -= MINUTE
        jump = (second.utcoffset() or ZERO) - (first.utcoffset() or ZERO)
        shape = "%H:%M" if jump < dt.timedelta(hours=12) else "%Y-%m-%dT%H:%M"
        raise InvalidData(
            f"--at {shown} does not exist in {name}: on {value:%Y-%m-%d} the clocks "
            f"jump from {start:{shape}} to {start + jump:{shape}}",
            hint=f"did you mean {value + jump:%Y-%m-%dT%H:%M}?",
        )
    raise InvalidData(
        f"--at {shown} happens twice in {name}: on {value:%Y-%m-%d} the clocks go "
        f"back {_span((first.utcoffset() or ZERO) - (second.utcoffset() or ZERO))}",
        hint=f"say which with its offset: {first.isoformat(timespec='minutes')} "
        f"(the first) or {second.isoformat(timespec='minutes')} (the second)",
    )


MINUTE, ZERO = dt.timedelta(minutes=1), dt.timedelta(0)


def _exists(moment: dt.datetime) -> bool:
    """Whether a wall-clock time in its zone is one the clocks show."""
    again = moment.astimezone(dt.timezone.utc).astimezone(moment.tzinfo)
    return again.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _span(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    if minutes == 60:
        return "an hour"
    return f"{minutes // 60} hours" if minutes % 60 == 0 else f"{minutes} minutes"


def invitation(office: Office, data: Mapping[str, Any], organizer: Person) -> str:
    """The invitation to the consultation that the intake `data` records.

    The UID stays the same when the consultation is moved and SEQUENCE counts
    the moves, so a calendar updates the event rather than adding a second.
    """
    meeting = data["consultation"]
    start = clock.parse(str(meeting["at"]))
    scheduled = [h for h in data.get("history") or [] if h.get("to") == SCHEDULED]
    host = re.sub(r"^https?://|[:/].*$", "", office.base_url)
    event = Event(
        uid=f"{data['id']}-consultation@{host}",
        start=start,
        end=start + dt.timedelta(minutes=int(meeting.get("minutes") or 60)),
        summary=f"Micro-credential consultation: {data.get('title') or data['id']}",
        organizer=Party(organizer.name, organizer.email),
        attendees=attendees(data),
        description=_description(office, data, organizer),
        location=str(meeting.get("location") or ""),
        sequence=max(len(scheduled) - 1, 0),
    )
    return calendar(event, product=f"-//{office.name}//omc//EN")


def attendees(data: Mapping[str, Any]) -> list[Party]:
    """The proposer, who must come, and each collaborator with an address,
    who is welcome: each address once."""
    contact = data["contact"]
    found = [Party(str(contact["name"]), str(contact["email"]))]
    for other in data.get("collaborators") or []:
        if not (isinstance(other, Mapping) and other.get("email")):
            continue
        email = str(other["email"])
        if email.casefold() not in {p.email.casefold() for p in found}:
            name = str(other.get("name") or email)
            found.append(Party(name, email, "OPT-PARTICIPANT"))
    return found


def _description(office: Office, data: Mapping[str, Any], organizer: Person) -> str:
    lines = [
        f"A consultation with the {office.name} about your micro-credential idea "
        f"\u201c{data.get('title', '')}\u201d (intake {data['id']}).",
        f"Your coordinator: {organizer.name} <{organizer.email}>.",
    ]
    if data.get("summary"):
        lines += ["", str(data["summary"])]
    return "\n".join(lines)


# Writing it ------------------------------------------------------------------


@dataclass(frozen=True)
class Staged:
    """An invitation written beside `target`, to be moved there once the intake
    records the consultation; `written` is None when `target` took it at once."""

    target: Path
    written: Path | None


def check_target(path: Path, data_root: Path) -> None:
    """Refuse a place no invitation can go, before anything is changed: a
    folder, a file that is not an invitation, the data directory's records."""
    full = path.resolve()
    root = data_root.resolve()
    build = root / "build"
    if full.is_relative_to(root) and not full.is_relative_to(build):
        raise UsageError(
            f"--ics {path} is inside the data directory, among its records",
            hint="leave out --ics (invitations go to build/invitations/, which "
            "git ignores), or name a file outside the data directory",
        )
    if full.is_file() and not _is_invitation(full):
        raise UsageError(
            f"--ics {path} is a file that is not a calendar invitation; omc "
            "replaces only invitations",
            hint="name a new file, or an .ics file omc wrote before",
        )
    _check_place(path)


def _check_place(path: Path) -> None:
    if path.is_dir():
        raise UsageError(
            f"cannot write the invitation to {path}: it is a folder",
            hint=f"name a file, such as {path / 'invitation.ics'}",
        )
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: no folder {path.parent}")


def _is_invitation(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(15) == b"BEGIN:VCALENDAR"
    except OSError:
        return False


def stage(target: Path, text: str) -> Staged:
    """Write the invitation where a failure (a full disk, no permission) still
    leaves the intake unchanged: beside `target`, or into a device or pipe
    (/dev/stdout, a shell's >(...)), which cannot be replaced, directly."""
    _check_place(target)
    direct = target.exists() and not target.is_file()
    written = None if direct else target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(written or target, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            if written:
                os.fsync(handle.fileno())
    except OSError as exc:
        if written:
            written.unlink(missing_ok=True)
        raise _unwritten(target, exc, "nothing was changed") from None
    return Staged(target, written)


def place(staged: Staged) -> None:
    if staged.written is None:
        return
    try:
        os.replace(staged.written, staged.target)
    except OSError as exc:
        discard(staged)
        raise _unwritten(
            staged.target, exc, "the intake was scheduled; run it again to write it"
        ) from None


def discard(staged: Staged) -> None:
    if staged.written is not None:
        staged.written.unlink(missing_ok=True)


def _unwritten(target: Path, exc: OSError, outcome: str) -> OmcError:
    why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
    return OmcError(
        f"cannot write the invitation to {target}: {why}",
        hint=f"{outcome}; choose another --ics FILE, or fix the problem and retry",
    )
