"""The intake form: its questions, how its answers are read, its column map.

`Non credit` and `Non-credit` are the same answer, ` Name@Example.edu ` is an
address, `Name <email>` and `Name, email` are both a collaborator. Each reader
returns the value the record keeps or raises `InvalidData` saying what is
wrong, so prompts, answer files and CSV rows all read answers alike.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clock, schemas, yamlio
from .errors import InvalidData, UsageError
from .office import CONFIG, Office

FORM_KEYS = (
    "title",
    "summary",
    "submitted",
    "contact",
    "collaborators",
    "development_stage",
    "credit_type",
    "audience",
    "modality",
    "estimated_hours",
    "estimated_hours_note",
    "target_term",
    "industry_partners",
)
CHOICE_FIELDS = ("development_stage", "credit_type", "modality")
# Ways people word an answer that the record spells one way. Keys are folded.
SYNONYMS = {
    "credit_type": {
        "non credit": "non-credit",
        "noncredit": "non-credit",
        "not for credit": "non-credit",
        "for credit": "credit",
        "credit bearing": "credit",
        "academic credit": "credit",
    },
    "modality": {
        "in person": "in-person",
        "face to face": "in-person",
        "on campus": "in-person",
        "on line": "online",
        "fully online": "online",
        "remote": "online",
        "blended": "hybrid",
    },
    "development_stage": {"content drafted": "content-drafted", "just an idea": "idea"},
}
_EMAIL = r"[^\s<>(),;:\"'\[\]]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# An address in a collaborator entry, with the angle brackets around it if any.
_ADDRESS = re.compile(rf"<\s*({_EMAIL})\s*>|({_EMAIL})")
# What was meant as an address but is not one: `<nope>`, `bo@`, `<x>@y.com`.
_NOT_ADDRESS = re.compile(r"<([^<>]*@[^<>]*)>|([^\s,;()]*@[^\s,;()]*)|<([^<>]*)>")
_HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?\.?", re.IGNORECASE)
_NOTHING = {"none", "n/a", "na", "-", "no", "not yet", "nil"}


def fold(text: str) -> str:
    """An answer as compared: case, dashes, underscores and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[-_/.]", " ", text).split())


def choices(field: str) -> list[str]:
    schema = schemas.raw("intake")["properties"][field]
    if "$ref" in schema:
        schema = schemas.raw("defs")["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return list(schema["enum"])


def choice(field: str, text: str, answers: Mapping[str, str] | None = None) -> str:
    """The record's value for an answer to an enumerated question."""
    wanted = fold(text)
    lookup = {fold(value): value for value in choices(field)}
    lookup |= SYNONYMS.get(field, {})
    lookup |= {fold(k): v for k, v in (answers or {}).items()}
    if wanted in lookup:
        return lookup[wanted]
    raise InvalidData(
        f"'{text.strip()}' is not one of: {', '.join(choices(field))}",
        hint=f"map this wording under intake_form.answers.{field} in omc.yaml",
    )


def email(text: str) -> str:
    """An email address trimmed and lower-cased, as omc compares them."""
    value = text.strip().lower()
    if not schemas.is_email(value) or not value:
        raise InvalidData(f"'{text.strip()}' is not an email address")
    return value


def hours(text: str) -> int | float | None:
    """A number of hours, or None when the answer is words (`about 15`)."""
    found = _HOURS.fullmatch(text.strip())
    if found is None:
        return None
    number = float(found.group(1))
    if number <= 0:
        return None
    return int(number) if number.is_integer() else number


def items(text: str, separators: str = ";\n") -> list[str]:
    """A multi-select or free-text list: split, trimmed, no blanks, no repeats."""
    parts = re.split("|".join(map(re.escape, separators)), text)
    kept = [" ".join(p.split()) for p in parts]
    return list(dict.fromkeys(p for p in kept if p and p.casefold() not in _NOTHING))


def collaborators(text: str) -> list[dict[str, str]]:
    """People as typed: `Name, email`, `Name <email>`, one per line or `;`.

    An entry that does not split cleanly into names and addresses is refused
    rather than guessed at, since a guess keeps `Bo <nope` as a name or drops
    the `Al` of `Bo <bo@x.edu> Al`. A name after a comma (`Bo <bo@x.edu>, Al
    Smith`) is a collaborator without an address.
    """
    people = []
    for entry in re.split(r"[;\n]", text):
        people += _people_in(entry.strip())
    return people


def _people_in(entry: str) -> list[dict[str, str]]:
    found = list(_ADDRESS.finditer(entry))
    # The text around the addresses: before the first, between, after the last.
    cuts = [0, *(i for m in found for i in m.span()), len(entry)]
    texts = [entry[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    names = [_name(entry, text) for text in texts]
    if not found:
        return [{"name": names[0]}] if names[0] else []
    owners = _owners(found, names)
    people = []
    for index, match in enumerate(found):
        name = next((n for n, o in zip(names, owners, strict=True) if o == index), "")
        address = _address(entry, match.group(1) or match.group(2))
        people.append({"name": name or address, "email": address})
    for index, (text, name) in enumerate(zip(texts, names, strict=True)):
        if name and owners[index] is None:  # after address index - 1
            people.append(_without_address(entry, text, name, people[index - 1]))
    return people


def _owners(found: list[re.Match[str]], names: list[str]) -> list[int | None]:
    """Which address each text around them names: the one after it (`Name
    <email>`, `Name, email`), or a bare address with no name before it
    (`email (Name)`), unless the next address is `<bracketed>` and takes it."""
    owners: list[int | None] = [None] * len(names)
    for index, match in enumerate(found):
        bracketed = match.group(1) is not None
        if owners[index] is None and (bracketed or names[index]):
            owners[index] = index
        elif not (index + 1 < len(found) and found[index + 1].group(1) is not None):
            owners[index + 1] = index
    return owners


def _without_address(
    entry: str, text: str, name: str, before: dict[str, str]
) -> dict[str, str]:
    """Text after an address that is not its name: after a comma, one more
    collaborator, without an address (`Name <email>, Name`); else refused."""
    if text.lstrip().startswith(","):
        return {"name": name}
    raise _bad_person(entry, f"cannot tell who '{name}' after {before['email']} is")


def _name(entry: str, text: str) -> str:
    """The name in `text`, part of `entry`; InvalidData if it is not one."""
    if wrong := _NOT_ADDRESS.search(text):
        typed = next(g for g in wrong.groups() if g is not None).strip()
        raise _bad_person(entry, f"'{typed}' is not an email address")
    if "<" in text or ">" in text:
        raise _bad_person(entry, "a name may not hold < or >")
    name = " ".join(text.strip(" \t,;:()[]-\u2013\u2014\"'").split())
    # Punctuation alone (`Bo <bo@x.com>.`) names nobody.
    return name if any(c.isalnum() for c in name) else ""


def _address(entry: str, text: str) -> str:
    try:
        return email(text)
    except InvalidData as exc:
        raise _bad_person(entry, exc.message) from None


def _bad_person(entry: str, why: str) -> InvalidData:
    return InvalidData(f"collaborator '{entry}': {why}; write Name <email>")


def fingerprint(address: str, title: str) -> str:
    """Who asked for what: the same person's same idea has the same print."""
    key = f"{address.strip().casefold()}\n{fold(title)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def collaborators_given(given: str | list[Any]) -> list[Any]:
    """Collaborators typed in one string, or a list of strings and mappings."""
    if isinstance(given, str):
        return collaborators(given)
    people: list[Any] = []
    for item in given:
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(item, str):
            people += collaborators(item)
        elif isinstance(name, str) and ("<" in name or ">" in name):
            raise _bad_person(name, "a name may not hold < or >")
        else:
            people.append(item)
    return people


def not_future(text: str, typed: str = "") -> str:
    """A submission date, which cannot be later than today."""
    today = clock.today().isoformat()
    if schemas.is_date(text) and text > today:
        raise InvalidData(f"'{typed or text}' is later than today ({today})")
    return text


def number_of_hours(text: str, instead: str = "") -> int | float:
    number = hours(text)
    if number is None:
        instead = instead or "or, in an answer file, words in estimated_hours_note"
        raise InvalidData(
            f"'{text}' is not a number of hours: give a number, such as 15, {instead}"
        )
    return number


def _prompted_hours(text: str) -> int | float:
    # The prompt has no place for words, so it asks for a number alone.
    return number_of_hours(text, "or leave it empty")


@dataclass(frozen=True)
class Question:
    """One question `omc intake new` asks on a terminal."""

    path: tuple[str, ...]
    text: str
    kind: str = "text"  # text, email, choice, hours, list or people
    required: bool = False

    def prompt(self) -> str:
        if self.kind == "choice":
            return f"{self.text} [{'/'.join(choices(self.path[-1]))}]"
        return self.text if self.required else f"{self.text} (Enter to skip)"


QUESTIONS = (
    Question(("title",), "Working title of the micro-credential", required=True),
    Question(("summary",), "Brief description"),
    Question(("contact", "name"), "Contact's full name", required=True),
    Question(("contact", "email"), "Contact's email address", "email", True),
    Question(("contact", "phone"), "Phone number"),
    Question(("contact", "job_title"), "Title or position"),
    Question(("contact", "unit"), "Department or unit"),
    Question(("contact", "college"), "College or school"),
    Question(("development_stage",), "Where is the idea", "choice"),
    Question(("credit_type",), "Credit or non-credit", "choice"),
    Question(("modality",), "Delivery modality", "choice"),
    Question(("estimated_hours",), "Estimated learner hours", "hours"),
    Question(("audience",), "Intended audience, separated by ;", "list"),
    Question(("target_term",), "Desired launch term"),
    Question(("industry_partners",), "Industry partners, separated by ;", "list"),
    Question(("collaborators",), "Collaborators as Name <email>; ...", "people"),
)


def read_answer(question: Question, text: str) -> Any:
    """The value of one typed answer; None for a skipped optional one."""
    text = text.strip()
    if not text:
        if question.required:
            raise InvalidData("an answer is needed")
        return None
    if question.kind == "choice":
        return choice(question.path[-1], text)
    readers: dict[str, Callable[[str], Any]] = {
        "email": email,
        "hours": _prompted_hours,
        "list": items,
        "people": collaborators,
    }
    reader = readers.get(question.kind)
    return reader(text) if reader else " ".join(text.split())


# The column map of a CSV export -----------------------------------------------

# What a column may hold: the answer to a question, the submission time, or
# the form tool's id of the response.
FIELDS = ("source.response", "submitted", *(".".join(q.path) for q in QUESTIONS))
DATE_ORDERS = ("month-first", "day-first")


@dataclass(frozen=True)
class ColumnMap:
    """Column header -> intake field, and how the form writes its answers."""

    columns: dict[str, str]
    origin: str
    separator: str = ";"
    date_order: str = "month-first"
    answers: dict[str, dict[str, str]] = field(default_factory=dict)

    def header(self, name: str) -> str:
        return next((h for h, f in self.columns.items() if f == name), "")


def column_map(office: Office, csv_path: Path, given: Path | None) -> ColumnMap:
    """`--map FILE`, else `<stem>.columns.yaml` beside the CSV, else omc.yaml."""
    if given is not None:
        return _map_file(given)
    beside = csv_path.with_name(f"{csv_path.stem}.columns.yaml")
    if beside.is_file():
        return _map_file(beside)
    if not office.column_map().get("columns"):
        raise UsageError(
            f"no column map: {CONFIG} has no intake_form.columns",
            hint=f"add intake_form to {CONFIG}, pass --map FILE, "
            f"or put {beside.name} beside the CSV",
        )
    return _checked(office.column_map(), office.doc, ("intake_form",), CONFIG)


def _map_file(path: Path) -> ColumnMap:
    doc = yamlio.load_file(path, str(path))
    prefix: tuple[str, ...] = ("intake_form",) if "intake_form" in doc.data else ()
    settings = doc.data["intake_form"] if prefix else doc.data
    return _checked(settings, doc, prefix, str(path))


def _checked(
    settings: Any, doc: yamlio.Document, prefix: tuple[str, ...], origin: str
) -> ColumnMap:
    columns = settings.get("columns") if isinstance(settings, dict) else None
    if not isinstance(columns, dict) or not columns:
        raise InvalidData(
            "the column map has no `columns:` mapping of header to field",
            hint="see `omc intake import --help` for the shape of a map",
            where=doc.where(prefix),
        )
    for header, name in columns.items():
        if name not in FIELDS:
            close = difflib.get_close_matches(str(name), FIELDS, n=1)
            raise InvalidData(
                f"column '{header}' maps to '{name}', which is not an intake field",
                hint=f"did you mean '{close[0]}'?" if close else _fields_hint(),
                where=doc.where((*prefix, "columns", header)),
            )
    order = settings.get("date_order", "month-first")
    if order not in DATE_ORDERS:
        raise InvalidData(
            f"date_order '{order}' is not one of: {', '.join(DATE_ORDERS)}",
            where=doc.where((*prefix, "date_order")),
        )
    answers = settings.get("answers") or {}
    if not isinstance(answers, dict) or not all(
        isinstance(v, dict) for v in answers.values()
    ):
        raise InvalidData(
            "`answers:` must map each field to {form wording: record value}",
            where=doc.where((*prefix, "answers")),
        )
    return ColumnMap(
        {str(k): str(v) for k, v in columns.items()},
        origin,
        str(settings.get("separator") or ";"),
        order,
        {k: {str(a): str(b) for a, b in v.items()} for k, v in answers.items()},
    )


def _fields_hint() -> str:
    return "the fields are: " + ", ".join(FIELDS)
