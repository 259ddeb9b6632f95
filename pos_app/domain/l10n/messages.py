"""Messages for people as message ids with parameters, rendered later in the reader's language.

A domain or service error is raised with ``msg("The card {last4} ...", last4=...)``: the
English text is the message id (gettext style, extracted by Babel into
``pos_app/domain/l10n/catalogs/``; see ``tools/messages.py``), and ``{name}`` fields are filled
in when it is shown, so an amount is formatted for the reader's locale ("5,85 €" at a French
till, not "5.85 EUR"). ``str()`` of an error stays the English text, for logs and tests.
Labels that are not errors (a receipt's "Subtotal") are marked with ``N_`` for extraction.

No import of the rest of the domain: ``errors`` imports this, and ``money`` imports ``errors``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "N_",
    "Label",
    "Message",
    "Translate",
    "message_of",
    "msg",
    "reason_of",
    "restored",
    "stored",
]

Translate = Callable[[str], str]
Show = Callable[[object], str]

_FIELDS: Final = string.Formatter()


def N_(text: str) -> str:
    """Mark ``text`` as a message id for extraction; translated where it is shown."""
    return text


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Label:
    """A field value that is itself a message id (marked with ``N_``), e.g. "card payment":
    translated with the message it is part of."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Message:
    """An English message id with ``{name}`` fields, and the values of those fields."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = {name for _text, name, _spec, _conv in _FIELDS.parse(self.msgid) if name}
        if names != set(self.params):
            # A typo here would only show at the till, in one language: refuse it at once.
            raise ValueError(f"message {self.msgid!r} has fields {names}, got {set(self.params)}")

    def render(self, translate: Translate = _same, show: Show = str) -> str:
        """The text in ``translate``'s language, each value shown by ``show`` (money, dates)."""
        text = translate(self.msgid)
        values = {name: _field(value, translate, show) for name, value in self.params.items()}
        try:
            return text.format_map(values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not hide the message: fall back to the English.
            return self.msgid.format_map(values)

    def __str__(self) -> str:
        return self.render()


def _field(value: object, translate: Translate, show: Show) -> str:
    if isinstance(value, Label):
        return translate(value.text)
    if isinstance(value, Message):
        # A message inside a message (a refusal quoting the reasons): the same language.
        return value.render(translate, show)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return "; ".join(v.render(translate, show) for v in value)
    return show(value)


def message_of(error: BaseException) -> Message | None:
    """The message an error was raised with (``raise SomeError(msg(...))``), if any."""
    args = error.args
    return args[0] if len(args) == 1 and isinstance(args[0], Message) else None


def reason_of(error: BaseException) -> Message | str:
    """Another error as a field of a message ("the hub refused the code: {reason}"): its
    message id when it was raised with one, so it is shown in the same language, else its
    text (a library's, the hub's English detail)."""
    return message_of(error) or str(error)


def msg(text: str, /, **params: object) -> Message:
    """A message id with its values: ``msg("{amount} is still to pay.", amount=due)``."""
    return Message(text, params)


def stored(message: Message) -> str:
    """A message as JSON text for a database column (an order's flag), so that it is rendered in
    the reader's language when shown, not in the language of the till that wrote it. Fields
    keep their kind when they are text, numbers, labels or messages; anything else is kept as
    its text."""
    return json.dumps(_encoded(message), ensure_ascii=False)


def restored(text: str) -> Message | str:
    """The message ``stored`` wrote; a row from before (plain English text) comes back as is."""
    try:
        data = json.loads(text)
        message = _decoded(data)
    except (ValueError, TypeError, KeyError):
        return text
    return message if isinstance(message, Message) else text


def _encoded(value: object) -> object:
    if isinstance(value, Message):
        return {"msgid": value.msgid, "params": {k: _encoded(v) for k, v in value.params.items()}}
    if isinstance(value, Label):
        return {"label": value.text}
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _decoded(value: object) -> object:
    if isinstance(value, dict):
        if "label" in value:
            return Label(str(value["label"]))
        params = value.get("params")
        if not isinstance(params, dict):
            return value  # not one of ours: shown as it is
        return Message(str(value["msgid"]), {k: _decoded(v) for k, v in params.items()})
    return value
