"""What writing a rendered site costs the file system, and nothing else.

    python -m bench.write_floor SITE DEST

Reads every file of a site `omc render site` wrote into SITE, then, timed on
its own, creates the same folders and files with the same bytes in DEST (which
must not exist). On a disk where creating a file is slow this, not rendering,
is what a site render waits for; in memory it is next to nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def contents(site: Path) -> list[tuple[str, bytes]]:
    return [
        (p.relative_to(site).as_posix(), p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    ]


def write(files: list[tuple[str, bytes]], dest: Path) -> float:
    start = time.perf_counter()
    made: set[Path] = set()
    for rel, data in files:
        target = dest / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    site, dest = Path(argv[0]), Path(argv[1])
    if dest.exists():
        print(f"error: {dest} exists; the floor writes into a new folder")
        return 2
    files = contents(site)
    if not files:
        print(f"error: {site} holds no files; render the site there first")
        return 2
    seconds = write(files, dest)
    print(f"wrote {len(files):,} files, {sum(len(d) for _, d in files):,} bytes")
    print(f"write loop: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
