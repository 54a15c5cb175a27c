"""PDF packets, made by WeasyPrint from the same self-contained HTML."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import OmcError


def write_pdf(html: str, target: Path) -> Path:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        # OSError: WeasyPrint is installed but the system's Pango is not.
        raise OmcError(
            f"cannot make PDFs here: {exc}",
            hint="install WeasyPrint and Pango (apt-get install libpango-1.0-0), "
            "or use --format html and print that",
        ) from None
    # WeasyPrint reports every CSS property it skips; a reviewer needs none of it.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html).write_pdf(target)
    return target
