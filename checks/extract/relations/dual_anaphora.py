"""`member_of` of a definite dual that points back to two names told before it: «… في
بنغلاديش والهند …، بحسب سلطات البلدين», «أعلن الجهاز المركزي … بالتعاون مع وزارة الصحة …
وأكدت الجهتان». The dual's noun says what the two are (places, bodies or people, by
`member_label`); the two are, in the text before the dual,

- the nearest two names of that label joined by «و» («بنغلاديش والهند»), no longer list's
  last two («مأرب وتعز وعدن»), or
- for bodies and people, when no such pair was written, the only two names of that label
  the text has told so far, neither headed by a noun of another kind («لجنة», «مجلس» are
  no «الوزارتين»; the generic «الجهتان» takes any): «وزارة النقل … وزارة المالية …
  الوزارتان». Places are never read so: a city and its country are two places but no
  «البلدين».

A dual of sides («الطرفين», «الجانبين») or of «جهة» (a region or a body) takes a pair of
places or bodies alike. Each name is linked at its last mention before the dual. Left as
they are: a dual the list readers already gave members; a dual followed by what names its
two («المنطقتين الوسطى والشرقية»); a pair that is already the two of an earlier count
(«في ولايتي القضارف والجزيرة … الولايتان»: the same two said again, not a new count of
them)."""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.member_nouns import member_label
from checks.extract.model import Mention
from checks.extract.relations.members import _joined_by_and
from checks.extract.tokens import bare

_SIDES = frozenset(fold(w) for w in ("الطرفين", "الطرفان", "الجانبين", "الجانبان"))
_GENERIC = frozenset(fold(w) for w in ("الجهتين", "الجهتان"))  # a region or a body
_NAME_LABELS = ("PERSON", "ORG", "LOC")
_DUAL_ENDS = ("تين", "تان", "ين", "ان")


def dual_anaphora(text: str, mentions: list[Mention], linked: list[dict]) -> list[dict]:
    """`member_of` links from the two names before each definite dual (module docstring)."""
    names = sorted((m for m in mentions if m.label in _NAME_LABELS), key=lambda m: m.start)
    if len(names) < 2:
        return []
    counted = {r["to"] for r in linked if r["type"] == "member_of"}
    members = {r["from"] for r in linked if r["type"] == "member_of"}
    rels: list[dict] = []
    for q in mentions:
        if q.label != "QUANTITY" or q.attrs.get("value") != 2 or q.id in counted:
            continue
        key = bare(fold(q.text))
        if not key.startswith("ال") or " " in q.text or _named_after(text, q):
            continue
        either = key in _SIDES or key in _GENERIC
        labels = ("LOC", "ORG") if either else (member_label(q.text),)
        if labels == (None,):
            continue
        before = [m for m in names if m.end <= q.start and m.label in labels]
        pair = _joined_pair(text, before)
        if pair is None and key not in _SIDES:
            pair = _only_two([m for m in before if m.label != "LOC"], None if either else key)
        if pair is not None and not any(m.id in members for m in pair):
            rels += [{"from": m.id, "to": q.id, "type": "member_of"} for m in pair]
    return rels


def _named_after(text: str, q: Mention) -> bool:
    """A definite word right after the dual: its two are named there («المنطقتين الوسطى
    والشرقية»), or it is described, not pointing back."""
    after = text[q.end : q.end + 24].split(maxsplit=1)
    return bool(after) and fold(after[0]).startswith("ال") and text[q.end : q.end + 1] == " "


def _joined_pair(text: str, before: list[Mention]) -> tuple[Mention, Mention] | None:
    """The nearest two names of one label written «A وB», not the end of a longer list."""
    for n in range(len(before) - 1, 0, -1):
        a, b = before[n - 1], before[n]
        if a.label == b.label and _joined_by_and(text, a, b):
            if n >= 2 and _joined_by_and(text, before[n - 2], a):
                return None  # «مأرب وتعز وعدن»: three places, no pair
            return a, b
    return None


def _only_two(before: list[Mention], dual: str | None) -> tuple[Mention, Mention] | None:
    """The last mentions of the two names, when the text has told exactly two, each headed
    by the dual's noun («وزارة …» for «الوزارتين») unless `dual` is None (generic)."""
    last: dict[str, Mention] = {}
    for m in before:
        last[fold(m.text)] = m
    if len(last) != 2:
        return None
    a, b = sorted(last.values(), key=lambda m: m.start)
    if dual is not None and (_headed_otherwise(a.text, dual) or _headed_otherwise(b.text, dual)):
        return None
    return a, b


def _headed_otherwise(name: str, dual: str) -> bool:
    """The name opens with a noun of bodies or people other than the dual's own: «لجنة
    الخطة» and «مجلس النواب» are no «الوزارتين»; «الأهلي» (no head noun) may be one of
    «الفريقين», «وزارة النقل» one of «الوزارتين»."""
    head = bare(fold(name.split()[0])).removeprefix("ال")
    if member_label(head) is None:
        return False
    stem = dual.removeprefix("ال")
    for end in _DUAL_ENDS:
        if stem.endswith(end):
            stem = stem[: -len(end)]
            break
    return head.rstrip("ه") != stem.rstrip("ت") and head != stem
