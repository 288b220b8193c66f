"""The README documents every setting and every command-line option, so the docs cannot drift from the code."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import kawan
from knowledge.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = kawan.build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    assert f"`KAWAN_{field.upper()}`" in README


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_its_options_are_documented(command: str) -> None:
    assert f"kawan {command}" in README
    options = {o for a in _commands()[command]._actions if a.help != argparse.SUPPRESS
               for o in a.option_strings if o.startswith("--") and o != "--help"}
    assert {o for o in options if o not in README} == set()
