"""`omc intake schedule` refusing what it cannot do whole: invitations that cannot
be written, times the clocks skip or show twice, the past, an unknown zone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import Result

from omc import yamlio
from omc.errors import OmcError

from . import builders
from .conftest import Invoke

ID = "telehealth-communication-m4n5"
UTC = dt.timezone.utc


def _intake(root: Path, **changes: object) -> Path:
    record = builders.intake(ID, **({"coordinator": "rpatel"} | changes))
    return builders.write(root, "intake", "assigned", record)


def _schedule(omc: Invoke, root: Path, *args: str, code: int = 0) -> Result:
    result = omc("--data-dir", str(root), "intake", "schedule", ID, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _unchanged(root: Path, path: Path, before: bytes) -> None:
    """The intake is where and as it was, and no invitation was left anywhere."""
    assert path.read_bytes() == before
    assert not (root / "intakes" / "consultation-scheduled" / path.name).exists()
    assert [p for p in root.joinpath("build").rglob("*") if p.is_file()] == []


def _office_zone(root: Path, zone: str) -> int:
    """Set office.timezone in omc.yaml; the line it is on."""
    config = root / "omc.yaml"
    text = config.read_text()
    text = text.replace(
        "  language: en-US\n", f"  language: en-US\n  timezone: {zone}\n"
    )
    config.write_text(text)
    return text.splitlines().index(f"  timezone: {zone}") + 1


def test_a_folder_as_ics_is_refused_before_the_intake_changes(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    path = _intake(office)
    before = path.read_bytes()
    (tmp_path / "invites").mkdir()

    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--ics", str(tmp_path / "invites"),
        "--by", "mlopez", code=2,
    )  # fmt: skip

    assert "cannot write the invitation to" in result.stderr
    assert "invites: it is a folder" in result.stderr
    assert "internal error" not in result.stderr
    _unchanged(office, path, before)
    assert list((tmp_path / "invites").iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_leaves_the_intake_as_it_was(omc: Invoke, office: Path) -> None:
    path = _intake(office)
    before = path.read_bytes()

    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--ics", "/dev/full",
        "--by", "mlopez", code=1,
    )  # fmt: skip

    assert "cannot write the invitation to /dev/full: the disk is full" in (
        result.stderr
    )
    assert "nothing was changed" in result.stderr
    _unchanged(office, path, before)


def test_a_failed_record_change_leaves_no_invitation(
    omc: Invoke, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omc import transitions

    def broken(*args: object, **kwargs: object) -> None:
        raise OmcError("cannot write the intake")

    monkeypatch.setattr(transitions, "execute", broken)
    path = _intake(office)
    before = path.read_bytes()

    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--by", "mlopez", code=1
    )

    assert "cannot write the intake" in result.stderr
    _unchanged(office, path, before)


def test_an_inactive_coordinator_cannot_send_the_invitation(
    omc: Invoke, office: Path
) -> None:
    config = office / "omc.yaml"
    config.write_text(
        config.read_text().replace(
            "  - id: rpatel\n", "  - id: rpatel\n    active: false\n"
        )
    )
    path = _intake(office)
    before = path.read_bytes()

    result = _schedule(
        omc, office, "--at", "2026-12-10T19:00Z", "--by", "mlopez", code=1
    )

    assert "Rohan Patel (rpatel), is no longer active in omc.yaml" in result.stderr
    assert f"omc intake assign {ID} --coordinator" in result.stderr
    _unchanged(office, path, before)


def test_a_time_the_clocks_skip_is_refused_with_the_time_meant(
    omc: Invoke, office: Path
) -> None:
    _office_zone(office, "America/New_York")
    path = _intake(office)
    before = path.read_bytes()

    result = _schedule(
        omc, office, "--at", "2027-03-14T02:30", "--by", "mlopez", code=1
    )

    assert (
        "--at 2027-03-14T02:30 does not exist in America/New_York: on 2027-03-14 "
        "the clocks jump from 02:00 to 03:00"
    ) in result.stderr
    assert "did you mean 2027-03-14T03:30?" in result.stderr
    _unchanged(office, path, before)


def test_a_time_the_clocks_show_twice_asks_for_its_offset(
    omc: Invoke, office: Path
) -> None:
    _office_zone(office, "America/New_York")
    path = _intake(office)
    before = path.read_bytes()

    refused = _schedule(
        omc, office, "--at", "2027-11-07T01:30", "--by", "mlopez", code=1
    )
    _unchanged(office, path, before)
    _schedule(omc, office, "--at", "2027-11-07T01:30-05:00", "--by", "mlopez")

    assert (
        "--at 2027-11-07T01:30 happens twice in America/New_York: on 2027-11-07 "
        "the clocks go back an hour"
    ) in refused.stderr
    assert "2027-11-07T01:30-04:00 (the first) or 2027-11-07T01:30-05:00" in (
        refused.stderr
    )
    scheduled = office / "intakes" / "consultation-scheduled" / f"{ID}.yaml"
    meeting = yamlio.load_file(scheduled).data["consultation"]
    assert meeting["at"] == "2027-11-07T01:30:00-05:00"


def test_a_time_in_the_past_needs_allow_past(omc: Invoke, office: Path) -> None:
    path = _intake(office)
    before = path.read_bytes()

    refused = _schedule(
        omc, office, "--at", "2020-01-01T14:00Z", "--by", "mlopez", code=1
    )
    _unchanged(office, path, before)
    _schedule(
        omc, office, "--at", "2026-12-01T14:00Z", "--allow-past", "--by", "mlopez"
    )

    assert (
        "2020-01-01T14:00:00Z is in the past (it is now 2026-12-04T15:00:00Z)"
        in refused.stderr
    )
    assert "add --allow-past" in refused.stderr
    assert (office / "build" / "invitations" / f"{ID}.ics").is_file()


def test_an_unknown_office_time_zone_is_named_at_its_line(
    omc: Invoke, office: Path
) -> None:
    line = _office_zone(office, "Mars/Olympus")
    path = _intake(office)
    before = path.read_bytes()

    result = _schedule(
        omc, office, "--at", "2026-12-10T14:00", "--by", "mlopez", code=1
    )

    assert (
        f"omc.yaml:{line}:13: office.timezone: 'Mars/Olympus' is not a known time zone"
    ) in result.stderr
    _unchanged(office, path, before)


def test_validate_names_an_unknown_office_time_zone(omc: Invoke, office: Path) -> None:
    line = _office_zone(office, "Mars/Olympus")

    result = omc("--data-dir", str(office), "validate")

    assert result.exit_code == 1
    assert f"omc.yaml:{line}:13: office.timezone: " in result.stdout + result.stderr


@pytest.mark.parametrize("inside", ["omc.yaml", "assets/x.svg", ".git/config"])
def test_ics_never_lands_among_the_records(
    omc: Invoke, office: Path, inside: str
) -> None:
    path = _intake(office)
    before = path.read_bytes()
    target = office / inside
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_text("precious\n")
    kept = target.read_bytes()
    at = ("--at", "2026-12-10T14:00Z", "--by", "rpatel")
    result = _schedule(omc, office, *at, "--ics", str(target), code=2)
    assert "is inside the data directory, among its records" in result.stderr
    assert target.read_bytes() == kept
    _unchanged(office, path, before)


def test_ics_replaces_an_invitation_but_no_other_file(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    path = _intake(office)
    before = path.read_bytes()
    notes = tmp_path / "notes.ics"
    notes.write_text("my notes\n")
    at = ("--at", "2026-12-10T14:00Z", "--by", "rpatel")
    result = _schedule(omc, office, *at, "--ics", str(notes), code=2)
    assert "is a file that is not a calendar invitation" in result.stderr
    assert notes.read_text() == "my notes\n"
    _unchanged(office, path, before)
    earlier = tmp_path / "earlier.ics"
    earlier.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    _schedule(omc, office, *at, "--ics", str(earlier))
    assert "SUMMARY:" in earlier.read_text()


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("2026-12-10", "--at '2026-12-10' has no time of day"),
        ("9999-12-31T23:59", "--at '9999-12-31T23:59' is not a date and time"),
    ],
)
def test_a_date_without_a_time_or_past_the_calendar_is_refused(
    omc: Invoke, office: Path, at: str, said: str
) -> None:
    _office_zone(office, "America/New_York")
    path = _intake(office)
    before = path.read_bytes()
    result = _schedule(omc, office, "--at", at, "--by", "rpatel", code=1)
    assert said in result.stderr
    _unchanged(office, path, before)
