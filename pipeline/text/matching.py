"""Cheaper ways to ask a regex the same question: a vocabulary compiled as a trie, a pattern's required word.

`digit_led`: a look-behind moved after a pattern's first digit, so `re` can skip to digits.

`first_chars`: the characters a pattern's matches can open with (for a look-ahead that fails fast).

`trie_pattern`: a regex alternation of many literal words compiled as a trie (`Sở Y tế|Sở Nội vụ` as
`Sở (?:Y tế|Nội vụ)`).

Why: Python's `re` tries the branches of `w1|w2|…` one after another at every position of the text, so a
vocabulary of hundreds of phrases costs hundreds of comparisons per character. As a trie, each position
costs one branch per character that the text really shares with a phrase. The pattern matches exactly the
same strings as the plain alternation, so a search finds a match exactly where the plain one does; which match
it returns is the longest one when case counts (a longer phrase is tried before a prefix of it), but ignoring
case two branches may fit one letter (`Đ…`, `đ…`) and the first that completes wins: there, presence only.
"""
from __future__ import annotations

import re
from re import _parser


def trie_pattern(words, between: str | None = None) -> str:
    """Regex source (no group) matching exactly the given words; at a shared prefix the longer continuation is
    tried first, a word that ends there last. With `between` (a regex), the words are phrases given as tuples of
    tokens, and `between` is what may stand between two tokens (as `between.join(map(re.escape, tokens))`)."""
    trie: dict = {}
    for w in words:
        if between is not None:
            if any(_GAP in token for token in w):
                raise ValueError(f"a token holds {_GAP!r}: {w!r}")
            w = _GAP.join(w)
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _source(trie, between) if trie else "(?!)"


_GAP = "\x00"     # where two tokens of a phrase meet, in the trie of `trie_pattern(…, between)`


def longest_first(words) -> str:
    """Regex source matching the words as their alternation longest first does (the same word chosen at a place,
    ignoring case or not): `trie_pattern`, unless two of them share a beginning that differs only in case (the trie
    would part them there and try them by that letter, not by length), then that alternation. Why: at each place
    the trie reads one branch per letter, where the alternation tried every word (a document type's 38 names
    before every identifier)."""
    words = sorted(set(words), key=len, reverse=True)
    folded = [w.casefold() for w in words]
    if any(b.startswith(a) and not v.startswith(u) for u, a in zip(words, folded) for v, b in zip(words, folded) if u != v):
        return "|".join(map(re.escape, words))
    return trie_pattern(words)


def _source(node: dict, between: str | None = None) -> str:
    ends = "" in node
    branches = [(between if ch == _GAP and between is not None else re.escape(ch)) + _source(child, between)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        body = "(?:" + body + ")?" if len(branches) > 1 or not _single(body) else body + "?"
    return body


def _single(piece: str) -> bool:
    """Whether `piece` is one regex atom that a `?` may follow directly (an escaped or plain character)."""
    return len(piece) == 1 or (len(piece) == 2 and piece[0] == "\\")


def required_literal(pattern: str, flags: int = 0) -> str:
    """The longest run of plain characters every match of `pattern` holds (`ngày` in `…,\\s*ngày[\\s.…]*\\d…`),
    or "" when none can be told. Why: `word in text` is far cheaper than a search that fails, so a pattern tried
    on many short texts (table cells, clauses) is tried only where its word is. Only the pattern's top-level
    sequence is read (every item of it is in every match); a case-insensitive pattern has none."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:        # a private module: when it is not what we expect, no shortcut
        return ""
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return ""
    best, run = "", []
    for op, arg in list(parsed.data) + [(None, None)]:
        if op is _parser.LITERAL:
            run.append(chr(arg))
            continue
        best = max(best, "".join(run), key=len)
        run = []
    return best


_FIRST_DIGIT = re.compile(r"\(\?P<\w+>\\d(?![{*+?])")


def digit_led(pattern: str, not_before: str) -> str:
    """`(?<!not_before)pattern` for a pattern that opens with a group whose first item is one plain digit
    (`(?P<num>\\d\\d{0,4}…`), written with the look-behind right after that digit (`(?<![\\w/]\\d)`): the same
    matches, as a look-behind only tests the characters before the digit either way. Why: `re` skips in C to the
    next character a pattern can open with only when the pattern opens with that character (a look-behind first
    makes it try every position of the text). `not_before` is one character class (one character wide)."""
    m = _FIRST_DIGIT.match(pattern)
    if not m or not (not_before.startswith("[") and not_before.endswith("]")):
        raise ValueError(f"digit_led needs a group opening with one digit and a class: {pattern[:30]!r}")
    return pattern[:m.end()] + f"(?<!{not_before}\\d)" + pattern[m.end():]


def first_chars(pattern: str) -> frozenset | None:
    """The characters every match of `pattern` opens with one of (`{"%", "p"}` for `%|phần trăm`), or None when
    that cannot be told simply (a class other than listed characters, an optional first item, a flag). Why: a
    look-ahead on them, put where the pattern is used, fails at once where the pattern could not match, instead
    of trying each of its branches (a unit list after every number of a text)."""
    items = _parsed(pattern)
    return None if items is None else _first_of(items)


def _parsed(pattern: str) -> list | None:
    """The items of `pattern` as `re`'s parser reads them; None when it cannot be read simply (a flag that changes
    what characters match, or a parser that is not what we expect: it is a private module)."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:        # a private module: when it is not what we expect, no shortcut
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return list(parsed.data)


def _first_of(items: list) -> frozenset | None:
    if not items:
        return None
    op, av = items[0]
    if op is _parser.LITERAL:
        return frozenset(chr(av))
    if op is _parser.IN and all(o is _parser.LITERAL for o, _ in av):
        return frozenset(chr(a) for _, a in av)
    if op is _parser.SUBPATTERN and not av[1] and not av[2]:        # a group with no flags of its own
        return _first_of(list(av[3].data))
    if op is _parser.BRANCH:
        firsts = [_first_of(list(b.data)) for b in av[1]]
        return None if any(f is None for f in firsts) else frozenset().union(*firsts)
    return None


# the characters other than a letter's own two cases that `re` takes for it ignoring case (tests check every letter
# allowed here against every code point)
_FOLD_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_LETTERS = frozenset("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz")
_EDGES = ("\\b", "(?<!\\w)")


def _forms(ch: str) -> str:
    return "".join(dict.fromkeys(ch + ch.upper() + _FOLD_EXTRA.get(ch, "")))


def word_led(pattern: str, strict: bool = True) -> str:
    """For a pattern compiled with re.IGNORECASE that opens with `\\b` (or `(?<!\\w)`) and a letter (`\\bkhông còn\\s`),
    or with the edge and a group of words that each open with a letter (`\\b(?:đã|chưa|vừa qua)…`): the same matches,
    written as the letters' case forms in a class, the word's edge as a look-behind after it, and each word's first
    letter, in the group, as a look-behind on the letter read (`(?-i:[kKK])(?<!\\w.)hông còn\\s`,
    `(?-i:[đĐcCvV])(?<!\\w.)(?:(?<=đ)ã|(?<=c)hưa|(?<=v)ừa qua)…`). Why: ignoring case, `re` skips ahead in C to where
    a match can start only when the pattern opens with a class of characters that have no case of their own to
    ignore; `\\b` or a cased letter first makes it try every position of the text. Before a letter (a word
    character), `\\b` is the character before it not being one: what the look-behind asks. `strict=False`: a
    pattern of another form is returned as it is."""
    edge = next((e for e in _EDGES if pattern.startswith(e)), "")
    body = pattern[len(edge):]
    words, rest = _words(body) if body.startswith("(?:") else ([body[:2]], None)    # the letter, and what follows it
    if not edge or not words or any(w[:1].lower() not in _LETTERS or w[1:2] in ("?", "*", "+", "{") for w in words):
        if not strict:
            return pattern            # a rule written otherwise: taken as it is
        raise ValueError(f"word_led needs `\\b` or `(?<!\\w)` then a letter or a group of words: {pattern[:30]!r}")
    lead = "(?-i:[" + "".join(dict.fromkeys("".join(_forms(w[0].lower()) for w in words))) + "])(?<!\\w.)"
    if rest is None:
        return lead + body[1:]
    return lead + "(?:" + "|".join(f"(?<={w[0]}){w[1:]}" for w in words) + ")" + rest


def case_blind(pattern: str) -> re.Pattern:
    """`re.compile(pattern, re.IGNORECASE)`, written to open with its first letters where `word_led` can."""
    return re.compile(word_led(pattern, strict=False), re.I)


def _words(body: str) -> tuple[list[str], str]:
    """The top-level alternatives of the group `body` opens with (`(?:a|b)…`), and what follows the group; ([], "")
    when the group does not close."""
    out, depth, start, i = [], 0, 3, 3
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":                 # a class: its `|`, `(`, `)` are characters; a `]` first in it is one too
            i += 2 if body[i + 1:i + 2] == "^" else 1
            i += 2 if body[i:i + 1] == "\\" else 1
            while i < len(body) and body[i] != "]":
                i += 2 if body[i] == "\\" else 1
            i += 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ")":
            return out + [body[start:i]], body[i + 1:]
        elif ch == "|" and not depth:
            out.append(body[start:i])
            start = i + 1
        i += 1
    return [], ""


def opening_words(pattern: str, most: int = 16) -> list[str] | None:
    """The strings every match of `pattern` opens with one of (`["các", "ngày", "từ"]` for `(?:từ\\s+…|các\\s+ngày
    …|ngày\\s+)\\d…`; a class of a few plain characters is read as each of them), none of them the start of another;
    None when that cannot be told simply (an opening that is not plain characters, a flag, more than `most`).
    Why: `re` skips ahead in C only to a pattern's one plain opening, or its first characters when its branches
    open with one each; `str.find` of each word, and the pattern tried where one stands (`dates._matches_at`), is
    cheaper than trying the branches at every such character of the text."""
    items = _parsed(pattern)
    if items is None:
        return None
    words = _openings(items, {""}, most)[0]
    if not words or "" in words:
        return None
    return sorted(w for w in words if not any(v != w and w.startswith(v) for v in words))


def _openings(items: list, starts: set[str], most: int) -> tuple[set[str] | None, bool]:
    """(the strings `starts` grow into by the plain opening of `items`, whether all of `items` was read)."""
    for op, av in items:
        if op in (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT):
            continue                  # no character read: what follows opens at the same place
        if op is _parser.LITERAL:
            starts = {s + chr(av) for s in starts}
        elif op is _parser.IN and all(o is _parser.LITERAL for o, _ in av) and len(starts) * len(av) <= most:
            starts = {s + chr(a) for s in starts for _, a in av}
        elif op is _parser.SUBPATTERN and not av[1] and not av[2]:
            grown, whole = _openings(list(av[3].data), starts, most)
            if grown is None or not whole:
                return grown, False
            starts = grown
        elif op is _parser.BRANCH:
            out, whole = set(), True
            for alt in av[1]:
                grown, done = _openings(list(alt.data), starts, most)
                if grown is None:
                    return None, False
                out |= grown
                whole = whole and done
            if len(out) > most:
                return None, False
            starts = out
            if not whole:
                return starts, False
        else:
            return starts, False
    return starts, True


def word_starts(text: str, words: list[str], seen: dict[str, list[int]] | None = None) -> list[int]:
    """Every place (in order) where one of `words` stands in `text` (none of them the start of another).
    `seen`: each word's places in this `text`, kept for the next call: several patterns open with the same
    words (dates' `range_days` and `day_list` with `các`, `ngày`, among the commonest words of a text)."""
    out = []
    for w in words:
        if seen is not None and w in seen:
            out += seen[w]
            continue
        found = []
        at = text.find(w)
        while at >= 0:
            found.append(at)
            at = text.find(w, at + 1)
        out += found
        if seen is not None:
            seen[w] = found
    out.sort()
    return out


def matches_at(pat: re.Pattern, text: str, starts: list[int]):
    """What `pat.finditer(text)` yields, trying `pat` only at `starts` (every position it can match at, in
    order): the same matches, as a match at a position sees the whole text around it, as in a scan."""
    end = 0
    for p in starts:
        if p >= end:
            m = pat.match(text, p)
            if m:
                end = max(m.end(), p + 1)
                yield m


def presence_led(pattern: str, flags: int = 0) -> str | None:
    """A pattern found wherever `pattern` is found, as one character of the class every match of it opens with
    (`[Ss\\dA-ZĐ…]`) where `pattern` matches (a look-ahead on it, inside a look-behind on that character): for a
    search asked only whether there is a match (its span is that character's). None when the class cannot be told
    simply (a flag other than `re.IGNORECASE` given in `flags`, where the class holds each letter's case forms as
    `word_led` writes them; a negated class or any character first; a pattern that may match nothing). Why: `re` skips in C
    to the characters a pattern can open with only when it opens with a class or one plain character (`\\b`, a
    look-behind or a group of branches first makes it try all its branches at every position of the text: a
    `…\\Z` window before a date, 120 characters, cost 20 µs a search)."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:        # a private module: when it is not what we expect, no shortcut
        return None
    if parsed.state.flags & ~re.UNICODE != flags & ~re.UNICODE or flags & ~(re.UNICODE | re.IGNORECASE):
        return None           # a flag set inside the pattern (it could not be put inside a group), or one not read here
    first = _first_class(list(parsed.data), bool(flags & re.IGNORECASE))
    if first is None or first[1]:
        return None
    cls = "(?-i:[" + "".join(sorted(first[0])) + "])"
    return f"{cls}(?<=(?=(?:{pattern})){cls})"


_CATEGORIES = {_parser.CATEGORY_DIGIT: r"\d", _parser.CATEGORY_NOT_DIGIT: r"\D", _parser.CATEGORY_SPACE: r"\s",
               _parser.CATEGORY_NOT_SPACE: r"\S", _parser.CATEGORY_WORD: r"\w", _parser.CATEGORY_NOT_WORD: r"\W"}


def _first_class(items: list, fold: bool = False) -> tuple[set[str], bool] | None:
    """(class items for the characters a match of `items` can open with, whether `items` may match nothing);
    `fold`: ignoring case, each letter's case forms (None for a cased character `_forms` does not know)."""
    out: set[str] = set()
    for op, av in items:
        if op in (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT):
            continue                  # no character read
        if op is _parser.LITERAL:
            forms = _case_forms(chr(av), fold)
            return (None if forms is None else (out | forms, False))
        if op is _parser.IN:
            for o, a in av:
                if o is _parser.LITERAL:
                    forms = _case_forms(chr(a), fold)
                    if forms is None:
                        return None
                    out |= forms
                elif o is _parser.RANGE and not (fold and any(_cased(chr(c)) for c in range(a[0], a[1] + 1))):
                    out.add(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif o is _parser.CATEGORY and a in _CATEGORIES:
                    out.add(_CATEGORIES[a])
                else:
                    return None
            return out, False
        if op is _parser.SUBPATTERN and not av[1] and not av[2]:
            sub = _first_class(list(av[3].data), fold)
        elif op is _parser.BRANCH:
            alts = [_first_class(list(alt.data), fold) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            sub = set().union(*(a[0] for a in alts)), any(a[1] for a in alts)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            sub = _first_class(list(av[2].data) if isinstance(av[2], _parser.SubPattern) else [av[2]], fold)
            sub = None if sub is None else (sub[0], sub[1] or av[0] == 0)
        else:
            return None
        if sub is None:
            return None
        out |= sub[0]
        if not sub[1]:
            return out, False
    return out, True


def presence(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled for a search asked only whether it finds a match: `presence_led` where it applies."""
    return re.compile(presence_led(pattern, flags) or pattern, flags)


def led_finds(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern`, its whole match the group `whole`, compiled for `finds`: `presence` where it applies."""
    return presence(f"(?P<whole>{pattern})", flags)


def finds(led: re.Pattern, text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each match `re.finditer(pattern, text)` gives, `led` being `led_finds(pattern, …)`.
    Why: a pattern opening with `\\b` and a group of words (some with a look-behind first, which `word_led` does not
    rewrite) was tried at every position of a figure's clause; `presence` tries it only where a match can open,
    its matches one character long: of those, the first at or after the end of the last match is the next match
    `finditer` gives (a match cannot open at any other place)."""
    out, end = [], 0
    for m in led.finditer(text):
        if m.start() >= end:
            out.append((m.start(), m.end("whole"), m.group("whole")))
            end = max(m.end("whole"), m.start() + 1)
    return out


def _cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch


def _case_forms(ch: str, fold: bool) -> set[str] | None:
    """The class items for one plain character: itself, or ignoring case every form `re` takes for it."""
    if not (fold and _cased(ch)):
        return {re.escape(ch)}
    low = ch.lower()
    return {re.escape(c) for c in _forms(low)} if low in _LETTERS and len(low) == 1 else None
