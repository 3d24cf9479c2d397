"""The country an outlet publishes in, from the document's `source`.

A local outlet writes its own country's money without naming it: «1,511,000 ليرة» in a
Lebanese agency's fuel table, «920 فلسا» in a Jordanian channel's pricing story. The unit
reader (`units.currency`) asks this module which country that is, after the currency's
own adjective and before the countries the text happens to name. The source is read two
ways: the country or demonym it writes itself («الرأي الأردنية», «لبنان 24»), or a name of
the table below. Names that outlets of two countries carry («الوطن», «الشروق», «النهار»,
«الصباح», «الرأي» and «الراي», «الثورة») are left out: they say nothing.
"""

from __future__ import annotations

from functools import lru_cache

from checks.arabic import fold

# Outlet names (as readers write them) -> the country stem `units._CURRENCIES` reads.
_OUTLETS: dict[str, tuple[str, ...]] = {
    "أردن": ("الغد", "الدستور", "عمون", "رؤيا", "المملكة", "بترا", "السبيل", "عمان نت",
             "الأنباط", "خبرني", "السوسنة"),
    "لبنان": ("الأخبار اللبنانية", "اللواء", "الديار", "نداء الوطن", "الوكالة الوطنية للإعلام",
              "المنار", "الجديد", "النشرة", "المدن", "إم تي في", "أل بي سي"),
    "عراق": ("السومرية", "السومرية نيوز", "شفق نيوز", "المدى", "بغداد اليوم", "واع",
             "وكالة الأنباء العراقية", "روداو", "الفرات نيوز", "العالم الجديد", "الصباح الجديد"),
    "كويت": ("القبس", "الأنباء الكويتية", "كونا"),
    "سعودي": ("عكاظ", "الرياض", "سبق", "الاقتصادية", "واس"),
    "إمارات": ("الخليج", "البيان", "الاتحاد", "وام", "الإمارات اليوم"),
    "قطر": ("الراية", "قنا", "العرب القطرية"),
    "بحرين": ("أخبار الخليج", "بنا", "الأيام البحرينية"),
    "عمان": ("الرؤية العمانية", "العمانية", "جريدة عمان"),
    "مصر": ("الأهرام", "المصري اليوم", "اليوم السابع", "مصراوي", "أخبار اليوم", "أ ش أ",
            "بوابة الأهرام", "القاهرة 24", "صدى البلد", "الوفد"),
    "مغرب": ("هسبريس", "المساء", "الأحداث المغربية", "لو360", "اليوم 24", "ماب", "العمق"),
    "جزائر": ("الخبر", "واج", "الفجر", "النصر"),
    "تونس": ("وات", "موزاييك", "الصحافة اليوم"),
    "ليبي": ("بوابة الوسط", "ليبيا الأحرار", "الساعة 24", "ليبيا أوبزرفر"),
    "سودان": ("السوداني", "التيار", "سونا", "الراكوبة", "سودان تربيون"),
    "سوري": ("سانا", "تشرين", "عنب بلدي"),
    "يمن": ("سبأ", "المصدر أونلاين"),
}  # fmt: skip
_COUNTRY_OF = {fold(name): country for country, names in _OUTLETS.items() for name in names}


@lru_cache(maxsize=1 << 10)
def outlet_country(source: str) -> str:
    """The folded source, and the country stem its name says when the table knows it: a
    text the currency reader searches for its country like the document's own."""
    folded = fold(source.strip())
    country = _COUNTRY_OF.get(folded)
    return f"{folded} {fold(country)}" if country else folded
