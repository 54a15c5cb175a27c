"""The command modules of the CLI: each parses options and prints, nothing more."""
