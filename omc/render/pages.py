"""The pages of the public site: each kind of page, its shared context, and
the badge images it publishes.

`site.py` decides what is published; this module only renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidData, OmcError
from ..office import Office
from . import achievement as ob3
from .images import badge_image
from .output import Output
from .templating import Templates
from .views import Badge

STATIC = ("site.css", "search.js")


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


def explain(exc: OmcError) -> str:
    """A warning: where, what is wrong, and what to do about it."""
    return f"{exc}; {exc.hint}" if exc.hint else str(exc)


def top(skills: list[Facet], count: int = 12) -> list[Facet]:
    """The skills most badges teach, for the catalogue's short list."""
    ranked = sorted(skills, key=lambda f: (-len(f.badges), f.name.casefold()))
    return sorted(ranked[:count], key=lambda f: f.name.casefold())


# A preview claims no public address: search engines and link previews would
# otherwise file the unpublished page under the site's own.
PREVIEW = {"preview": True, "canonical": ""}


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
        self.shown: dict[str, bool] = {}

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

    def publish_images(self, badges: list[Badge]) -> None:
        """Check and copy the badges' images before their pages are rendered."""
        for item in badges:
            self.shown[item.id] = self._image(item)

    def badge(self, item: Badge) -> None:
        doc = ob3.achievement(self.office, item)
        shown = self.shown[item.id] if item.id in self.shown else self._image(item)
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
