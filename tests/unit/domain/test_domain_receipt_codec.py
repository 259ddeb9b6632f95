"""The print queue's JSON form of a receipt gives back the very same document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from pos_app.domain.errors import ReceiptError
from pos_app.domain.receipt import render_text
from pos_app.domain.receipt_codec import decode_receipt, encode_receipt
from pos_app.services.sale.checkout import CompletedSale


def test_a_sale_receipt_round_trips_exactly(sell: Callable[..., CompletedSale]) -> None:
    # A weighed item (3-place quantity), a discount-free line, cash rounding and change.
    doc = sell(["96385074", "96385074", "4006381333931"], tendered="50").receipt
    doc = replace(doc, extra_barcodes=("SC-1234",), footer=("Merci · ¡Gracias!",))

    back = decode_receipt(encode_receipt(doc))

    assert back == doc
    assert render_text(back) == render_text(doc)


@pytest.mark.parametrize("text", ["", "{}", '{"format": 99}', "[1]", '{"format": 1}'])
def test_text_that_is_not_a_stored_receipt_is_a_receipt_error(text: str) -> None:
    with pytest.raises(ReceiptError):
        decode_receipt(text)
