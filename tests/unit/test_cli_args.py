"""The command line's own checks of what it is given, before anything is loaded."""

from __future__ import annotations

import pytest

import kawan


@pytest.mark.parametrize("k", ["0", "-3", "three", "1.5"])
def test_a_count_of_passages_below_one_or_not_a_number_is_a_usage_error(
    k: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        kawan.build_parser().parse_args(["ask", "Apa hambatannya?", "--k", k])
    assert stop.value.code == 2 and "argument --k" in capsys.readouterr().err


def test_a_count_of_one_or_more_is_taken() -> None:
    assert kawan.build_parser().parse_args(["ask", "Apa hambatannya?", "--k", "3"]).k == 3
