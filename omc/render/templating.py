"""Finding and running the Jinja templates: the package's, or an office's own.

An office overrides any template by putting one of the same name in the
`templates/` folder of its data directory. Such templates are written by
whoever edits the data repository, so once an office has any, every template
runs in Jinja's immutable sandbox. In both cases an undefined variable is an
error naming the template and line, never a silent blank.
"""

from __future__ import annotations

import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..errors import InvalidData, NotFound, OmcError, Refused, Where
from . import markdown
from .views import quantity, slug, web_url

OFFICE_FOLDER = "templates"


def package_templates() -> Path:
    """The templates shipped with omc.

    An installed wheel holds them in omc/templates; a source checkout (and an
    editable install) keeps them at the top of the repository.
    """
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "templates", package.parent / "templates"):
        if (folder / "base.html").is_file():
            return folder
    raise OmcError(
        "omc's templates are missing from its installation",
        hint="reinstall omc (pip install --force-reinstall omc)",
    )


def office_templates(root: Path) -> Path | None:
    folder = root / OFFICE_FOLDER
    if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
        return folder
    return None


class Templates:
    """Render templates by name, the office's own first."""

    def __init__(self, office_root: Path | None = None) -> None:
        self.folders = [package_templates()]
        self.office_root = office_root
        override = office_templates(office_root) if office_root else None
        if override is not None:
            self.folders.insert(0, override)
        self.sandboxed = override is not None
        self.env = _environment(tuple(str(f) for f in self.folders), self.sandboxed)

    def render(self, name: str, **context: Any) -> str:
        try:
            template = self.env.get_template(name)
            return template.render(**context)
        except jinja2.TemplateNotFound as exc:
            raise NotFound(
                f"no template called '{exc.name}'",
                hint="templates are looked up in "
                + " and ".join(str(f) for f in self.folders),
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            where = Where(self._place(exc.filename or exc.name or name), exc.lineno)
            raise InvalidData(f"template syntax: {exc.message}", where=where) from None
        except SecurityError as exc:
            raise Refused(
                f"template refused by the sandbox: {exc}", where=self._where(exc, name)
            ) from None
        except jinja2.UndefinedError as exc:
            raise InvalidData(
                f"template uses something undefined: {exc.message}",
                hint="check the spelling against the variables listed in the "
                "template's header comment; a badge's fields are those of Badge in "
                "omc/render/views.py",
                where=self._where(exc, name),
            ) from None
        except (jinja2.TemplateError, TypeError, ValueError) as exc:
            raise InvalidData(
                f"template failed: {exc}", where=self._where(exc, name)
            ) from None

    def _where(self, exc: BaseException, name: str) -> Where:
        """The innermost template line in the traceback Jinja rewrote for us."""
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if any(frame.filename.startswith(f) for f in map(str, self.folders)):
                return Where(self._place(frame.filename), frame.lineno)
        return Where(name)

    def _place(self, filename: str) -> str:
        path = Path(filename)
        if self.office_root is not None and path.is_relative_to(self.office_root):
            return path.relative_to(self.office_root).as_posix()
        if path.is_absolute():
            return f"omc/templates/{path.name}"
        return filename


@cache
def _environment(folders: tuple[str, ...], sandboxed: bool) -> jinja2.Environment:
    kind = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = kind(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown.to_html
    env.filters["slug"] = slug
    env.filters["web_url"] = web_url
    env.filters["quantity"] = quantity
    env.filters["md"] = markdown.escape
    env.filters["md_cell"] = markdown.cell
    env.filters["md_quote"] = markdown.quote
    env.filters["md_link"] = markdown.link
    env.filters["md_fence"] = markdown.fence
    env.globals["md_link"] = markdown.link
    return env


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """In Markdown templates every value is escaped unless already marked safe."""
    if value is None:
        return ""
    name = context.name or ""
    if name.endswith(".md") and not isinstance(value, Markup):
        return markdown.escape(value)
    return value
