"""Turkish and default collation: sort keys and index letter groups (edition.collation)."""

import random

import pytest

from edition.collation import DIGITS_GROUP, group_letter, lower, sort_key, upper

# Written from the Turkish alphabet (a b c ç d e f g ğ h ı i j k l m n o ö p r s ş t u ü v y z):
# one or more words per letter, words that differ only in a "Turkish" letter (kasa/kaşar,
# kıl/kil, sol/söz), circumflex letters (â = a, î = i, û = u), capitals (I is ı, İ is i),
# apostrophes (ignored), digits (first, compared as numbers).
TURKISH_ORDER = [
    "3 Mart",
    "19 Mayıs",
    "1919",
    "abajur",
    "adet",
    "âdet",
    "Ağa",
    "ağaç",
    "ahır",
    "Ak Deniz",  # word by word: a space sorts before any letter
    "Akal",
    "Anadolu",
    "Anadolu’da",  # the apostrophe is ignored: Anadoluda
    "Anadolu’ya",
    "bal",
    "Bolşevizm",
    "cami",
    "Cemal",
    "çay",
    "Çelik",
    "dağ",
    "ekmek",
    "Enver",
    "fındık",
    "gece",
    "göç",
    "güneş",
    "ğ",
    "hakîkat",
    "hakim",
    "ılık",
    "Irmak",
    "iğne",
    "İnalcık",
    "İstanbul",
    "jale",
    "kasa",
    "kaşar",
    "Kâzım",
    "Kazımiye",
    "kıl",
    "kil",
    "lale",
    "mısır",
    "Milli",
    "Millî",
    "Mustafa",
    "nane",
    "ocak",
    "Orhan",
    "ödev",
    "Özçelik",
    "pasta",
    "resim",
    "saat",
    "sol",
    "söz",
    "Sütçü",
    "şal",
    "Şükrü",
    "tarih",
    "Türk",
    "uçak",
    "Uşak",
    "ün",
    "Ünal",
    "vapur",
    "yazı",
    "Yûnus",
    "Yunus Emre",
    "zaman",
]


def test_turkish_word_list_order():
    shuffled = TURKISH_ORDER[:]
    random.Random(5).shuffle(shuffled)
    assert sorted(shuffled, key=lambda w: sort_key(w, "tr")) == TURKISH_ORDER


@pytest.mark.parametrize("a,b", [
    ("c", "ç"), ("g", "ğ"), ("h", "ı"), ("ı", "i"), ("o", "ö"), ("s", "ş"), ("u", "ü"),
    ("ü", "v"), ("p", "r"), ("I", "İ"), ("Irmak", "iğne"), ("ılık", "İnce"),
])
def test_turkish_letter_pairs(a, b):
    assert sort_key(a, "tr") < sort_key(b, "tr")


def test_turkish_case_rules_keep_i_and_dotless_i_apart():
    # "ISPARTA" is ıSPARTA in Turkish: it sorts with ı, before "iğne"
    assert sort_key("ISPARTA", "tr")[0] == sort_key("ısparta", "tr")[0]
    assert sort_key("İSTANBUL", "tr")[0] == sort_key("istanbul", "tr")[0]
    assert sort_key("ISPARTA", "tr") < sort_key("iğne", "tr")


def test_circumflex_is_a_tie_breaker_only():
    assert sort_key("hâl", "tr")[0] == sort_key("hal", "tr")[0]
    assert sort_key("hal", "tr") < sort_key("hâl", "tr") < sort_key("hala", "tr")


def test_lower_case_before_upper_case_on_ties():
    assert sorted(["Ak", "ak"], key=lambda w: sort_key(w, "tr")) == ["ak", "Ak"]


def test_region_subtags_and_azerbaijani_use_turkish_rules():
    assert sort_key("çay", "tr-TR") == sort_key("çay", "tr")
    assert sorted(["ılık", "iğne", "Irmak"], key=lambda w: sort_key(w, "az")) == \
        ["ılık", "Irmak", "iğne"]


def test_default_collation_strips_accents_and_folds_case():
    words = ["Zürcher", "zebra", "Édouard", "eagle", "Ørsted", "Straße", "strasse", "Ankara"]
    assert sorted(words, key=lambda w: sort_key(w, "en")) == [
        "Ankara", "eagle", "Édouard", "Ørsted", "strasse", "Straße", "zebra", "Zürcher"]
    # in English ç and c are one letter: "çay" comes before "cd"
    assert sort_key("çay", "en") < sort_key("cd", "en")
    assert sort_key("çay", "tr") > sort_key("cd", "tr")


def test_keys_are_total_and_stable():
    assert sort_key("Ak", "tr") != sort_key("ak", "tr")
    assert sort_key("’Ak", "tr") != sort_key("Ak", "tr")  # only the last level differs
    assert sort_key("’Ak", "tr")[:3] == sort_key("Ak", "tr")[:3]


@pytest.mark.parametrize("word,letter", [
    ("çay", "Ç"), ("Çelik", "Ç"), ("ğ", "Ğ"), ("ılık", "I"), ("Irmak", "I"), ("iğne", "İ"),
    ("İstanbul", "İ"), ("öğretmen", "Ö"), ("şeker", "Ş"), ("ün", "Ü"), ("âdet", "A"),
    ("Îmân", "İ"), ("ûlâ", "U"), ("’Abdülhak", "A"), ("«Nutuk»", "N"), ("1919", DIGITS_GROUP),
])
def test_group_letters_turkish(word, letter):
    assert group_letter(word, "tr") == letter


def test_group_letters_default():
    assert [group_letter(w, "en") for w in ["Émile", "istanbul", "Øresund", "çay"]] == \
        ["E", "I", "O", "C"]
    assert group_letter("", "tr") == "" and group_letter("—", "tr") == ""


def test_group_letters_follow_sort_order():
    groups = []
    for word in TURKISH_ORDER:
        g = group_letter(word, "tr")
        if not groups or groups[-1] != g:
            groups.append(g)
    assert groups == [DIGITS_GROUP] + list("ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ")


def test_turkish_case_mapping():
    assert upper("iğdır ılıca", "tr") == "İĞDIR ILICA"
    assert lower("İĞDIR ILICA", "tr") == "iğdır ılıca"
    assert upper("istanbul", "en") == "ISTANBUL"
