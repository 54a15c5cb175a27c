"""The floor of `omc render site`: the badge template rendered once per badge.

    python -m bench.site_floor DIR

One process: the published proposals read with libyaml's C loader, turned
into the view omc's templates get (omc.render.views.badge), then badge.html
rendered once per badge with the context `omc render site` gives it. Nothing
is written, and there is no catalogue, no filter pages, no OB 3.0 files. It
prints the time of the render loop alone on its last line, for the record.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .floor import Loader


@dataclass
class Record:
    """What omc.render.views.badge reads of a record."""

    id: str
    status: str
    data: dict[str, Any]


def contexts(root: Path) -> list[dict[str, Any]]:
    from omc.office import open_office
    from omc.render import achievement as ob3
    from omc.render.site import Pages, facets
    from omc.render.views import badge

    office = open_office(root)
    records = [
        Record(p.stem, "published", yaml.load(p.read_bytes(), Loader=Loader))
        for p in sorted((root / "proposals" / "published").glob("*.yaml"))
    ]
    badges = [badge(office, r) for r in records]  # type: ignore[arg-type]
    pages = Pages(office, None, None, None, facets(badges))  # type: ignore[arg-type]
    found = []
    for item in badges:
        doc = ob3.achievement(office, item)
        found.append(
            pages.base(item.path, 2)
            | {
                "title": item.title,
                "description": item.description,
                "badge": item,
                "achievement": doc,
                "json_ld": ob3.json_ld(doc),
                "image_src": f"../../assets/{item.image}",
                "image_url": doc["image"]["id"],
                "image_alt": item.alt,
            }
        )
    return found


def render(root: Path) -> tuple[int, float]:
    from omc.render.templating import Templates

    templates = Templates(root)
    found = contexts(root)
    start = time.perf_counter()
    size = sum(len(templates.render("badge.html", **c)) for c in found)
    return size, time.perf_counter() - start


def main(argv: list[str]) -> int:
    size, seconds = render(Path(argv[0]))
    print(f"rendered {size:,} characters of badge pages")
    print(f"render loop: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
