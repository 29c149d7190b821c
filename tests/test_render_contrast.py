"""WCAG AA contrast of the page and email colour schemes (light, dark, print)."""

from __future__ import annotations

import re

import pytest

from timeline.render.templating import read_template

AA = 4.5


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _css(name: str) -> str:
    css = read_template(name)
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def _vars(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", block))


def _schemes() -> dict[str, dict[str, str]]:
    css = _css("briefing.css")
    light = _vars(css.split("@media")[0])
    dark = {**light, **_vars(css.split("prefers-color-scheme: dark")[1].split("}")[1])}
    print_block = css.split("@media print")[1]
    printed = {**light, **_vars(print_block.split("}")[0])}
    return {"light": light, "dark": dark, "print": printed}


def test_contrast_helper() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < AA  # a classic failing grey


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
@pytest.mark.parametrize("fg", ["fg", "muted", "link", "accent"])
def test_page_text_colours_pass_aa(scheme: str, fg: str) -> None:
    colours = _schemes()[scheme]
    assert contrast(colours[fg], colours["bg"]) >= AA, (scheme, fg, colours)


def test_email_text_colours_pass_aa() -> None:
    css = re.sub(r"\.preheader\s*\{[^}]*\}", "", _css("email.css"))  # hidden preview text
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    light = light.split("@media")[0]
    light_fg = set(re.findall(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", light))
    dark_fg = set(re.findall(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", dark))
    assert light_fg and dark_fg
    for c in light_fg:
        assert contrast(c, "#ffffff") >= AA, c
    for c in dark_fg:
        assert contrast(c, "#1c1c1c") >= AA, c
