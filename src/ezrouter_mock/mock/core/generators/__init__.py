"""Deterministic generators: reply text, tool arguments, strings matching a regex."""
