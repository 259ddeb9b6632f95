"""A customer's language tag (BCP 47) checked and normalised, and the locale the hub writes to
that customer in: theirs when the catalogs have its language, the store's otherwise."""

from __future__ import annotations

import pytest

from pos_app.domain.errors import LocaleError
from pos_app.domain.l10n.locales import check_language_tag, customer_locale, normalize_locale


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr_CA"),
        ("de_DE", "de_DE"),
        ("fr-Fr", "fr_FR"),  # as Shopify spells it
        (" DE-at ", "de_AT"),
        ("en-CA", "en_CA"),
        ("zh-TW", "zh_Hant_TW"),  # CLDR's full identifier, as Babel names it
        ("sr-Latn-RS", "sr_Latn_RS"),
        ("es-419", "es_419"),
        ("de-DE-u-co-phonebk", "de_DE"),  # an extension says nothing about the language
        ("en-GB-x-private", "en_GB"),
        ("de-DE-1996", "de_DE"),  # a variant (spelling reform) neither
    ],
)
def test_language_tags_are_normalised_to_babel_identifiers(tag: str, expected: str) -> None:
    assert check_language_tag(tag) == expected


@pytest.mark.parametrize(
    "tag",
    ["xx-garbage", "", "   ", "und", "x-private", "fr-", "-fr", "fr--FR", "français",
     "fr-FR; drop table", "12", "i-klingon", "a" * 200, "fr-FR-u"],
)  # fmt: skip
def test_a_bad_tag_is_refused_with_a_clear_reason(tag: str) -> None:
    with pytest.raises(LocaleError, match=r"(is not a language tag|is not a language OmniTill "
                                          r"knows); use one such as fr or fr-CA\."):  # fmt: skip
        check_language_tag(tag)


def test_undetermined_is_no_store_locale_either() -> None:
    # Babel reads "und" as en_US: a store set to it would silently be American.
    with pytest.raises(LocaleError, match="is no language"):
        normalize_locale("und")


@pytest.mark.parametrize(
    ("customer", "store", "expected"),
    [
        ("de-AT", "fr_FR", "de_AT"),  # German words, Austrian formats, the order's currency
        ("de", "fr_FR", "de"),
        ("en-CA", "fr_FR", "en_CA"),
        ("fr", "en_GB", "fr"),
        ("fr", "fr_BE", "fr_BE"),  # the same language: the store's own formats
        ("fr-FR", "fr_BE", "fr_FR"),  # a territory given is the customer's
        (None, "fr_FR", "fr_FR"),
        ("it", "fr_FR", "fr_FR"),  # no Italian messages: the store's language
        ("zh-TW", "de_CH", "de_CH"),
        ("xx-garbage", "fr_FR", "fr_FR"),  # unreadable is as good as unknown
        ("und", "de_DE", "de_DE"),
    ],
)
def test_customer_locale_is_theirs_when_we_can_write_it(
    customer: str | None, store: str, expected: str
) -> None:
    assert customer_locale(customer, store) == expected
