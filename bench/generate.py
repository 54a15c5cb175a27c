"""Make a realistic data directory of N records for the benchmark.

    python -m bench.generate bench/out/data-1000 --records 1000 --seed 1

The office is the sample one (data/omc.yaml and its badge images); records
are split between intakes and proposals across every status, and a few per
cent carry one planted problem each. `planted.json` in the directory lists
them: the file, the key path and what was done, which is exactly what
`omc validate` must report and nothing more.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from omc.office import FOLDERS, open_office

from .emit import dump
from .proposals import proposal
from .records import Cast, Clock, Data, Maker, intake, link

SAMPLE = Path(__file__).resolve().parent.parent / "data"
MANIFEST = "planted.json"
LENIENT = ("draft", "returned", "withdrawn")

INTAKE_MIX = {
    "received": 6,
    "assigned": 5,
    "consultation-scheduled": 5,
    "consulted": 4,
    "declined": 4,
    "withdrawn": 3,
}
PROPOSAL_MIX = {
    "draft": 12,
    "submitted": 5,
    "unit-review": 5,
    "college-review": 4,
    "dasa-review": 4,
    "approved": 4,
    "published": 20,
    "retired": 5,
    "returned": 4,
    "rejected": 3,
    "withdrawn": 3,
}

# (intake status, proposal status): a lone record has None on one side.
Story = tuple[str | None, str | None]


@dataclass(frozen=True)
class Planted:
    """One problem put in a record on purpose, where validate must find it."""

    rel: str
    key: str
    what: str


def generate(
    root: Path,
    records: int,
    *,
    invalid_percent: float = 3.0,
    seed: int = 1,
    published_only: bool = False,
) -> list[Planted]:
    """Write the office and `records` records under `root`; return the plants."""
    rng = random.Random(seed)
    cast = _office(root)
    maker = Maker(rng, cast)
    stories = _plan(rng, records, published_only)
    spoiled = set(rng.sample(range(records), round(records * invalid_percent / 100)))
    planted: list[Planted] = []
    count = 0
    for story in stories:
        for kind, status, data, spoil in _tell(maker, story, count, spoiled):
            rel = _write(root, kind, status, data)
            if spoil is not None:
                planted.append(Planted(rel, spoil.key, spoil.what))
            count += 1
    (root / MANIFEST).write_text(
        json.dumps([asdict(p) for p in planted], indent=1) + "\n", encoding="utf-8"
    )
    return planted


def _office(root: Path) -> Cast:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE / "omc.yaml", root / "omc.yaml")
    shutil.copytree(SAMPLE / "assets", root / "assets", dirs_exist_ok=True)
    images = sorted(
        p.relative_to(root / "assets").as_posix()
        for p in (root / "assets").rglob("*.svg")
    )
    return Cast.of(open_office(root), images)


def _plan(rng: random.Random, records: int, published_only: bool) -> list[Story]:
    stories: list[Story] = []
    left = records
    while left > 0:
        roll = rng.random()
        if published_only:
            story: Story = (None, "published")
        elif roll < 0.40:
            story = (_pick(rng, INTAKE_MIX), None)
        elif roll < 0.75 or left == 1:
            story = (None, _pick(rng, PROPOSAL_MIX))
        else:
            story = ("converted", _pick(rng, PROPOSAL_MIX))
        stories.append(story)
        left -= sum(side is not None for side in story)
    return stories


def _pick(rng: random.Random, mix: dict[str, int]) -> str:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


@dataclass
class Spoiler:
    """Plants one problem of kind `what` in a record and remembers the key."""

    kind: str
    what: str
    key: str = ""

    def __call__(self, data: Data) -> None:
        self.key = PLANTS[self.what](self.kind, data)


def _missing_key(kind: str, data: Data) -> str:
    key = "submitted" if kind == "intake" else "criteria"
    del data[key]
    return key


def _bad_email(kind: str, data: Data) -> str:
    box = "contact" if kind == "intake" else "lead"
    data[box]["email"] = data[box]["email"].replace("@", " at ")
    return f"{box}.email"


def _title_too_long(kind: str, data: Data) -> str:
    # Who fills in a form pastes the summary into the title; a proposal's
    # author writes a subtitle.
    if kind == "intake":
        data["title"] += ": " + data["summary"]
    words = " and Its Applications in Regional Industry and Public Service"
    while len(data["title"]) <= (200 if kind == "intake" else 60):
        data["title"] += words
    return "title"


def _wrong_type(kind: str, data: Data) -> str:
    key = "estimated_hours" if kind == "intake" else "workload_hours"
    data[key] = f"about {data[key]} hours"
    return key


PLANTS: dict[str, Callable[[str, Data], str]] = {
    "missing-key": _missing_key,
    "bad-email": _bad_email,
    "title-too-long": _title_too_long,
    "wrong-type": _wrong_type,
}


def _spoiler(kind: str, status: str, count: int) -> Spoiler:
    """Each kind of problem in turn, among those the record's schema catches."""
    whats = list(PLANTS)
    if kind == "proposal" and status in LENIENT:
        whats = ["bad-email", "wrong-type"]  # a draft may lack keys, have any title
    return Spoiler(kind, whats[count % len(whats)])


Told = tuple[str, str, Data, Spoiler | None]


def _tell(maker: Maker, story: Story, count: int, spoiled: set[int]) -> list[Told]:
    """The one or two records of a story, spoiled where the plan says."""
    intake_status, proposal_status = story
    clock = Clock(maker.rng)
    told: list[Told] = []
    first = None
    if intake_status is not None:
        spoil = _spoiler("intake", intake_status, count) if count in spoiled else None
        first = intake(maker, intake_status, clock)
        if spoil is not None:
            spoil(first)
        told.append(("intake", intake_status, first, spoil))
        count += 1
    if proposal_status is not None:
        spoil = (
            _spoiler("proposal", proposal_status, count) if count in spoiled else None
        )
        link_to = None if first is None else str(first["id"])
        second = proposal(maker, proposal_status, clock, link_to, spoil)
        if first is not None:
            link(first, second["id"])
        told.append(("proposal", proposal_status, second, spoil))
    return told


def _write(root: Path, kind: str, status: str, data: Data) -> str:
    rel = f"{FOLDERS[kind]}/{status}/{data['id']}.yaml"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return rel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__
    )
    parser.add_argument("dir", type=Path, help="the data directory to create")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--invalid-percent", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--published-only", action="store_true", help="every record a published badge"
    )
    args = parser.parse_args(argv)
    if args.dir.exists() and any(args.dir.iterdir()):
        parser.error(f"{args.dir} exists and is not empty")
    planted = generate(
        args.dir,
        args.records,
        invalid_percent=args.invalid_percent,
        seed=args.seed,
        published_only=args.published_only,
    )
    print(f"wrote {args.records} records to {args.dir}, {len(planted)} with a problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
