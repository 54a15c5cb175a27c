"""The only module that runs git. Without git, or outside a work tree, omc
still works: moves become plain renames and nothing is committed."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import OmcError, UsageError

log = logging.getLogger(__name__)


class GitError(OmcError):
    """git refused or failed; the message carries what git said."""


@dataclass(frozen=True)
class Renamed:
    """A file git reports between two trees: added, deleted, modified or moved."""

    state: str
    old: str | None
    new: str | None


def available() -> bool:
    return shutil.which("git") is not None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    env.setdefault("GIT_TERMINAL_PROMPT", "0")
    return env


def run(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = _git(cwd, args, None)
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    done = subprocess.CompletedProcess(result.args, result.returncode, out, err)
    if check and done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {said[-1] if said else 'no message'}")
    return done


def _git(
    cwd: Path, args: tuple[str, ...], given: bytes | None
) -> subprocess.CompletedProcess[bytes]:
    # Only the subcommand is logged: messages and notes may name people.
    log.debug("git %s in %s", args[0], cwd)
    # In a session of its own, git does not get the terminal's Ctrl-C: killed
    # half way, it would leave .git/index.lock and block every later commit.
    process = subprocess.Popen(
        ["git", *args],
        cwd=cwd,
        env=_env(),
        stdin=subprocess.PIPE if given is not None else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(given)
    except KeyboardInterrupt:
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def required(folder: Path) -> Repo:
    """The repository `--commit` commits to, or why there is none."""
    if not available():
        raise UsageError(
            "--commit needs git, which is not installed (or not on PATH)",
            hint="install git, or leave out --commit",
        )
    repo = Repo.find(folder)
    if repo is None:
        raise UsageError(
            "--commit needs the data directory to be in a git repository",
            hint=f"run `git init` in {folder}, or leave out --commit",
        )
    return repo


class Repo:
    """A git work tree that holds (or is) a data directory."""

    def __init__(self, top: Path) -> None:
        self.top = top

    @classmethod
    def find(cls, folder: Path) -> Repo | None:
        if not available():
            return None
        result = run(folder, "rev-parse", "--show-toplevel", check=False)
        if result.returncode != 0:
            return None
        return cls(Path(result.stdout.strip()))

    @classmethod
    def init(cls, folder: Path) -> Repo:
        if not available():
            raise OmcError("git is not installed", hint="install git, or pass --no-git")
        run(folder, "init", "-q")
        return cls(folder.resolve())

    def branch(self) -> str:
        """The branch checked out (also before its first commit), else main."""
        result = run(self.top, "symbolic-ref", "--short", "HEAD", check=False)
        return result.stdout.strip() or "main"

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def tracked(self, path: Path) -> bool:
        result = run(
            self.top, "ls-files", "--error-unmatch", "--", self.rel(path), check=False
        )
        return result.returncode == 0

    def move(self, old: Path, new: Path) -> None:
        """`git mv` for tracked files, so `git log --follow` keeps the story."""
        if self.tracked(old):
            run(self.top, "mv", "--", self.rel(old), self.rel(new))
        else:
            os.rename(old, new)

    def stage(self, paths: list[Path]) -> None:
        """`git add` those of `paths` that git already tracks."""
        rels = [self.rel(p) for p in paths if p.exists()]
        if not rels:
            return
        out = run(self.top, "ls-files", "--", *rels).stdout
        tracked = [line for line in out.splitlines() if line]
        if tracked:
            run(self.top, "add", "--", *tracked)

    def commit(self, records: list[Path], message: str) -> str:
        """Commit these record files, wherever each one was before.

        A record's file may have moved through several status folders since
        the last commit (moves without --commit), so each is named by a glob
        over its siblings: `proposals/*/x.yaml` takes its old places'
        deletions along. Whatever else is staged stays staged.
        """
        specs = sorted({self._any_status(path) for path in records})
        run(self.top, "add", "-A", "--", *specs)
        run(self.top, "commit", "-q", "-m", message, "--only", "--", *specs)
        return run(self.top, "rev-parse", "--short", "HEAD").stdout.strip()

    def detached(self) -> bool:
        """HEAD is a commit, not a branch: what is committed there is on none."""
        return run(self.top, "symbolic-ref", "-q", "HEAD", check=False).returncode != 0

    def _any_status(self, path: Path) -> str:
        folder = self.rel(path.parent.parent)
        pattern = f"*/{path.name}" if folder == "." else f"{folder}/*/{path.name}"
        return f":(glob){_glob_escape(pattern)}"

    def has_commit(self, ref: str) -> bool:
        result = run(
            self.top,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{ref}^{{commit}}",
            check=False,
        )
        return result.returncode == 0

    def show(self, ref: str, rel: str) -> str | None:
        return self.show_many(ref, [rel])[rel]

    def show_many(self, ref: str, rels: list[str]) -> dict[str, str | None]:
        """Each file as it is at `ref` (None where it is not there), from one
        `git cat-file --batch` rather than a git process per file."""
        found: dict[str, str | None] = {rel: None for rel in rels}
        asked = [rel for rel in found if "\n" not in rel and "\r" not in rel]
        if not asked:
            return found
        given = "".join(f"{ref}:{rel}\n" for rel in asked).encode("utf-8")
        result = _git(self.top, ("cat-file", "--batch"), given)
        if result.returncode != 0:
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git cat-file failed: {said[-1] if said else ''}")
        out, at = result.stdout, 0
        for rel in asked:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3:  # "<name> missing": not there at `ref`
                continue
            size = int(header[2])
            if header[1] == b"blob":
                found[rel] = out[at : at + size].decode("utf-8", "replace")
            at += size + 1
        return found

    def merge_base(self, ref: str) -> str | None:
        """The last commit that `ref` and HEAD share, if they share one."""
        result = run(self.top, "merge-base", ref, "HEAD", check=False)
        found = result.stdout.strip()
        return found if result.returncode == 0 and found else None

    def changes(self, ref: str, under: str = "") -> list[Renamed]:
        """What differs between `ref` and the work tree, untracked files included."""
        if not self.has_commit(ref):
            raise UsageError(
                f"'{ref}' is not a commit in {self.top}",
                hint="fetch it first (in CI: check out with fetch-depth: 0)",
            )
        spec = ["--", under] if under else []
        # -z: names exactly as on disk; otherwise git quotes any with accents.
        out = run(self.top, "diff", "-z", "--name-status", "-M50%", ref, *spec)
        changed = _parse_z(out.stdout)
        extra = run(
            self.top, "ls-files", "-z", "--others", "--exclude-standard", *spec
        ).stdout
        changed += [Renamed("A", None, name) for name in extra.split("\0") if name]
        return changed

    def versions(self, rel: str, limit: int = 100) -> list[tuple[str, str, str]]:
        """(commit, date, path then) of commits that touched `rel`, newest first.

        Renames are followed, so a record's versions from earlier status folders
        are found too.
        """
        out = run(
            self.top,
            "log",
            f"-{limit}",
            "--follow",
            "--name-only",
            "--format=@%H %cI",
            "--",
            rel,
            check=False,
        ).stdout
        found: list[tuple[str, str, str]] = []
        commit = date = ""
        for line in out.splitlines():
            if line.startswith("@"):
                commit, date = line[1:].split(" ", 1)
            elif line.strip() and commit:
                found.append((commit, date, line.strip()))
                commit = ""
        return found


def _parse_z(out: str) -> list[Renamed]:
    """`git diff -z --name-status`: a status, then one name (two for a rename)."""
    fields, found = out.split("\0"), []
    index = 0
    while index < len(fields) and fields[index]:
        count = 3 if fields[index][0] in ("R", "C") else 2
        found.append(_parse_status("\t".join(fields[index : index + count])))
        index += count
    return found


def _glob_escape(pattern: str) -> str:
    """A file name with glob characters of its own, taken literally."""
    head, _, name = pattern.rpartition("*/")
    special = str.maketrans({c: f"[{c}]" for c in "[]?"})
    return f"{head.translate(special)}*/{name.translate(special)}"


def _parse_status(line: str) -> Renamed:
    parts = line.split("\t")
    state = parts[0][0]
    if state in ("R", "C"):
        return Renamed(state, parts[1], parts[2])
    if state == "D":
        return Renamed(state, parts[1], None)
    return Renamed(state, parts[1] if state != "A" else None, parts[1])
