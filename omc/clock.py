"""The current time, in one place. $OMC_NOW (an ISO date-time) pins it, so
that examples, demos and tests can speak of a fixed day."""

from __future__ import annotations

import datetime as dt
import os

from .errors import InvalidData, Where


def now() -> dt.datetime:
    pinned = os.environ.get("OMC_NOW")
    if pinned:
        return parse(pinned)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def stamp(moment: dt.datetime | None = None) -> str:
    """`2026-12-04T15:24:34Z`: how omc writes a moment into a record."""
    moment = (moment or now()).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> dt.datetime:
    """A moment from a record or the command line; naive means UTC."""
    value = dt.datetime.fromisoformat(
        text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    )
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def days_since(text: str | None, today_: dt.date | None = None) -> int | None:
    if not text:
        return None
    try:
        then = (
            parse(text).date()
            if "T" in text or " " in text
            else dt.date.fromisoformat(text)
        )
    except ValueError:
        return None
    return ((today_ or today()) - then).days


def zone(name: str, where: Where | None = None) -> dt.tzinfo:
    """The IANA time zone `name`, such as America/New_York."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidData(
            f"'{name}' is not a known time zone",
            hint="use a name from the tz database, such as America/New_York or UTC",
            where=where,
        ) from None
