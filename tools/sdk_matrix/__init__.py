"""The SDK matrix: every Python snippet under every major line of its SDK.

Readers do not all run the newest `anthropic` or `openai`. For each major line
(`lines.py`) this package keeps a hashed lock of its own (`matrix/locks/`), builds a
virtual environment holding only what `pip install <sdk>` at that version installs
(`envs.py`), runs snippets and behaviour probes in it against a fresh mock gateway
(`runner.py`, `probes.py`), and renders what it found into the pages (`render.py`).
`python -m tools.sdk_matrix --help` lists the commands.
"""
