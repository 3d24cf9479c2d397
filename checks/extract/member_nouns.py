"""What the names a count lists are, by its counted noun: places (LOC), bodies (ORG) or
people (PERSON). One lexicon for the list reader (`named_lists`) and the figure reader,
which peels a clitic off a dual only when the rest is a dual of a known noun
(«ببلديتي» is ب + بلديتي; «ولايتي» stays one word)."""

from __future__ import annotations

from functools import lru_cache

from checks.arabic import fold
from checks.extract.tokens import bare


def folded(*words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


# Counted nouns (singular and plural) by the label of the names they count.
MEMBER_NOUNS = {
    "LOC": folded(
        "قرية", "قرى", "بلدة", "بلدات", "مدينة", "مدن", "محافظة", "محافظات", "ولاية", "ولايات",
        "مخيم", "مخيمات", "حي", "أحياء", "منطقة", "مناطق", "دولة", "دول", "بلد", "بلدان",
        "إقليم", "أقاليم", "بلدية", "بلديات", "معبر", "معابر", "مطار", "مطارات", "ميناء",
        "موانئ", "سد", "سدود", "جزيرة", "جزر", "مقاطعة", "مقاطعات", "منفذ", "منافذ", "مديرية",
        "مديريات", "محلية", "محليات", "قضاء", "أقضية", "وجهة", "وجهات", "دائرة", "دوائر",
        "إمارة", "إمارات", "مقبرة", "مقابر", "نهر", "أنهار", "موقع", "مواقع", "محطة", "محطات",
        "معمل", "معامل", "مصفاة", "مصاف", "حقل", "حقول", "قاعدة", "قواعد", "سجن", "سجون",
        "عاصمة", "عواصم", "ناحية", "نواح", "نواحي", "لواء", "ألوية", "جماعة", "جماعات",
        "جهة", "جهات", "قارة", "قارات", "مقاطعة", "ريف", "أرياف", "شارع",
        "شوارع", "طريق", "طرق", "معلم", "معالم",
        # protected and natural places («ثلاث محميات بحرية هي رأس محمد ونبق …»)
        "محمية", "محميات", "منتزه", "منتزهات", "غابة", "غابات", "واحة", "واحات", "بحيرة",
        "بحيرات", "شاطئ", "شواطئ", "مستوطنة", "مستوطنات",
        # a national team is named by its country («ستة منتخبات عربية هي المغرب ومصر …»)
        "منتخب", "منتخبات",
    ),
    "ORG": folded(
        "شركة", "شركات", "مشغل", "مشغلين", "بنك", "بنوك", "مصرف", "مصارف", "حزب", "أحزاب",
        "منظمة", "منظمات", "جمعية", "جمعيات", "نادي", "ناد", "أندية", "نقابة", "نقابات",
        "جامعة", "جامعات", "وكالة", "وكالات", "هيئة", "هيئات", "مؤسسة", "مؤسسات", "وزارة",
        "وزارات", "مستشفى", "مستشفيات", "فريق", "فرق", "شبكة", "شبكات",
        "قناة", "قنوات", "صحيفة", "صحف", "اتحاد", "اتحادات", "مجلس", "مجالس", "كتلة", "كتل",
        "قائمة", "قوائم", "فصيل", "فصائل", "تحالف", "تحالفات", "كلية", "كليات", "مدرسة",
        "مدارس", "مجموعة", "مجموعات",
        # brands («خمس علامات …، وهي شيري وجيلي …»)
        "علامة", "علامات", "ماركة", "ماركات",
    ),
    "PERSON": folded(
        "شخص", "أشخاص", "طفل", "أطفال", "طفلة", "امرأة", "نساء", "سيدة", "سيدات", "رجل",
        "رجال", "شاب", "شبان", "شقيق", "أشقاء", "شقيقة", "شقيقات", "طالب", "طلاب", "طالبة",
        "طالبات", "تلميذ", "تلاميذ", "لاعب", "لاعبين", "لاعبة", "لاعبات", "مرشح", "مرشحة",
        "مرشحات", "فائز", "فائزة", "متهم", "متهمة", "وزير", "وزراء", "وزيرة", "وزيرات",
        "نائب", "نواب", "نائبة", "نائبات", "عضو", "أعضاء", "صحفي", "صحافي", "صحفية",
        "معتقل", "أسير", "أسرى", "أسيرة", "رهينة", "رهائن", "محتجز", "قتيل", "قتلى", "ضحية",
        "ضحايا", "مصاب", "جريح", "جرحى", "حارس", "حراس", "مدرب", "مدربين", "قاض", "قضاة",
        "سفير", "سفراء", "محكوم", "موقوف", "مفقود", "ناج", "شهيد", "شهداء", "إمام", "أئمة",
        "فنان", "فنانين", "فنانة", "كاتب", "كتاب", "كاتبة", "رياضي", "رياضيين", "بطل",
        "أبطال", "بطلة", "باحث", "باحثين", "عالم", "علماء", "مسؤول", "مسؤولين", "قائد",
        "قادة", "حاج", "حجاج", "متسابق", "متسابقين", "متسابقة", "عداء", "عدائين", "أول",
        "أوائل", "الأوائل",
    ),
}  # fmt: skip
# Dual endings (of a feminine singular in ة, folded to ه, then of any singular).
_DUAL_ENDS = (("تين", "ه"), ("تان", "ه"), ("تي", "ه"), ("تا", "ه"))
_DUAL_ENDS += (("ين", ""), ("ان", ""), ("ي", ""), ("ا", ""))
_PLURAL_ENDS = (("ين", ""), ("ون", ""), ("ات", "ه"), ("ا", ""))


@lru_cache(maxsize=1 << 14)
def member_label(word: str) -> str | None:
    """The label of the names a counted noun counts (`word` as written, any proclitic,
    article, sound plural or dual ending): LOC, ORG, PERSON or None."""
    for form in _forms(fold(word)):
        for label, nouns in MEMBER_NOUNS.items():
            if form in nouns:
                return label
            for suffix, end in _PLURAL_ENDS + _DUAL_ENDS:
                if form.endswith(suffix) and form[: -len(suffix)] + end in nouns:
                    return label
    return None


def _forms(key: str) -> list[str]:
    """The word, without its article, without a proclitic, without both."""
    forms = [key, bare(key)]
    forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 3]
    return list(dict.fromkeys(forms))


PEOPLE_DUAL_STEM = 4  # letters of the stem of a nisba or participle dual («لبناني», «موظف»)


@lru_cache(maxsize=1 << 14)
def people_dual(word: str) -> bool:
    """A nominative masculine dual of a noun of people (`word` as written, any proclitic):
    one the lexicon knows («متهمان»), a nisba («لبنانيان», «سوريان») or a participle
    («موظفان», «مسلحان»). Names end in -ان too («عدنان», «مروان», «سفيان»), but their
    stems are shorter or of neither shape."""
    key = bare(fold(word))
    if not key.endswith("ان") or key.startswith("ال"):
        return False
    stem = key[:-2]
    if member_label(key) == "PERSON":
        return True
    return len(stem) >= PEOPLE_DUAL_STEM and (stem.endswith("ي") or stem.startswith("م"))
