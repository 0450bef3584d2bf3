"""Query understanding: what a typed query means. One definition, mirrored exactly by
finder.js (`fold`, `forms`; a test runs both over the same strings and compares).

  fold(text)   NFKC (full-width letters, digits and spaces become ASCII), lower case,
               then traditional -> simplified character by character (網吧 -> 网吧) from
               the site's table (`t2s_table`: only the characters the site's own words use);
  forms(part)  the part, then what is left after stripping intent words (INTENT_WORDS:
               我想, 开, 办理, 需要什么 ...) one at a time, longest first, from the end
               first and then from the start: 卖烟要什么证 -> 卖烟 -> 烟; 我想开个饭店 ->
               开个饭店 -> 饭店. The finder uses the first form the site knows (see README
               "## Search"), so 食品经营 stays 食品经营 and 我想开个饭店 becomes 饭店.

The intent words go to the browser inside records.json, so both sides read this list.
"""

from __future__ import annotations

from functools import cache

from generator.render.search.tokenize import normalise

__all__ = ["INTENT_WORDS", "fold", "forms", "normalise", "t2s_table"]

# Words that say what someone wants to do, not what it is. Stripped from either end.
INTENT_WORDS: tuple[str, ...] = (
    # who wants it
    "我要", "我想", "我们想", "我们要", "想要", "打算", "准备", "请问", "想", "要",
    # doing it
    "开办", "开设", "开一个", "开一家", "开一间", "开个", "开家", "开间", "开", "办理", "办", "卖", "做", "搞",
    "经营", "成立", "申请", "设立", "从事",
    "一个", "一家", "一间", "个", "家",
    # asking about it
    "需要办什么证", "需要办什么", "需要什么证", "需要什么", "需要哪些证", "需要哪些", "要办什么证", "要办什么",
    "要什么证", "要什么", "要哪些证", "办什么证", "什么证", "怎么办理", "怎么办", "怎么", "如何办理", "如何",
    "手续", "需要", "吗", "呢", "的",
)


@cache
def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def t2s_table(characters: set[str]) -> dict[str, str]:
    """Traditional character -> simplified, for the simplified characters the site uses."""
    from zhconv import zhconv  # build time only

    zhconv.loaddict()
    table = zhconv.zhcdicts["zh2Hans"]
    return {t: s for t, s in sorted(table.items()) if len(t) == 1 and len(s) == 1 and t != s and s in characters}


def fold(text: str, t2s: dict[str, str]) -> str:
    return "".join(t2s.get(ch, ch) for ch in normalise(text))


def _strip_once(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if len(text) > len(word) and text.endswith(word):
            return text[: -len(word)]
    for word in words:
        if len(text) > len(word) and text.startswith(word):
            return text[len(word):]
    return None


def forms(part: str, words: tuple[str, ...] = INTENT_WORDS) -> list[str]:
    """The part and every shorter form intent-word stripping leaves, longest first."""
    ordered = _by_length(words)
    out = [part]
    while (shorter := _strip_once(out[-1], ordered)) is not None:
        out.append(shorter)
    return out
