"""What a shell snippet prints, kept in the snippet as a block of `#>` lines at its end.

Python snippets carry their output as `#>` comments under each print (pytest-examples).
A shell script has no print call to hang output on, and curl writes straight to stdout,
so its whole stdout goes in one trailing block: the page then shows the command and,
under it, what running it prints, the way a terminal would. Bash reads the block as
comments, so the file stays runnable as shown. The snippet test compares the block
with a real run against the mock and `pytest --update-examples` rewrites it.
"""

from __future__ import annotations

from ezrouter_mock.typescript import output_diff

PREFIX = "#>"


def _is_output(line: str) -> bool:
    return line == PREFIX or line.startswith(PREFIX + " ")


def split(source: str) -> tuple[list[str], list[str]]:
    """(script lines, printed lines): the trailing `#>` block, unprefixed."""
    lines = source.rstrip("\n").splitlines()
    end = len(lines)
    while end and _is_output(lines[end - 1]):
        end -= 1
    printed = [line[len(PREFIX) + 1 :] for line in lines[end:]]
    return lines[:end], printed


def render(source: str, stdout: str) -> str:
    """`source` with its trailing `#>` block replaced by `stdout` (trailing blanks
    and trailing spaces dropped: they cannot be seen on a page)."""
    script, _ = split(source)
    while script and not script[-1].strip():
        script.pop()
    printed = [line.rstrip() for line in stdout.rstrip().splitlines()]
    block = [f"{PREFIX} {line}".rstrip() for line in printed]
    return "\n".join([*script, *block]) + "\n"


def diff(name: str, original: str, updated: str) -> str:
    """A unified diff from the `#>` lines on disk to what the run printed."""
    return output_diff(name, original, updated, marker=PREFIX)
