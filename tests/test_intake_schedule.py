"""`omc intake schedule`: the consultation and its iCalendar invitation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import Result

from omc import ics, yamlio

from . import builders
from .conftest import Invoke

ID = "telehealth-communication-m4n5"
UTC = dt.timezone.utc


def _schedule(
    omc: Invoke, root: Path, *args: str, code: int = 0, status: str = "assigned"
) -> Result:
    builders.write(root, "intake", status, builders.intake(ID, coordinator="rpatel"))
    result = omc("--data-dir", str(root), "intake", "schedule", ID, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _event(path: Path) -> Any:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_invitation_parses_with_the_right_times_and_people(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result = _schedule(
        omc, office, "--at", "2026-12-10T14:00-05:00", "--minutes", "90",
        "--location", "GL 220, Room 4; bring a laptop", "--by", "mlopez",
    )  # fmt: skip

    target = office / "build" / "invitations" / f"{ID}.ics"
    assert f"invitation written to office/build/invitations/{ID}.ics" in result.stdout
    calendar, event = _event(target)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == dt.datetime(2026, 12, 10, 20, 30, tzinfo=UTC)
    assert str(event["ATTENDEE"]) == "mailto:athompson@example.edu"
    assert event["ATTENDEE"].params["CN"] == "Aisha Thompson"
    assert str(event["ORGANIZER"]) == "mailto:rpatel@example.edu"
    assert event["ORGANIZER"].params["CN"] == "Rohan Patel"
    assert str(event["LOCATION"]) == "GL 220, Room 4; bring a laptop"
    assert str(event["UID"]) == f"{ID}-consultation@badges.bayshore.example.edu"
    assert "Telehealth Patient Communication" in str(event["SUMMARY"])
    assert "Your coordinator: Rohan Patel" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 12, 4, 15, 0, tzinfo=UTC)


def test_the_invitation_keeps_the_rules_calendar_programs_are_strict_about(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    _schedule(omc, office, "--at", "2026-12-10T19:00Z", "--by", "mlopez")

    raw = (office / "build" / "invitations" / f"{ID}.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    assert b"DTSTART:20261210T190000Z" in lines
    assert b"DTEND:20261210T200000Z" in lines


def test_the_consultation_is_recorded_on_the_intake(omc: Invoke, office: Path) -> None:
    _schedule(
        omc, office, "--at", "2026-12-10T14:00-05:00", "--location", "Zoom",
        "--by", "mlopez",
    )  # fmt: skip

    path = office / "intakes" / "consultation-scheduled" / f"{ID}.yaml"
    data = yamlio.load_file(path).data
    assert data["consultation"] == {
        "at": "2026-12-10T14:00:00-05:00",
        "minutes": 60,
        "location": "Zoom",
    }
    assert data["history"][-1]["to"] == "consultation-scheduled"


def test_ics_option_says_where_the_invitation_goes(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    (tmp_path / "invites").mkdir()

    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--ics", "invites/aisha.ics",
        "--by", "mlopez",
    )  # fmt: skip

    assert "invitation written to invites/aisha.ics" in result.stdout
    assert (tmp_path / "invites" / "aisha.ics").is_file()
    assert not (office / "build" / "invitations" / f"{ID}.ics").exists()


def test_a_time_without_offset_is_read_in_the_office_time_zone(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    config = office / "omc.yaml"
    config.write_text(
        config.read_text().replace(
            "  language: en-US\n", "  language: en-US\n  timezone: America/New_York\n"
        )
    )

    result = _schedule(omc, office, "--at", "2026-12-10T14:00", "--by", "mlopez")

    _calendar, event = _event(office / "build" / "invitations" / f"{ID}.ics")
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
    assert "UTC" not in result.stderr


def test_a_time_without_offset_or_office_zone_is_utc_and_said_so(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result = _schedule(omc, office, "--at", "2026-12-10T14:00", "--by", "mlopez")

    _calendar, event = _event(office / "build" / "invitations" / f"{ID}.ics")
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 10, 14, 0, tzinfo=UTC)
    assert "no office.timezone: read as UTC" in result.stderr


def test_rescheduling_updates_the_same_event(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    _schedule(omc, office, "--at", "2026-12-10T19:00Z", "--by", "mlopez")
    again = omc(
        "--data-dir", str(office), "intake", "schedule", ID,
        "--at", "2026-12-11T19:00Z", "--by", "mlopez",
    )  # fmt: skip

    assert again.exit_code == 0, again.stderr
    _calendar, event = _event(office / "build" / "invitations" / f"{ID}.ics")
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 11, 19, 0, tzinfo=UTC)
    assert int(event["SEQUENCE"]) == 1


def test_a_refused_schedule_writes_no_invitation(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--by", "mlopez",
        code=1, status="received",
    )  # fmt: skip

    assert "'schedule' is not allowed from received" in result.stderr
    assert not (office / "build" / "invitations" / f"{ID}.ics").exists()


def test_a_time_that_is_not_one_is_refused(omc: Invoke, office: Path) -> None:
    result = _schedule(omc, office, "--at", "next Tuesday", "--by", "mlopez", code=1)

    assert "--at 'next Tuesday' is not a date and time" in result.stderr


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a, b; c\\d", "a\\, b\\; c\\\\d"),
        ("two\nlines", "two\\nlines"),
    ],
)
def test_text_is_escaped(text: str, escaped: str) -> None:
    assert ics.escape(text) == escaped


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "é" * 100

    folded = ics.fold(line).encode("utf-8").split(b"\r\n")

    assert all(len(part) <= 75 for part in folded)
    assert b"".join(p[1:] if i else p for i, p in enumerate(folded)).decode() == line


def test_collaborators_are_invited_as_welcome_not_required(
    omc: Invoke, office: Path
) -> None:
    collaborators = [
        {"name": "Kofi Boateng", "email": "kboateng@example.edu"},
        {"name": "Aisha again", "email": "AThompson@example.edu"},  # the proposer
        {"name": "No Address"},
    ]
    record = builders.intake(ID, coordinator="rpatel", collaborators=collaborators)
    builders.write(office, "intake", "assigned", record)
    at = ("--at", "2026-12-10T14:00-05:00", "--by", "rpatel")
    result = omc("--data-dir", str(office), "intake", "schedule", ID, *at)
    assert result.exit_code == 0, result.stderr

    _, event = _event(office / "build" / "invitations" / f"{ID}.ics")
    invited = {str(a): (a.params["CN"], a.params["ROLE"]) for a in event["ATTENDEE"]}
    assert invited == {
        "mailto:athompson@example.edu": ("Aisha Thompson", "REQ-PARTICIPANT"),
        "mailto:kboateng@example.edu": ("Kofi Boateng", "OPT-PARTICIPANT"),
    }
