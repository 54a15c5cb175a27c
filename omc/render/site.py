"""The public site: a catalogue, filter pages, one page per badge, and the
files badge platforms and search engines read.

Everything is pre-rendered, so any static host (or a folder opened in a
browser) serves it. Filtering by college, level and skill works through
pre-rendered pages; the catalogue's search box is JavaScript on top of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import store
from ..errors import InvalidData, OmcError, UsageError
from ..office import Office
from ..validate import check_file
from . import achievement as ob3
from .output import Output, badge_image
from .templating import Templates
from .views import Badge, badge, slug

Progress = Callable[[int, int], None]
LEVELS = ("foundational", "intermediate", "advanced")
STATIC = ("site.css", "search.js")
SITE_FOLDER = Path("build/site")
PREVIEW_FOLDER = Path("build/preview")


@dataclass(frozen=True)
class Facet:
    """One value of a filter (a college, a level, a skill) and its badges."""

    kind: str
    name: str
    slug: str
    badges: list[Badge]

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass
class Site:
    folder: Path
    listed: list[Badge] = field(default_factory=list)
    retired: list[Badge] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def badges(self) -> list[Badge]:
        return self.listed + self.retired


def public_badges(office: Office) -> tuple[list[Badge], list[str]]:
    """Every badge the workflow calls public, and why any record was left out."""
    flow = office.workflows["proposal"]
    public = {name for name, s in flow.statuses.items() if s.public}
    badges, warnings = [], []
    # One record at a time, keeping only its Badge: holding every record's
    # text and node tree made the garbage collector the site's main cost.
    for ref in store.scan(office, ["proposal"]):
        if ref.status not in public:
            continue
        refused = unfit(office, ref)
        if refused:
            warnings.append(refused)
            continue
        try:
            badges.append(badge(office, store.read(ref)))
        except InvalidData as exc:
            warnings.append(f"left out, unreadable: {exc}")
    badges.sort(key=lambda b: (b.title.casefold(), b.id))
    return badges, warnings


def unfit(office: Office, ref: store.Ref) -> str:
    """Why a record in a public folder may not be published, or "".

    A file moved into a public folder by hand, or edited after its approvals,
    is in that folder without having passed what the status requires: the
    same per-record checks as `omc validate` decide.
    """
    errors = [p for p in check_file(office, ref).problems if p.severity == "error"]
    if not errors:
        return ""
    first = min(errors, key=lambda p: (p.line or 0, p.col or 0, p.key, p.message))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return (
        f"left out {ref.rel}, it fails omc validate: {first}{more}; "
        f"fix it, or move it back, and render again (omc validate {ref.rel})"
    )


def explain(exc: OmcError) -> str:
    """A warning: where, what is wrong, and what to do about it."""
    return f"{exc}; {exc.hint}" if exc.hint else str(exc)


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


def top(skills: list[Facet], count: int = 12) -> list[Facet]:
    """The skills most badges teach, for the catalogue's short list."""
    ranked = sorted(skills, key=lambda f: (-len(f.badges), f.name.casefold()))
    return sorted(ranked[:count], key=lambda f: f.name.casefold())


def render_site(
    office: Office,
    folder: Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> Site:
    """Render the whole public site into `folder`."""
    out = Output(folder, office.root)
    out.claim(force)
    badges, warnings = public_badges(office)
    site = Site(folder, warnings=warnings)
    site.listed = [b for b in badges if not b.retired]
    site.retired = [b for b in badges if b.retired]
    templates = Templates(office.root)
    groups = facets(site.badges)
    jobs = _jobs(office, templates, out, site, groups)
    for done, job in enumerate(jobs, 1):
        job()
        if progress is not None:
            progress(done, len(jobs))
    out.text(
        "sitemap.xml", templates.render("sitemap.xml", **_sitemap(office, site, groups))
    )
    out.text(
        "robots.txt",
        f"User-agent: *\nAllow: /\nSitemap: {office.base_url}sitemap.xml\n",
    )
    # This folder is what gets deployed: no preview may stay in it.
    out.remove(out.previews())
    out.finish("site", replaces=("badge", "preview"))
    return site


Job = Callable[[], None]
# A preview claims no public address: search engines and link previews would
# otherwise file the unpublished page under the site's own.
PREVIEW = {"preview": True, "canonical": ""}


def _jobs(
    office: Office,
    templates: Templates,
    out: Output,
    site: Site,
    groups: dict[str, list[Facet]],
) -> list[Job]:
    pages = Pages(office, templates, out, site, groups)
    jobs: list[Job] = [pages.static, pages.catalogue, pages.skills]
    jobs += [lambda b=b: pages.badge(b) for b in site.badges]  # type: ignore[misc]
    for kind in groups.values():
        jobs += [lambda f=f: pages.facet(f) for f in kind]  # type: ignore[misc]
    return jobs


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


class Pages:
    """Renders each kind of page; shared context comes from `base`."""

    def __init__(
        self,
        office: Office,
        templates: Templates,
        out: Output,
        site: Site,
        groups: dict[str, list[Facet]],
    ) -> None:
        self.office, self.templates, self.out = office, templates, out
        self.site, self.groups = site, groups
        self.images: dict[str, bool] = {}

    def base(self, path: str, depth: int) -> dict[str, Any]:
        settings = self.office.settings["office"]
        return {
            "office": {
                "name": self.office.name,
                "institution": str(settings.get("institution") or ""),
                "about": str(settings.get("about") or ""),
                "base_url": self.office.base_url,
            },
            "language": self.office.language,
            "root": "../" * depth,
            "canonical": ob3.url(self.office, path),
            "facets": self.groups,
            "top_skills": top(self.groups.get("skill", [])),
            "image_url": "",
            "image_alt": "",
            "preview": False,
        }

    def page(self, rel: str, template: str, depth: int, **context: Any) -> None:
        url_path = rel.removesuffix("index.html")
        html = self.templates.render(template, **(self.base(url_path, depth) | context))
        self.out.text(rel, html)
        self.site.pages.append(url_path)

    def static(self) -> None:
        for name in STATIC:
            self.out.text(name, self.templates.render(name))

    def catalogue(self) -> None:
        self.page(
            "index.html",
            "catalogue.html",
            0,
            title="Micro-credentials",
            description=f"Every micro-credential of {self.office.name}.",
            badges=self.site.listed,
            retired=self.site.retired,
            facet=None,
        )

    def facet(self, facet: Facet) -> None:
        labels = {"college": "from the", "level": "at the level", "skill": "teaching"}
        title = f"Badges {labels[facet.kind]} {facet.name}"
        self.page(
            f"{facet.path}index.html",
            "catalogue.html",
            2,
            title=title,
            description=f"{len(facet.badges)} micro-credentials: {title.lower()}.",
            badges=[b for b in facet.badges if not b.retired],
            retired=[b for b in facet.badges if b.retired],
            facet=facet,
        )

    def skills(self) -> None:
        self.page(
            "skills/index.html",
            "skills.html",
            1,
            title="Skills A to Z",
            description="Every skill taught by a micro-credential, with its badges.",
        )

    def badge(self, item: Badge) -> None:
        doc = ob3.achievement(self.office, item)
        shown = self._image(item)
        if not shown:  # never point badge platforms at a file left unpublished
            doc.pop("image", None)
        self.page(
            f"{item.path}index.html",
            "badge.html",
            2,
            title=item.title,
            description=item.description,
            badge=item,
            achievement=doc,
            json_ld=ob3.json_ld(doc) if item.public else "",
            image_src=f"../../assets/{item.image}" if shown else "",
            image_url=doc["image"]["id"] if shown and item.public else "",
            image_alt=item.alt,
            **({} if item.public else PREVIEW),
        )
        if item.public:
            self.out.text(f"{item.path}achievement.json", ob3.to_json(doc))

    def _image(self, item: Badge) -> bool:
        """Check and copy each image once, however many badges share it."""
        if not item.image:
            self.site.warnings.append(f"{item.id}: no badge image")
            return False
        if item.image not in self.images:
            try:
                source = badge_image(self.office.root, item.image)
            except InvalidData as exc:
                self.site.warnings.append(f"{item.id}: {explain(exc)}")
                self.images[item.image] = False
                return False
            self.out.copy(source, f"assets/{item.image}")
            self.images[item.image] = True
        elif not self.images[item.image]:
            self.site.warnings.append(f"{item.id}: badge image {item.image} left out")
        return self.images[item.image]


def _sitemap(
    office: Office, site: Site, groups: dict[str, list[Facet]]
) -> dict[str, Any]:
    dates = {b.path: b.reviewed for b in site.badges}
    urls = [(ob3.url(office, p), dates.get(p, "")) for p in site.pages]
    return {"urls": sorted(urls)}
