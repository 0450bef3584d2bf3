"""Tokenisation for the full-text index: text -> terms. Mirrored exactly in finder.js.

lunr's own tokenizer splits on spaces, which Chinese text does not have, and its
default trimmer deletes every Chinese character; so both pipelines are empty and
terms come from here. The rule, identical on both sides (a test runs the JS copy
in Chromium over the same strings and compares):

  1. NFKC-normalise (full-width letters and digits become ASCII) and lower-case;
  2. split into runs of Han characters and runs of ASCII letters/digits;
     everything else separates;
  3. a Han run of one character is one term; a longer run gives its overlapping
     character bigrams (食品经营 -> 食品 品经 经营), so any Chinese substring of two
     or more characters is found by requiring all of its bigrams;
  4. an ASCII run is one term (matched by prefix at query time).
"""

from __future__ import annotations

import re
import unicodedata

# Han ranges spelled out (Python's re has no \p{Han}): CJK Unified Ideographs with
# extensions A–F and compatibility ideographs. 䇲 (U+41F2, in 织䇲镇) is extension A.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(f"[{HAN}]+|[0-9a-z]+")
_HAN_RUN = re.compile(f"^[{HAN}]+$")


def normalise(text: str) -> str:
    """The form both sides compare: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def is_han(run: str) -> bool:
    return bool(_HAN_RUN.match(run))


def terms(text: str) -> list[str]:
    """Every term of a text, in order, with repeats (term frequency matters to lunr)."""
    out: list[str] = []
    for run in _RUN.findall(normalise(text)):
        # A run is all Han or all [0-9a-z], and every Han character sorts after "z".
        if len(run) > 1 and run[0] > "z":
            out += [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            out.append(run)
    return out


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in first-seen order."""
    return list(dict.fromkeys(terms(text)))


def shard_of(term: str, shards: int) -> int:
    """Which term shard holds a term. A Han term is hashed whole (bigrams spread
    evenly); an ASCII term by its first character only, so every term starting
    with a given ASCII prefix lives in one shard and prefix queries stay local.
    FNV-1a over the code points, little-endian, so JS computes the same number."""
    key = term if is_han(term[0]) else term[0]
    h = 0x811C9DC5
    for char in key:
        for byte in ord(char).to_bytes(4, "little"):
            h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards
