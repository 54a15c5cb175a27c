"""What a review decision is about: the content hash, and which approvals count.

A decision carries the sha256 of the proposal's content as the person saw it.
Content is everything in the record but its decisions, history and status; so
if a single word changes after an approval, that approval stops counting.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InvalidData, Where
from .workflow import Workflow

NOT_CONTENT = ("decisions", "history", "status")


def content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in NOT_CONTENT}


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(
        content(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StageState:
    """Where one review stage stands for a proposal."""

    stage: str
    role: str
    approval: dict[str, Any] | None
    stale: dict[str, Any] | None

    @property
    def counts(self) -> bool:
        return self.approval is not None


def stages(flow: Workflow, data: dict[str, Any], digest: str = "") -> list[StageState]:
    """Each review stage with its current approval, or its voided one."""
    digest = digest or content_hash(data)
    decisions = [d for d in data.get("decisions") or [] if isinstance(d, dict)]
    out = []
    for status in flow.review_stages():
        assert status.review is not None
        approved = [
            d
            for d in decisions
            if d.get("stage") == status.name and d.get("decision") == "approved"
        ]
        current = [d for d in approved if d.get("sha256") == digest]
        stale = [d for d in approved if d.get("sha256") != digest]
        out.append(
            StageState(
                status.name,
                status.review.role,
                current[-1] if current else None,
                stale[-1] if stale else None,
            )
        )
    return out


def missing_approvals(
    flow: Workflow, data: dict[str, Any], digest: str = ""
) -> list[str]:
    """One sentence per review stage that lacks an approval of this content."""
    problems = []
    for state in stages(flow, data, digest):
        if state.counts:
            continue
        if state.stale:
            who, when = state.stale.get("by"), str(state.stale.get("at", ""))[:10]
            problems.append(
                f"{state.stage}: the approval by {who} on {when} was for other "
                "content; "
                f"the proposal changed since, so the {state.role} must approve it again"
            )
        else:
            problems.append(f"{state.stage}: no approval yet from the {state.role}")
    return problems


def badge_problems(root: Path, data: dict[str, Any]) -> list[str]:
    badge = data.get("badge") or {}
    problems = []
    image = badge.get("image")
    if not image:
        problems.append("badge.image is not set")
    else:
        problems += _image_problems(root, str(image))
    if not str(badge.get("alt", "")).strip():
        problems.append("badge.alt: the image needs alt text describing it")
    return problems


def _image_problems(root: Path, image: str) -> list[str]:
    """Where the image is not: outside assets/, missing, a folder, a link out."""
    from .render.images import locate

    try:
        locate(root, image, Where(f"assets/{image}"))
    except InvalidData as exc:
        if exc.where is None:  # the name itself leads out of assets/
            return [f"badge.image: {exc.message.removeprefix('badge.image ')}"]
        verb = "" if exc.message.startswith("does not") else "is "
        return [f"badge.image: assets/{image} {verb}{exc.message}"]
    return []


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Top-level content keys whose values differ between two versions."""
    a, b = content(before), content(after)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
