"""Korean particles fit the word: no 은(는), 이(가) or (이)라는 template marks."""

from __future__ import annotations

import pytest

from kortrade.bot.replies.josa import with_particle


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("반도체", "은/는", "반도체는"),
        ("수출", "은/는", "수출은"),
        ("무역수지", "이/가", "무역수지가"),
        ("석탄", "이/가", "석탄이"),
        ("“바나나”", "이라는/라는", "“바나나”라는"),
        ("“사과빵”", "이라는/라는", "“사과빵”이라는"),
        ("EU", "과/와", "EU와"),
        ("ASEAN", "과/와", "ASEAN과"),
        ("2021-13", "은/는", "2021-13은"),
        ("2022", "은/는", "2022는"),
        ("서울", "으로/로", "서울로"),
        ("중국", "으로/로", "중국으로"),
        ("미국", "을/를", "미국을"),
        ("2025년 2월(483.0억 달러)", "이/가", "2025년 2월(483.0억 달러)이"),
    ],
)
def test_the_particle_follows_the_final_sound(word: str, pair: str, expected: str) -> None:
    assert with_particle(word, pair) == expected


def test_bot_texts_choose_the_particle_for_the_filled_in_word() -> None:
    from kortrade.bot.texts import say

    assert say("not_a_channel", "ko", channel="@news") == (
        "@news는 채널이 아닙니다. 그룹은 그룹 안에서 /subscribe 하세요."
    )
    assert say("already_subscribed", "ko", where="이 채팅", topic="반도체").startswith("이 채팅은 ")
