"""omc: the command-line tool of a university Office of Micro-Credentials."""

__version__ = "0.1.0"
