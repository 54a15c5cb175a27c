"""Reporters: a validation `Report` shown as text, JSON or GitHub annotations.

The JSON shape is stable (its `version` changes if a key ever does):

    {"version": 1, "ok": false, "checked": 12, "errors": 2, "warnings": 0,
     "problems": [{"path": "proposals/draft/x.yaml", "line": 12, "col": 5,
                   "key": "competencies[0].outcome", "message": "required",
                   "hint": "", "code": "schema", "severity": "error"}]}

`path` is relative to the data directory; `line` and `col` start at 1 and are
null when a problem concerns a whole file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .problems import Problem
from .validate import Report

JSON_VERSION = 1


def text_lines(report: Report, prefix: str = "") -> Iterator[str]:
    for problem in report.problems:
        shown = f"{prefix}{problem}"
        yield shown if problem.severity == "error" else f"{shown} [warning]"


def text_summary(report: Report) -> str:
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    files = f"{report.checked} file{'s' * (report.checked != 1)}"
    if report.ok:
        extra = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
        return f"checked {files}: all valid{extra}"
    return f"checked {files}: {errors} error{'s' * (errors != 1)} in {report.files_with_errors()} file{'s' * (report.files_with_errors() != 1)}"


def as_json(report: Report) -> str:
    document = {
        "version": JSON_VERSION,
        "ok": report.ok,
        "checked": report.checked,
        "errors": len(report.errors),
        "warnings": len(report.problems) - len(report.errors),
        "problems": [p.as_dict() for p in report.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(report: Report, prefix: str = "") -> Iterator[str]:
    """GitHub Actions workflow commands, one per problem."""
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
    """A Markdown table of every problem, for $GITHUB_STEP_SUMMARY."""
    lines = ["## omc validate", "", text_summary(report), ""]
    if report.problems:
        lines += ["| file | line | key | problem | what to do |", "|---|---|---|---|---|"]
        lines += [_row(p, prefix) for p in report.problems]
    return "\n".join(lines) + "\n"


def _row(problem: Problem, prefix: str) -> str:
    cells = [f"`{prefix}{problem.path}`", str(problem.line or ""), f"`{problem.key}`" if problem.key else "", problem.message, problem.hint]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
