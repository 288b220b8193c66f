"""A question comparing named things is led by a passage naming all of them (knowledge/compare.py)."""

from __future__ import annotations

from knowledge.compare import led_by_all_names

ONE = "The objects of cooperation with a foreign local government (KSDPL) are science and technology …"
BOTH = ("Permendagri 25/2020 governs cooperation with foreign local governments (KSDPL) and with foreign "
        "institutions (KSDLL).")


def test_the_passage_naming_every_thing_compared_leads_when_the_first_names_one() -> None:
    # The things open what is left of the question: "KSDPL" is a name though it is the first word.
    assert led_by_all_names([ONE, BOTH], str, "KSDPL and KSDLL?") == [BOTH, ONE]
    assert led_by_all_names([BOTH, ONE], str, "KSDPL and KSDLL?") == [BOTH, ONE]


def test_fewer_than_two_names_lead_nothing() -> None:
    # "MoU 2016 dan MoU 2020": one name, told apart by years, which every passage on either may name.
    assert led_by_all_names([ONE, BOTH], str, "MoU 2016 dan MoU 2020?") == [ONE, BOTH]
    assert led_by_all_names([ONE, BOTH], str, "the first and the second agreement?") == [ONE, BOTH]
