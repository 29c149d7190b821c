"""Penn Treebank tokenized text (as in news-tls corpora such as Timeline17) made readable.

"BP 's chief -LRB- Tony Hayward -RRB- said , `` We 're sorry . ''" reads as
'BP's chief (Tony Hayward) said, “We're sorry.”'.
"""

from __future__ import annotations

import re

__all__ = ["detokenize", "detokenize_text", "looks_tokenized"]

_PTB = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": "\u201c",
    "`": "\u2018",
    "'": "\u2019",
    "''": "\u201d",
}
_NO_SPACE_BEFORE = re.compile(
    r" (?=[,.;:!?%)\]}\u201d\u2019]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)"
)
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$\u201c\u2018]) ")


def detokenize(line: str) -> str:
    """Readable text from a PTB-tokenized line ("BP 's -LRB- # 50m -RRB- ," -> "BP's (#50m),")."""
    s = line.strip().replace("` `", "``").replace("' '", "''")
    s = s.replace("\\/", "/").replace("\\*", "*")  # PTB escapes / and *
    s = " ".join(_PTB.get(tok, tok) for tok in s.split())
    s = _NO_SPACE_BEFORE.sub("", s)
    s = _NO_SPACE_AFTER.sub("", s)
    return s


# Tokens that ordinary prose never has: brackets spelled out, punctuation split off.
# Three of them in the first 5,000 characters are no accident of prose.
PTB_SNIFF_CHARS = 5000
MIN_PTB_MARKS = 3
_PTB_MARK = re.compile(r"(?: -[LR][RSC]B- | [,.;:]$| [,.;:] | 's | n't )", re.M)


def looks_tokenized(text: str) -> bool:
    """Whether text is PTB-tokenized (three or more split-off marks in its first 5,000 chars)."""
    return len(_PTB_MARK.findall(text[:PTB_SNIFF_CHARS])) >= MIN_PTB_MARKS


def detokenize_text(text: str) -> str:
    """Detokenize line by line, keeping the line structure (one sentence a line in T17)."""
    return "\n".join(detokenize(line) for line in text.split("\n"))
