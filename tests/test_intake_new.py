"""`omc intake new`: options for scripts, answer files, and questions on a terminal."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from omc import gitio, yamlio

from .conftest import Invoke, git


def _new(omc: Invoke, root: Path, *args: str, code: int = 0, **kw: Any) -> Result:
    result = omc("--data-dir", str(root), "intake", "new", *args, **kw)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def _load(root: Path, intake_id: str) -> dict[str, Any]:
    path = root / "intakes" / "received" / f"{intake_id}.yaml"
    return dict(yamlio.load_file(path).data)


def _intake_files(root: Path) -> set[Path]:
    return set((root / "intakes").rglob("*.yaml"))


def test_every_field_as_an_option(omc: Invoke, office: Path) -> None:
    result = _new(
        omc, office,
        "--title", "Grant Writing for Research Teams",
        "--summary", "Teams learn to plan and write a federal grant.",
        "--name", "Helen Park", "--email", "  HPark@Example.EDU ",
        "--phone", "305-555-0110", "--job-title", "Research Director",
        "--unit", "Office of Research", "--college", "Graduate School",
        "--stage", "Content drafted", "--credit-type", "Non credit",
        "--modality", "In person", "--hours", "12",
        "--audience", "Faculty", "--audience", "Postdocs",
        "--term", "Fall 2027", "--partner", "City Foundation",
        "--collaborator", "Bo Park <bpark@example.edu>",
        "--collaborator", "Ann Lee, alee@example.edu",
        "--by", "mlopez",
    )  # fmt: skip

    intake_id = result.stdout.strip()
    assert result.stdout == intake_id + "\n"
    assert intake_id.startswith("grant-writing-research-teams-")
    assert f"created intakes/received/{intake_id}.yaml" in result.stderr
    data = _load(office, intake_id)
    assert data["contact"] == {
        "name": "Helen Park",
        "email": "hpark@example.edu",
        "phone": "305-555-0110",
        "job_title": "Research Director",
        "unit": "Office of Research",
        "college": "Graduate School",
    }
    assert data["development_stage"] == "content-drafted"
    assert data["credit_type"] == "non-credit"
    assert data["modality"] == "in-person"
    assert data["estimated_hours"] == 12
    assert data["audience"] == ["Faculty", "Postdocs"]
    assert data["industry_partners"] == ["City Foundation"]
    assert data["target_term"] == "Fall 2027"
    assert data["collaborators"] == [
        {"name": "Bo Park", "email": "bpark@example.edu"},
        {"name": "Ann Lee", "email": "alee@example.edu"},
    ]
    assert data["submitted"] == "2026-12-04"
    assert data["history"] == [
        {"at": "2026-12-04T15:00:00Z", "from": None, "to": "received", "by": "mlopez"}
    ]


def test_json_says_the_id_and_the_file(omc: Invoke, office: Path) -> None:
    result = _new(
        omc, office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "mlopez", "--json",
    )  # fmt: skip

    made = json.loads(result.stdout)
    assert made["path"] == f"intakes/received/{made['id']}.yaml"
    assert (office / made["path"]).is_file()


def test_by_comes_from_omc_user(omc: Invoke, office: Path) -> None:
    result = _new(
        omc, office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", env={"OMC_USER": "rpatel"},
    )  # fmt: skip

    assert _load(office, result.stdout.strip())["history"][0]["by"] == "rpatel"


def test_every_problem_is_listed_and_nothing_written(omc: Invoke, office: Path) -> None:
    before = _intake_files(office)

    result = _new(
        omc, office, "--title", "Lab Safety", "--email", "not-an-address",
        "--stage", "nearly done", "--hours", "about 15", "--by", "mlopez", code=1,
    )  # fmt: skip

    err = result.stderr
    assert "contact.email: 'not-an-address' is not an email address" in err
    assert "development_stage: 'nearly done' is not one of: idea, outline" in err
    assert "estimated_hours: 'about 15' is not a number of hours" in err
    assert "contact.name: required" in err
    assert "nothing was written" in err
    assert result.stdout == ""
    assert _intake_files(office) == before


def test_only_people_who_run_intakes_may_enter_one(omc: Invoke, office: Path) -> None:
    result = _new(
        omc, office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "hnakamura", code=1,
    )  # fmt: skip

    assert "needs the role coordinator or admin" in result.stderr


def test_a_person_no_longer_active_may_not_enter_one(omc: Invoke, office: Path) -> None:
    config = office / "omc.yaml"
    config.write_text(
        config.read_text().replace(
            "  - id: mlopez\n", "  - id: mlopez\n    active: false\n"
        )
    )
    before = _intake_files(office)

    result = _new(omc, office, *KIM, "--by", "mlopez@example.edu", code=1)

    assert "Marisol López (mlopez) is no longer active in omc.yaml" in result.stderr
    assert _intake_files(office) == before


def test_answers_from_a_yaml_file_with_problems_at_their_lines(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "contact:\n"
        "  name: Kim Ng\n"
        "  email: kim at example\n"
        "modality: by mail\n"
    )

    result = _new(omc, office, "--from", str(answers), "--by", "mlopez", code=1)

    assert f"{answers}:4:10: contact.email: 'kim at example'" in result.stderr
    assert f"{answers}:5:11: modality: 'by mail' is not one of" in result.stderr


def test_answers_from_a_json_file(omc: Invoke, office: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "title": "Lab Safety",
                "contact": {"name": "Kim Ng", "email": "kng@example.edu"},
                "credit_type": "Non-credit",
                "estimated_hours": 8,
                "audience": ["Graduate students"],
            },
            indent="\t",
        )
    )

    result = _new(omc, office, "--from", str(answers), "--by", "mlopez")

    data = _load(office, result.stdout.strip())
    assert data["credit_type"] == "non-credit"
    assert data["estimated_hours"] == 8
    assert data["history"][0]["note"] == "entered from answers.json"


def test_an_answer_file_may_not_set_workflow_keys(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
        "coordinator: mlopez\n"
    )

    result = _new(omc, office, "--from", str(answers), "--by", "mlopez", code=1)

    assert f"{answers}:3:14: coordinator: is not a question" in result.stderr


def test_options_override_the_answer_file(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("title: Lab Safety\ncontact: {name: Kim Ng, email: a@b.edu}\n")

    result = _new(
        omc, office, "--from", str(answers), "--email", "kng@example.edu",
        "--by", "mlopez",
    )  # fmt: skip

    assert _load(office, result.stdout.strip())["contact"]["email"] == (
        "kng@example.edu"
    )


def test_interactive_asks_again_after_an_invalid_answer(
    omc: Invoke, office: Path
) -> None:
    typed = [
        "Lab Safety for Makerspaces",  # title
        "",  # summary skipped
        "Kim Ng",  # name
        "kim at example",  # a bad email...
        "KNg@example.edu",  # ...asked again
        "", "", "", "",  # phone, job title, unit, college
        "almost ready",  # not a stage...
        "outline",  # ...asked again
        "non credit",
        "hybrid",
        "about ten",  # not a number...
        "10",  # ...asked again
        "Undergraduate students; Staff",
        "Spring 2027",
        "",  # partners
        "Bo Park <bpark@example.edu>",
    ]  # fmt: skip

    result = _new(
        omc, office, "--interactive", "--by", "mlopez",
        input="\n".join(typed) + "\n",
    )  # fmt: skip

    intake_id = result.stdout.strip()
    assert result.stdout == intake_id + "\n"
    assert "'kim at example' is not an email address; please answer" in result.stderr
    assert "'almost ready' is not one of" in result.stderr
    assert "'about ten' is not a number of hours" in result.stderr
    assert result.stderr.count("Contact's email address: ") == 2
    data = _load(office, intake_id)
    assert data["contact"] == {"name": "Kim Ng", "email": "kng@example.edu"}
    assert data["development_stage"] == "outline"
    assert data["credit_type"] == "non-credit"
    assert data["estimated_hours"] == 10
    assert data["audience"] == ["Undergraduate students", "Staff"]
    assert data["collaborators"] == [{"name": "Bo Park", "email": "bpark@example.edu"}]


def test_interactive_asks_only_what_options_left_out(omc: Invoke, office: Path) -> None:
    result = _new(
        omc, office, "--interactive", "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "mlopez", input="\n" * 13,
    )  # fmt: skip

    assert "Working title" not in result.stderr
    assert "Brief description (Enter to skip): " in result.stderr
    assert _load(office, result.stdout.strip())["title"] == "Lab Safety"


def test_without_a_terminal_nothing_is_asked(omc: Invoke, office: Path) -> None:
    result = _new(omc, office, "--title", "Lab Safety", "--by", "mlopez", code=1)

    assert "Brief description" not in result.stderr
    assert "command line: contact: required" in result.stderr


def test_dry_run_shows_the_record_and_writes_nothing(omc: Invoke, office: Path) -> None:
    before = _intake_files(office)

    result = _new(
        omc, office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "mlopez", "--dry-run",
    )  # fmt: skip

    assert result.stdout.startswith("would create intakes/received/lab-safety-")
    assert "email: kng@example.edu" in result.stdout
    assert _intake_files(office) == before
    assert "the real run's id differs from this one's" in result.stderr


def test_commit_records_the_new_intake(omc: Invoke, git_office: Path) -> None:
    result = _new(
        omc, git_office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "mlopez", "--commit",
    )  # fmt: skip

    intake_id = result.stdout.strip()
    subject = git(git_office, "log", "-1", "--format=%s").strip()
    assert subject == f"intake {intake_id}: received (Lab Safety)"
    assert git(git_office, "status", "--porcelain") == ""


def test_commit_happens_while_omc_holds_its_lock(
    omc: Invoke, git_office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked_at_commit: list[bool] = []
    commit = gitio.Repo.commit

    def checking(repo: gitio.Repo, paths: list[Path], message: str) -> str:
        locked_at_commit.append(_locked(git_office))
        return commit(repo, paths, message)

    monkeypatch.setattr(gitio.Repo, "commit", checking)

    _new(
        omc, git_office, "--title", "Lab Safety", "--name", "Kim Ng",
        "--email", "kng@example.edu", "--by", "mlopez", "--commit",
    )  # fmt: skip

    assert locked_at_commit == [True]


def _locked(root: Path) -> bool:
    """Whether some holder has the data directory's lock (a second open is refused)."""
    fd = os.open(root / ".omc" / "lock", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_second_entry_of_the_same_form_is_flagged(omc: Invoke, office: Path) -> None:
    args = ("--title", "Lab Safety", "--name", "Kim Ng", "--by", "mlopez")
    first = _new(omc, office, *args, "--email", "kng@example.edu")

    second = _new(omc, office, *args, "--email", "KNG@example.edu")

    assert (
        f"warning: intake {first.stdout.strip()} has the same contact email and title"
        in second.stderr
    )


# Answers omc cannot use -------------------------------------------------------

KIM = ("--title", "Lab Safety", "--name", "Kim Ng", "--email", "kng@example.edu")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Bo Park <nope>", "'nope' is not an email address"),
        ("<script>@x.com", "'<script>@x.com' is not an email address"),
        ("Bo <Park", "a name may not hold < or >"),
        ("Bo Park, bpark@", "'bpark@' is not an email address"),
    ],
)
def test_a_collaborator_option_that_is_not_name_and_email_is_refused(
    omc: Invoke, office: Path, typed: str, said: str
) -> None:
    before = _intake_files(office)

    result = _new(omc, office, *KIM, "--collaborator", typed, "--by", "mlopez", code=1)

    assert f"collaborators: collaborator '{typed}': {said}" in result.stderr
    assert "nothing was written" in result.stderr
    assert _intake_files(office) == before


def test_a_name_after_a_collaborators_address_is_one_more_collaborator(
    omc: Invoke, office: Path
) -> None:
    typed = "Bo Park <bpark@example.edu>, Al Smith"

    result = _new(omc, office, *KIM, "--collaborator", typed, "--by", "mlopez")

    assert _load(office, result.stdout.strip())["collaborators"] == [
        {"name": "Bo Park", "email": "bpark@example.edu"},
        {"name": "Al Smith"},
    ]


def test_text_after_a_collaborators_address_is_never_dropped(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    typed = "Bo Park <bpark@example.edu> Al"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
        f"collaborators: [{typed}]\n"
    )
    before = _intake_files(office)

    option = _new(omc, office, *KIM, "--collaborator", typed, "--by", "mlopez", code=1)
    listed = _new(omc, office, "--from", str(answers), "--by", "mlopez", code=1)

    said = f"collaborator '{typed}': cannot tell who 'Al' after bpark@example.edu is"
    assert f"collaborators: {said}" in option.stderr
    assert f"{answers}:3:16: collaborators: {said}" in listed.stderr
    assert "collaborators[0]" not in listed.stderr  # each problem said once
    assert _intake_files(office) == before


def test_an_answer_file_collaborator_that_is_not_one_is_refused_at_its_line(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
        "collaborators: Bad Guy <nope>\n"
    )
    listed = tmp_path / "listed.yaml"
    listed.write_text(
        "title: Lab Safety\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
        "collaborators:\n"
        "  - Ann Lee <alee@example.edu>\n"
        "  - {name: <b>Bo</b>, email: bpark@example.edu}\n"
    )

    typed = _new(omc, office, "--from", str(answers), "--by", "mlopez", code=1)
    mapped = _new(omc, office, "--from", str(listed), "--by", "mlopez", code=1)

    assert f"{answers}:3:16: collaborators: collaborator 'Bad Guy <nope>': " in (
        typed.stderr
    )
    assert "'<b>Bo</b>': a name may not hold < or >" in mapped.stderr
    assert f"{listed}:4:3: collaborators" in mapped.stderr


def test_answer_file_collaborators_may_be_a_list_of_strings(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
        "collaborators: [Ann Lee <ALee@example.edu>, {name: Bo Park}]\n"
    )

    result = _new(omc, office, "--from", str(answers), "--by", "mlopez")

    assert _load(office, result.stdout.strip())["collaborators"] == [
        {"name": "Ann Lee", "email": "alee@example.edu"},
        {"name": "Bo Park"},
    ]


def test_a_submitted_date_after_today_is_refused(
    omc: Invoke, office: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: Lab Safety\n"
        "submitted: 2099-01-01\n"
        "contact: {name: Kim Ng, email: kng@example.edu}\n"
    )

    result = _new(omc, office, "--from", str(answers), "--by", "mlopez", code=1)

    assert (
        f"{answers}:2:12: submitted: '2099-01-01' is later than today (2026-12-04)"
    ) in result.stderr


def _typed(*answers: str) -> str:
    """Answers to every question, in order, with these for the last ones asked."""
    first = ["Lab Safety", "", "Kim Ng", "kng@example.edu", "", "", "", "", "", "", ""]
    return "\n".join([*first, *answers]) + "\n"


def test_interactive_asks_again_after_a_collaborator_it_cannot_use(
    omc: Invoke, office: Path
) -> None:
    typed = _typed("", "", "", "", "Bad Guy <nope>", "Bo Park <bpark@example.edu>")

    result = _new(omc, office, "--interactive", "--by", "mlopez", input=typed)

    assert "'nope' is not an email address; write Name <email>; please answer" in (
        result.stderr
    )
    assert result.stderr.count("Collaborators as Name <email>") == 2
    assert _load(office, result.stdout.strip())["collaborators"] == [
        {"name": "Bo Park", "email": "bpark@example.edu"}
    ]


def test_interactive_asks_again_after_text_it_cannot_place(
    omc: Invoke, office: Path
) -> None:
    typed = _typed("", "", "", "", "Bo Park <bpark@example.edu> Al", "Al Smith")

    result = _new(omc, office, "--interactive", "--by", "mlopez", input=typed)

    assert "cannot tell who 'Al' after bpark@example.edu is; write Name <email>" in (
        result.stderr
    )
    assert _load(office, result.stdout.strip())["collaborators"] == [
        {"name": "Al Smith"}
    ]


def test_interactive_hours_in_words_ask_for_a_number(omc: Invoke, office: Path) -> None:
    typed = _typed("about 15", "15", "", "", "", "")

    result = _new(omc, office, "--interactive", "--by", "mlopez", input=typed)

    assert (
        "'about 15' is not a number of hours: give a number, such as 15, "
        "or leave it empty; please answer again"
    ) in result.stderr
    assert "estimated_hours_note" not in result.stderr
    assert _load(office, result.stdout.strip())["estimated_hours"] == 15


def test_end_of_input_at_a_question_cancels_and_writes_nothing(
    omc: Invoke, office: Path
) -> None:
    before = sorted(p for p in (office / "intakes").rglob("*") if p.is_file())

    typed = "Lab Safety\n"
    result = _new(omc, office, "--interactive", "--by", "mlopez", input=typed, code=130)

    assert result.stderr.endswith("(Enter to skip): \ncancelled: nothing was written\n")
    assert "Aborted" not in result.stderr
    assert sorted(p for p in (office / "intakes").rglob("*") if p.is_file()) == before
