"""Schema patterns (mock/core/generators/regexgen.py) run on a linear-time engine:
a catastrophic-backtracking pattern over the caller's own text finishes (issue 11,
finding 5), and samples stay capped."""

from __future__ import annotations

import threading

import pytest

from ezrouter_mock.mock.core.generators import regexgen

EVIL = ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(x+x+)+y", "^([a-z]+)*[0-9]$"]


def _finishes(fn, *args, seconds: float = 10.0):
    """Run ``fn`` in a thread; with backtracking these take hours, not seconds."""
    out: list = []
    worker = threading.Thread(target=lambda: out.append(fn(*args)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{fn.__name__}{args!r:.60} did not finish"
    return out[0]


@pytest.mark.parametrize("pattern", EVIL)
def test_catastrophic_patterns_finish(pattern):
    text = "a" * 5000 + "!"
    assert _finishes(regexgen.search, pattern, text) is False
    assert _finishes(regexgen.sample, pattern, text) is not None


def test_patterns_re2_cannot_run_are_not_held_against_a_value():
    assert regexgen.search(r"(a)\1", "aa") is None
    assert regexgen.search(r"(?=a)a", "a") is None


def test_a_sample_matches_its_pattern():
    for pattern in [r"^wf_[a-z0-9-]{6,}$", r"^[A-Z]{3}-\d{2}$", r"^(a+)+$"]:
        assert regexgen.search(pattern, regexgen.sample(pattern)) is True


def test_samples_are_capped():
    assert regexgen.sample("^(a{1000}){1000}$") is None
    assert len(regexgen.sample("^a{4000}$")) <= regexgen.MAX_SAMPLE
