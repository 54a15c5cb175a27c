"""Reporters: a validation `Report` shown as text, JSON or GitHub annotations.

The JSON shape is stable; `version` changes if a key ever changes meaning:

    {"version": 1, "ok": false, "since": null, "checked": 12,
     "errors": 1, "warnings": 0,
     "problems": [{"path": "proposals/draft/x.yaml", "line": 12, "col": 5,
                   "key": "competencies[0].outcome", "message": "required",
                   "hint": "", "code": "schema", "severity": "error"}]}

`path` is relative to the data directory; `line` and `col` start at 1 and are
null when a problem concerns a whole file. Reporters take a `prefix` to put
before paths: the data directory as seen from where the user (or GitHub)
resolves them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .errors import OmcError
from .problems import Problem
from .validate import Report

JSON_VERSION = 1


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def text_lines(report: Report, prefix: str = "") -> Iterator[str]:
    for problem in report.problems:
        shown = f"{prefix}{problem}"
        yield shown if problem.severity == "error" else f"{shown} [warning]"


def text_summary(report: Report) -> str:
    if report.since:
        changed = _count(report.records, "record")
        head = f"checked {changed} changed since {report.since}, and omc.yaml"
    else:
        head = f"checked {_count(report.checked, 'file')}"
    warnings = len(report.warnings)
    if report.ok:
        extra = f", {_count(warnings, 'warning')}" if warnings else ""
        return f"{head}: all valid{extra}"
    errors = _count(len(report.errors), "error")
    files = _count(report.files_with_errors(), "file")
    extra = f" and {_count(warnings, 'warning')}" if warnings else ""
    return f"{head}: {errors} in {files}{extra}"


def as_dict(report: Report) -> dict[str, object]:
    return {
        "version": JSON_VERSION,
        "ok": report.ok,
        "since": report.since,
        "checked": report.checked,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [p.as_dict() for p in report.problems],
    }


def as_json(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False)


def failure_json(error: OmcError, since: str | None) -> str:
    """The document of a check that could not run: no problems, and why."""
    document = as_dict(Report(since=since)) | {"ok": False}
    document["error"] = {
        "message": str(error),
        "hint": error.hint,
        "exit_code": error.exit_code,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(report: Report, prefix: str = "") -> Iterator[str]:
    """GitHub Actions workflow commands, one per problem.

    `prefix` makes paths relative to the repository root, which is where
    GitHub looks for the file an annotation belongs to.
    """
    for problem in report.problems:
        level = "error" if problem.severity == "error" else "warning"
        props = [f"file={_escape_property(prefix + problem.path)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
        props.append(f"title={_escape_property('omc ' + problem.code)}")
        body = f"{problem.key}: {problem.message}" if problem.key else problem.message
        if problem.hint:
            body += f" ({problem.hint})"
        yield f"::{level} {','.join(props)}::{_escape_data(body)}"


def markdown_summary(report: Report, prefix: str = "") -> str:
    """A Markdown table of every problem, for $GITHUB_STEP_SUMMARY.

    GitHub shows only the first few annotations of a step; this shows all.
    """
    lines = ["## omc validate", "", _cell(text_summary(report)), ""]
    if report.problems:
        lines += [
            "| | file | line | key | problem | what to do |",
            "|---|---|---|---|---|---|",
        ]
        lines += [_row(p, prefix) for p in report.problems]
    return "\n".join(lines) + "\n"


def _row(problem: Problem, prefix: str) -> str:
    place = f"{problem.line}:{problem.col}" if problem.line is not None else ""
    cells = [
        "error" if problem.severity == "error" else "warning",
        _code(prefix + problem.path),
        place,
        _code(problem.key) if problem.key else "",
        _cell(problem.message),
        _cell(problem.hint),
    ]
    return "| " + " | ".join(cells) + " |"


def _code(text: str) -> str:
    """Inline code in a cell: GitHub renders nothing inside it but `\\|`."""
    text = " ".join(text.split()).replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _cell(text: str) -> str:
    """Text safe inside a table cell: no line breaks, pipes and HTML escaped."""
    text = " ".join(text.split())
    for char, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, escaped)
    return text.replace("|", "\\|")
