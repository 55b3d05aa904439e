"""Prompt caches: Anthropic's explicit breakpoints and ezrouter's automatic chunks.

Both are keyed by a hash of the prompt prefix (per model), with an expiry taken from an
injectable clock so tests can step past a TTL without sleeping. The store is a bounded
LRU, so memory stays flat however many requests arrive.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

LOOKBACK_BLOCKS = 20  # Anthropic checks this many blocks before a breakpoint for a hit
AUTO_CHUNK = 2048  # ezrouter (kv-cache): 2048-token chunks on the non-claude models
AUTO_TTL = 300  # assumption: ezrouter does not document the automatic cache lifetime
MAX_BREAKPOINTS = 4


class PromptCache:
    """Prefix digest -> expiry time, bounded, least recently used evicted first.
    Thread-safe: large requests are answered in worker threads."""

    def __init__(
        self, clock: Callable[[], float] | None = None, max_entries: int = 50_000
    ):
        self.clock = clock or time.monotonic
        self.max_entries = max_entries
        self._entries: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: bytes, refresh_ttl: float | None = None) -> bool:
        with self._lock:
            return self._hit(key, refresh_ttl)

    def _hit(self, key: bytes, refresh_ttl: float | None) -> bool:
        expiry = self._entries.get(key)
        now = self.clock()
        if expiry is None:
            return False
        if expiry <= now:
            del self._entries[key]
            return False
        if refresh_ttl is not None:
            self._entries[key] = max(expiry, now + refresh_ttl)
        self._entries.move_to_end(key)
        return True

    def put(self, key: bytes, ttl: float) -> None:
        now = self.clock()
        with self._lock:
            old = self._entries.get(key, 0.0)
            self._entries[key] = max(old, now + ttl)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


@dataclass
class Segment:
    """One cacheable unit of the prompt (a tool, a system block, a content block)."""

    text: str  # canonical rendering, hashed for the prefix key
    tokens: int
    ttl: int | None = None  # set when the block carries a cache breakpoint


@dataclass
class CacheResult:
    read: int = 0
    created: int = 0
    created_1h: int = 0


def explicit(
    store: PromptCache, model: str, segments: list[Segment], min_tokens: int
) -> CacheResult:
    """Anthropic semantics for ``cache_control`` breakpoints.

    The longest previously written prefix ending at a breakpoint (or up to
    ``LOOKBACK_BLOCKS`` blocks before one) is read back; everything up to the last
    breakpoint long enough to cache is written, split by the TTL of each breakpoint.
    """
    marks = [i for i, seg in enumerate(segments) if seg.ttl]
    if not marks:
        return CacheResult()
    h = hashlib.sha256(model.encode())
    keys: list[bytes] = []
    ends: list[int] = []
    total = 0
    last = marks[-1]
    for seg in segments[: last + 1]:
        h.update(seg.text.encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
        keys.append(h.digest())
        total += seg.tokens
        ends.append(total)
    candidates = set()
    for mark in marks:
        candidates.update(range(max(0, mark - LOOKBACK_BLOCKS + 1), mark + 1))
    read_at = -1
    for index in sorted(candidates, reverse=True):
        ttl = _ttl_at(segments, marks, index)
        if store.hit(keys[index], refresh_ttl=ttl):
            read_at = index
            break
    read = ends[read_at] if read_at >= 0 else 0
    result = CacheResult(read=read)
    covered = read
    for mark in marks:
        if ends[mark] < min_tokens or ends[mark] <= covered:
            continue
        store.put(keys[mark], segments[mark].ttl or 300)
        written = ends[mark] - covered
        result.created += written
        if (segments[mark].ttl or 0) >= 3600:
            result.created_1h += written
        covered = ends[mark]
    return result


def _ttl_at(segments: list[Segment], marks: list[int], index: int) -> int:
    for mark in marks:
        if mark >= index:
            return segments[mark].ttl or 300
    return 300


def automatic(
    store: PromptCache, model: str, pieces: list[str], chunk: int = AUTO_CHUNK
) -> int:
    """ezrouter's automatic cache: the longest repeated prefix in whole ``chunk``-token
    chunks is reported as cached; every chunk boundary of this prompt is stored."""
    steps = (
        ("".join(pieces[end - chunk : end]).encode("utf-8", "surrogatepass"), end)
        for end in range(chunk, len(pieces) + 1, chunk)
    )
    return _longest_stored_prefix(store, model, steps)


def automatic_by_block(store: PromptCache, model: str, segments: list[Segment]) -> int:
    """ezrouter's automatic cache as kv-cache measured it on claude models (cached
    24901 of 25231 tokens: not a multiple of 2048): the longest repeated prefix of
    whole blocks before the last one, counted to the token."""

    def steps():
        total = 0
        for seg in segments[:-1]:
            total += seg.tokens
            yield seg.text.encode("utf-8", "surrogatepass") + b"\x1e", total

    return _longest_stored_prefix(store, model, steps())


def _longest_stored_prefix(store: PromptCache, model: str, steps) -> int:
    """Walk a prompt's prefixes, each step the bytes it adds and the token count it
    reaches: the longest prefix already stored counts as cached, and every prefix of
    this prompt is stored (refreshing the ones that hit)."""
    h = hashlib.sha256(model.encode())
    cached = 0
    missed = False
    for data, reached in steps:
        h.update(data)
        key = h.digest()
        if not missed and store.hit(key, refresh_ttl=AUTO_TTL):
            cached = reached
        else:
            missed = True
            store.put(key, AUTO_TTL)
    return cached
