"""Which bodies the journal keeps as text (observe._text): the API's own media types, decoded;
anything else, or bytes that are not UTF-8, as a placeholder that says what was there. The answer
per media type is worked out once, so it must be the same on the first call and every later one."""

from __future__ import annotations

import pytest

from connsim.simulator import observe


@pytest.mark.parametrize("content_type", [None, "", "application/json; charset=utf-8", "text/xml", "TEXT/PLAIN",
                                          "application/x-www-form-urlencoded", "application/vnd.api+json",
                                          "application/javascript"])
def test_text_media_types_are_kept_as_text(content_type: str | None) -> None:
    for _ in range(2):  # first answer worked out, second one remembered
        assert observe._text("héllo".encode(), content_type) == "héllo"


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream"])
def test_other_media_types_are_a_placeholder(content_type: str) -> None:
    for _ in range(2):
        assert observe._text(b"%PDF-1.7", content_type) == f"<8 bytes of {content_type}>"


def test_bytes_that_are_not_utf8_are_a_placeholder_even_when_text_is_declared() -> None:
    assert observe._text(b"\xff\xfe", "application/json") == "<2 bytes of application/json>"
    assert observe._text(b"\xff", None) == "<1 bytes of binary data>"


def test_the_remembered_answers_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Request media types come from clients: past the bound, answers are worked out, not kept."""
    monkeypatch.setattr(observe, "_TEXT_TYPE_ANSWERS", {})
    for n in range(observe._MEMO_MAX + 50):
        assert observe._text(b"x", f"application/x-made-up-{n}") == f"<1 bytes of application/x-made-up-{n}>"
    assert len(observe._TEXT_TYPE_ANSWERS) == observe._MEMO_MAX
