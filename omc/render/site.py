"""The public site: a catalogue, filter pages, one page per badge, and the
files badge platforms and search engines read.

Everything is pre-rendered, so any static host (or a folder opened in a
browser) serves it. Filtering by college, level and skill works through
pre-rendered pages; the catalogue's search box is JavaScript on top of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import parallel, store
from ..errors import InvalidData, UsageError
from ..office import Office
from ..validate import check_record
from . import achievement as ob3
from .output import Output
from .pages import Facet, Pages, Site
from .templating import Templates
from .views import Badge, badge, slug

Progress = Callable[[int, int], None]
LEVELS = ("foundational", "intermediate", "advanced")
SITE_FOLDER = Path("build/site")
PREVIEW_FOLDER = Path("build/preview")


def public_badges(office: Office, jobs: int = 1) -> tuple[list[Badge], list[str]]:
    """Every badge the workflow calls public, and why any record was left out."""
    flow = office.workflows["proposal"]
    public = {name for name, s in flow.statuses.items() if s.public}
    refs = [r for r in store.scan(office, ["proposal"]) if r.status in public]
    if parallel.worth_it(jobs, len(refs)):
        found = parallel.ordered_map(_weigh_shared, refs, jobs, {"office": office})
    else:
        found = [weigh(office, ref) for ref in refs]
    badges = [item for item in found if isinstance(item, Badge)]
    warnings = [item for item in found if isinstance(item, str)]
    badges.sort(key=lambda b: (b.title.casefold(), b.id))
    return badges, warnings


def weigh(office: Office, ref: store.Ref) -> Badge | str:
    """The badge of a record in a public folder, or why it is left out.

    One record at a time, keeping only its Badge: holding every record's
    text and node tree made the garbage collector the site's main cost.
    """
    try:
        record = store.read(ref)
    except InvalidData as exc:
        return f"left out, unreadable: {exc}"
    return unfit(office, record) or badge(office, record)


def _weigh_shared(shared: dict[str, Office], ref: store.Ref) -> Badge | str:
    return weigh(shared["office"], ref)


def unfit(office: Office, record: store.Record) -> str:
    """Why a record in a public folder may not be published, or "".

    A file moved into a public folder by hand, or edited after its approvals,
    is in that folder without having passed what the status requires: the
    same per-record checks as `omc validate` decide.
    """
    ref = record.ref
    errors = [p for p in check_record(office, record) if p.severity == "error"]
    if not errors:
        return ""
    first = min(errors, key=lambda p: (p.line or 0, p.col or 0, p.key, p.message))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return (
        f"left out {ref.rel}, it fails omc validate: {first}{more}; "
        f"fix it, or move it back, and render again (omc validate {ref.rel})"
    )


def facets(badges: list[Badge]) -> dict[str, list[Facet]]:
    def group(kind: str, names: list[tuple[str, Badge]]) -> list[Facet]:
        found: dict[str, tuple[str, dict[str, Badge]]] = {}
        for name, item in names:
            found.setdefault(slug(name), (name, {}))[1].setdefault(item.id, item)
        return [Facet(kind, n, s, list(b.values())) for s, (n, b) in found.items()]

    colleges = group("college", [(b.college, b) for b in badges if b.college])
    levels = group("level", [(b.level, b) for b in badges if b.level])
    skills = group("skill", [(s, b) for b in badges for s in b.skills])
    rank = {name: i for i, name in enumerate(LEVELS)}
    return {
        "college": sorted(colleges, key=lambda f: f.name.casefold()),
        "level": sorted(levels, key=lambda f: (rank.get(f.name, 99), f.name)),
        "skill": sorted(skills, key=lambda f: f.name.casefold()),
    }


def render_site(
    office: Office,
    folder: Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
    jobs: int = 1,
) -> Site:
    """Render the whole public site into `folder`, on `jobs` processes.

    The files and warnings are the same whatever `jobs` is.
    """
    out = Output(folder, office.root)
    out.claim(force)
    badges, warnings = public_badges(office, jobs)
    site = Site(folder, warnings=warnings)
    site.listed = [b for b in badges if not b.retired]
    site.retired = [b for b in badges if b.retired]
    templates = Templates(office.root)
    groups = facets(site.badges)
    pages = Pages(office, templates, out, site, groups)
    # Images first, in badge order, so their warnings come in one order.
    pages.publish_images(site.badges)
    count = _Count(progress, len(site.badges) + sum(map(len, groups.values())) + 3)
    pages.static()
    pages.catalogue()
    pages.skills()
    count.add(3)
    _badge_pages(pages, jobs, count)
    for kind in groups.values():
        for facet in kind:
            pages.facet(facet)
            count.add(1)
    out.text(
        "sitemap.xml", templates.render("sitemap.xml", **_sitemap(office, site, groups))
    )
    out.text(
        "robots.txt",
        f"User-agent: *\nAllow: /\nSitemap: {office.base_url}sitemap.xml\n",
    )
    # This folder is what gets deployed: no preview may stay in it, nor a
    # packet that an omc of before the manifest's families wrote here.
    out.remove(out.previews())
    if packets := out.packets():
        out.remove(packets)
        site.warnings.append(
            f"removed review packets from {folder}, which is published: "
            + ", ".join(packets)
        )
    out.finish("site", replaces=("badge", "preview"))
    return site


class _Count:
    """Pages done out of the whole render, for a progress bar."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def add(self, pages: int) -> None:
        self.done += pages
        if self.progress is not None:
            self.progress(self.done, self.total)

    def part(self) -> Progress:
        """A progress callback for a part that counts from its own zero."""
        start = self.done

        def report(done: int, _of: int) -> None:
            self.add(start + done - self.done)

        return report


def _badge_pages(pages: Pages, jobs: int, count: _Count) -> None:
    badges = pages.site.badges
    if not parallel.worth_it(jobs, len(badges)):
        for item in badges:
            pages.badge(item)
            count.add(1)
        return
    # Workers render into the same folder and say what they wrote; the parent
    # keeps it in badge order, for the manifest and the sitemap.
    shared = {"pages": pages}
    for written, urls in parallel.ordered_map(
        _badge_shared, badges, jobs, shared, count.part()
    ):
        pages.out.written += written
        pages.site.pages += urls


def _badge_shared(shared: dict[str, Pages], item: Badge) -> tuple[list[str], list[str]]:
    pages = shared["pages"]
    written, urls = len(pages.out.written), len(pages.site.pages)
    pages.badge(item)
    return pages.out.written[written:], pages.site.pages[urls:]


def render_badge(
    office: Office,
    record: store.Record,
    folder: Path | None = None,
    *,
    force: bool = False,
) -> Site:
    """One badge page and its files; a badge that is not public is a preview,
    which never goes where the site is deployed from."""
    item = badge(office, record)
    folder = folder or (SITE_FOLDER if item.public else PREVIEW_FOLDER)
    out = Output(folder, office.root)
    out.claim(force)
    if not item.public and out.holds_render("site"):
        raise UsageError(
            f"{folder} holds the public site; a preview of {item.id} never goes there",
            hint=f"leave out --out (previews go to {PREVIEW_FOLDER}) or choose "
            "another folder",
        )
    site = Site(folder, listed=[] if item.retired else [item])
    site.retired = [item] if item.retired else []
    pages = Pages(office, Templates(office.root), out, site, facets(site.badges))
    pages.static()
    pages.badge(item)
    out.remember("badge" if item.public else "preview")
    return site


def _sitemap(
    office: Office, site: Site, groups: dict[str, list[Facet]]
) -> dict[str, Any]:
    dates = {b.path: b.reviewed for b in site.badges}
    urls = [(ob3.url(office, p), dates.get(p, "")) for p in site.pages]
    return {"urls": sorted(urls)}
