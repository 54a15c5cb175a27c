"""Everything YAML: reading records with line marks, and editing them in place.

Reading goes through libyaml's composer (C, fast) and our own constructor, which
follows the YAML 1.2 core schema: `yes`, `no`, `on`, `off` stay text and dates
stay strings, so a record means the same thing in every tool. The constructor
also refuses duplicate keys, recursive or exploding aliases and deep nesting.

Editing goes through ruamel.yaml's round-trip mode, so comments, blank lines,
key order and quoting survive a change made by omc.
"""

from .edit import append, dump, edit, guess_indent, put, to_yaml
from .read import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    Document,
    decode,
    format_path,
    load_file,
    loads,
    read_text,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "Document",
    "append",
    "decode",
    "dump",
    "edit",
    "format_path",
    "guess_indent",
    "load_file",
    "loads",
    "put",
    "read_text",
    "to_yaml",
]
