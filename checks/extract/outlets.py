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

import re
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


# A source given as a web address or a Latin name («petra.gov.jo», «https://www.youm7.com/…»,
# «Hespress»): the country code of its domain, else the outlet's Latin name. As above, names
# that outlets of two countries carry (Al-Watan, Al-Sharq, Al-Arab, Al-Akhbar, Assabah) are
# left out.
_DOMAIN_COUNTRY = {
    "jo": "أردن",
    "lb": "لبنان",
    "iq": "عراق",
    "kw": "كويت",
    "sa": "سعودي",
    "ae": "إمارات",
    "qa": "قطر",
    "bh": "بحرين",
    "om": "عمان",
    "eg": "مصر",
    "ma": "مغرب",
    "dz": "جزائر",
    "tn": "تونس",
    "ly": "ليبي",
    "sd": "سودان",
    "sy": "سوري",
    "ye": "يمن",
}
_LATIN_OUTLETS: dict[str, tuple[str, ...]] = {
    "أردن": ("alghad", "addustour", "ammonnews", "royanews", "petra", "assabeel", "khaberni",
             "alanbatnews", "almamlakatv", "ammannet", "sawaleif"),
    "لبنان": ("al-akhbar", "aliwaa", "addiyar", "nidaalwatan", "nna-leb", "almanar", "aljadeed",
              "elnashra", "almodon", "mtv", "lbcgroup", "lebanon24"),
    "عراق": ("alsumaria", "shafaq", "almadapaper", "baghdadtoday", "ina", "rudaw", "alforatnews",
             "al-aalem", "newsabah"),
    "كويت": ("alqabas", "alanba", "kuna", "aljarida", "alraimedia"),
    "سعودي": ("okaz", "alriyadh", "sabq", "aleqt", "spa", "al-madina", "alyaum", "argaam"),
    "إمارات": ("alkhaleej", "albayan", "alittihad", "wam", "emaratalyoum"),
    "قطر": ("raya", "qna"),
    "بحرين": ("akhbar-alkhaleej", "bna", "alayam", "albiladpress"),
    "عمان": ("alroya", "omannews", "omandaily", "shabiba"),
    "مصر": ("ahram", "almasryalyoum", "youm7", "masrawy", "akhbarelyom", "elbalad", "cairo24",
            "elwatannews", "shorouknews", "alwafd", "albawabhnews", "dostor", "masress",
            "elaosboa"),
    "مغرب": ("hespress", "le360", "alyaoum24", "mapexpress", "al3omk", "hibapress", "febrayer",
             "medias24"),
    "جزائر": ("elkhabar", "aps", "echoroukonline", "ennaharonline", "elmassar", "echaab",
               "djazairess", "el-massa"),
    "تونس": ("tap", "mosaiquefm", "assabahnews", "alchourouk", "babnet", "echaabnews"),
    "ليبي": ("alwasat", "libyaalahrar", "libyaobserver", "almarsad"),
    "سودان": ("alsudaninews", "altaghyeer", "alrakoba", "sudantribune", "suna-sd"),
    "سوري": ("sana", "enabbaladi", "tishreen", "syria.tv", "alwatan.sy"),
    "يمن": ("sabanew", "almasdaronline", "yemenakhbar", "alayyam"),
}  # fmt: skip
_LATIN_COUNTRY = {name: country for country, names in _LATIN_OUTLETS.items() for name in names}
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([a-z0-9.-]+)")


@lru_cache(maxsize=1 << 10)
def outlet_country(source: str) -> str:
    """The folded source, and the country stem its name says when the table knows it: a
    text the currency reader searches for its country like the document's own."""
    folded = fold(source.strip())
    country = _COUNTRY_OF.get(folded) or _latin_country(source.strip().lower())
    return f"{folded} {fold(country)}" if country else folded


def _latin_country(source: str) -> str | None:
    """The country of a source written as a web address or a Latin outlet name: the country
    code its domain ends in («petra.gov.jo»), else its first name label («youm7.com»)."""
    host = _HOST.match(source)
    if host is None:
        return None
    labels = [part for part in host.group(1).split(".") if part]
    if not labels:
        return None
    if len(labels) > 1 and labels[-1] in _DOMAIN_COUNTRY:
        return _DOMAIN_COUNTRY[labels[-1]]
    return _LATIN_COUNTRY.get(labels[0]) or _LATIN_COUNTRY.get(".".join(labels[:2]))
