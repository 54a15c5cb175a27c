"""Records for tests, built in code so that a test states what it relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from omc import yamlio
from omc.office import FOLDERS

UNIT = "School of Computing and Information Sciences"
COLLEGE = "College of Engineering and Computing"


def proposal(record_id: str = "data-viz-k3f9", **changes: Any) -> dict[str, Any]:
    """A proposal complete enough for every status, in the sample office's units."""
    data: dict[str, Any] = {
        "id": record_id,
        "revision": 1,
        "title": "Applied Data Visualization",
        "description": "Learners turn messy data into honest, readable charts.",
        "lead": {
            "name": "Maria Fernandez",
            "email": "mfernandez@example.edu",
            "unit": UNIT,
            "college": COLLEGE,
        },
        "unit": UNIT,
        "college": COLLEGE,
        "credit_type": "non-credit",
        "level": "intermediate",
        "achievement_type": "MicroCredential",
        "workload_hours": 20,
        "modality": "online",
        "audience": ["Undergraduate students", "Alumni"],
        "competencies": [
            {
                "name": "Clean data",
                "outcome": "Prepares a messy data set for charting.",
                "assessment": "Notebook project",
                "rubric": "Four-level rubric",
                "minimum": "Level 3",
            },
            {
                "name": "Choose charts",
                "outcome": "Picks a chart that fits the question.",
                "assessment": "Critique exercise",
                "rubric": "Checklist",
                "minimum": "8 of 10",
            },
            {
                "name": "Tell the story",
                "outcome": "Explains a chart to a lay audience.",
                "assessment": "Recorded talk",
                "rubric": "Presentation rubric",
                "minimum": "Proficient",
            },
        ],
        "skills": ["Python", "Data visualization", "Data cleaning"],
        "alignments": [
            {
                "framework": "O*NET-SOC",
                "code": "15-2051.00",
                "name": "Data Scientists",
                "url": "https://www.onetonline.org/link/summary/15-2051.00",
            }
        ],
        "criteria": "Complete the three assessments at the minimum level.",
        "badge": {
            "image": "badges/data-viz.svg",
            "alt": "A blue hexagon with a rising bar chart.",
        },
        "history": [
            {"at": "2026-10-01T12:00:00Z", "from": None, "to": "draft", "by": "mlopez"}
        ],
    }
    data.update(changes)
    return data


def intake(
    record_id: str = "telehealth-communication-m4n5", **changes: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": record_id,
        "title": "Telehealth Patient Communication",
        "summary": "Clinical communication skills for video visits.",
        "submitted": "2026-11-06",
        "contact": {
            "name": "Aisha Thompson",
            "email": "athompson@example.edu",
            "unit": "Department of Nursing",
            "college": "College of Nursing and Health Sciences",
        },
        "credit_type": "credit",
        "modality": "online",
        "estimated_hours": 45,
        "history": [
            {
                "at": "2026-11-06T10:41:55Z",
                "from": None,
                "to": "received",
                "by": "mlopez",
            }
        ],
    }
    data.update(changes)
    return data


def write(
    root: Path, kind: str, status: str, data: dict[str, Any], text: str | None = None
) -> Path:
    """Write a record file; `text` overrides the YAML made from `data`."""
    path = root / FOLDERS[kind] / status / f"{data['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else yamlio.dump(data), encoding="utf-8")
    return path


def badge_image(root: Path, name: str = "badges/data-viz.svg") -> Path:
    path = root / "assets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>t</title></svg>\n'
    )
    return path
