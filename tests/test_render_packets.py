"""`omc render packet`: review packets and agendas in HTML, Markdown and PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from omc import yamlio
from omc.render.checklist import checklist
from omc.review import content_hash

from . import builders
from .conftest import Invoke, git
from .render_helpers import copy_fixture, heading_problems, outline

CYBER = "cyber-basics-z9w2"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def _packet(omc: Invoke, root: Path, *args: str) -> list[Path]:
    result = omc("--data-dir", str(root), "render", "packet", *args)
    assert result.exit_code == 0, result.stderr
    return [Path(line) for line in result.stdout.splitlines()]


def test_html_packet_is_one_self_contained_file_that_prints(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    (page,) = _packet(omc, small, "data-viz-k3f9", "--out", str(tmp_path / "p"))
    assert page == tmp_path / "p" / "data-viz-k3f9.html"
    html = page.read_text()
    assert "<link" not in html.replace('<link rel="icon" href="data:,">', "")
    assert "<script" not in html
    assert re.search(r'<img [^>]*src="data:image/svg\+xml;base64,', html)
    assert "@media print" in html and "<style>" in html
    parsed = outline(page)
    assert parsed.lang == "en-US" and heading_problems(parsed.headings) == []


def test_packet_shows_stage_checklist_validation_contacts_and_decisions(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    (page,) = _packet(omc, small, CYBER, "--out", str(tmp_path / "p"))
    text = " ".join(" ".join(outline(page).text).split())
    for shown in (
        "Unit review (unit-review)",
        "Revision 2",
        "Decision due 2026-12-04 (0 days left, 14 days allowed)",
        "Decided Submitted",
        "Waiting Unit review",
        "To come College review",
        "8 of 14 checks pass.",
        "✗ Fail 3 to 7 competencies 2 listed",
        "✗ Fail Every competency sets a minimum to pass missing for: Spot phishing",
        "✗ Fail Alignments, each with an address no address for: Knowledge of",
        "✓ Pass Workload stated 8 hours",
        "skills : has 2 items; at least 3 needed",
        "rortiz@example.edu",
        "Add a third competency.",
        "Simulated phishing test",
    ):
        assert shown in text, shown


def test_voided_approvals_are_marked(omc: Invoke, small: Path, tmp_path: Path) -> None:
    record = small / "proposals/published/data-viz-k3f9.yaml"
    record.write_text(record.read_text().replace("for dates.", "for the dates."))
    (page,) = _packet(omc, small, "data-viz-k3f9", "--out", str(tmp_path / "p"))
    assert page.read_text().count("(voided: the content changed since)") == 3


def test_markdown_packet_reads_well_and_escapes_proposer_text(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    record = small / f"proposals/unit-review/{CYBER}.yaml"
    text = record.read_text().replace(
        "title: Cybersecurity Basics for Staff", "title: Cyber <script>x</script> *101*"
    )
    text = text.replace(
        "criteria: Pass the simulated",
        "criteria: See [me](javascript:alert(1)) <b>now</b>. Pass the simulated",
    )
    record.write_text(text)
    (page,) = _packet(omc, small, CYBER, "--format", "md", "--out", str(tmp_path / "p"))
    md = page.read_text()
    assert md.startswith("# Cyber \\<script\\>x\\</script\\> \\*101\\*\n")
    assert (
        "## Checklist\n" in md
        and "| ❌ **fail** | At least 3 skills | 2 listed |" in md
    )
    assert "> See me (link removed: `javascript:alert(1)`) &lt;b>now&lt;/b>." in md
    assert "| Ray Ortiz | Lead | rortiz@example.edu |" in md
    assert "<script>" not in md


def test_pdf_packet_holds_the_title(omc: Invoke, small: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    (pdf,) = _packet(
        omc, small, "data-viz-k3f9", "-f", "pdf", "--out", str(tmp_path / "p")
    )
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Applied Data Visualization with Python" in text
    assert "Checklist" in text


def test_agenda_lists_every_proposal_waiting_at_a_stage(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    data = builders.proposal("second-one-a1b2", unit="School of Computing")
    data["history"].append(
        {
            "at": "2026-11-25T09:00:00Z",
            "from": "submitted",
            "to": "unit-review",
            "by": "kwhite",
        }
    )
    builders.write(small, "proposal", "unit-review", data)
    (agenda,) = _packet(
        omc, small, "--status", "unit-review", "--out", str(tmp_path / "p")
    )
    assert agenda.name == "agenda-unit-review.html"
    html = agenda.read_text()
    toc = html.split('<ol class="toc">')[1].split("</ol>")[0]
    assert toc.index(f"#{CYBER}") < toc.index("#second-one-a1b2")
    assert f'<article class="proposal" id="{CYBER}">' in html
    assert heading_problems(outline(agenda).headings) == []
    (md,) = _packet(
        omc, small, "--status", "unit-review", "-f", "md", "--out", str(tmp_path / "p")
    )
    assert "## Contents" in md.read_text()


def test_all_renders_every_open_proposal_and_an_index(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    written = _packet(omc, small, "--all", "--out", str(tmp_path / "p"))
    assert sorted(p.name for p in written) == [
        "agenda-unit-review.html",
        f"{CYBER}.html",
        "grant-writing-h7d3.html",
        "index.html",
    ]
    index = (tmp_path / "p" / "index.html").read_text()
    assert 'href="grant-writing-h7d3.html"' in index
    assert (
        'href="agenda-unit-review.html">Unit review</a> — 1 proposal waiting' in index
    )
    written = _packet(omc, small, "--all", "-f", "pdf", "--out", str(tmp_path / "p"))
    assert sorted(p.suffix for p in written) == [".pdf", ".pdf", ".pdf"]


def test_sample_office_packets_show_the_intake_phone(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    written = _packet(omc, office, "--all", "--out", str(tmp_path / "p"))
    assert len(written) >= 5
    phones = [re.search(r"\(?\d{3}\)?[-. ]\d{3}-\d{4}", p.read_text()) for p in written]
    assert any(phones)


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        ((), 2, "say which packets"),
        (("x", "--all"), 2, "say which packets"),
        (("--status", "nowhere"), 1, "'nowhere' is not a proposal status"),
        (("nope",), 1, "no proposal has the id 'nope'"),
        (("--all", "--format", "docx"), 2, "docx"),
    ],
)
def test_packet_usage(
    omc: Invoke, small: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    result = omc("--data-dir", str(small), "render", "packet", *args)
    assert result.exit_code == code and said in result.stderr


def _commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def test_changes_since_the_last_decision_come_from_git(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    git(small, "init", "-q")
    path = small / f"proposals/unit-review/{CYBER}.yaml"
    decided = yamlio.loads(path.read_text()).data
    _commit(small, "as submitted")
    text = path.read_text().replace(
        "1111111111111111111111111111111111111111111111111111111111111111",
        content_hash(decided),
    )
    path.write_text(
        text.replace(
            "[Phishing awareness, Password hygiene]",
            "[Phishing awareness, Password hygiene, Incident reporting]",
        )
    )
    _commit(small, "returned, then revised")
    moved = small / f"proposals/submitted/{CYBER}.yaml"
    moved.parent.mkdir(exist_ok=True)  # git keeps no empty folder in the fixture
    path.rename(moved)  # an uncommitted move: history is under the old folder
    (page,) = _packet(omc, small, CYBER, "-f", "md", "--out", str(tmp_path / "p"))
    md = page.read_text()
    assert "## Changes since the last decision" in md
    assert "Changed since the version decided on (commit" in md
    diff = "```diff\n  skills:\n    - Phishing awareness\n    - Password hygiene\n"
    assert diff + "+   - Incident reporting\n```" in md
    (page,) = _packet(omc, small, CYBER, "--out", str(tmp_path / "p"))
    assert "<ins>+   - Incident reporting</ins>" in page.read_text()


def test_no_change_since_the_decision_says_so(
    omc: Invoke, small: Path, tmp_path: Path
) -> None:
    (page,) = _packet(omc, small, "data-viz-k3f9", "--out", str(tmp_path / "p"))
    assert "Nothing has changed since this decision." in page.read_text()


def test_checklist_passes_a_complete_proposal(tmp_path: Path) -> None:
    builders.badge_image(tmp_path)
    checks = checklist(tmp_path, builders.proposal(workload_hours=20))
    assert [c.label for c in checks if not c.ok] == []
    checks = checklist(tmp_path, builders.proposal(description="x" * 501, skills=[]))
    failed = {c.label: c.detail for c in checks if not c.ok}
    assert failed == {
        "Description within 500 characters": "501 of 500 characters",
        "At least 3 skills": "0 listed",
    }


def test_progress_bar_on_a_terminal_only(
    omc: Invoke, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from omc.commands import base

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80)
    monkeypatch.setitem(base._consoles, True, terminal)
    assert (
        omc(
            "--data-dir", str(small), "render", "site", "--out", str(tmp_path / "s")
        ).exit_code
        == 0
    )
    assert "rendering pages" in screen.getvalue()
    plain = omc(
        "--data-dir", str(small), "render", "site", "--out", str(tmp_path / "t")
    )
    assert "rendering pages" not in plain.stderr
