"""The palette, measured: every text pair at least 4.5:1, every meaningful mark at least 3:1
(WCAG 2.1 relative luminance), in light and in dark; dark uses the same hues as light."""

from __future__ import annotations

import colorsys
import itertools

import pytest

from plnjournal.core.palette import DARK, LIGHT, Palette, contrast, luminance

TEXT, GRAPHICS = 4.5, 3.0
BOTH = pytest.mark.parametrize("p", [LIGHT, DARK], ids=["light", "dark"])


def _hue(colour: str) -> float:
    v = colour.lstrip("#")
    r, g, b = (int(v[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour, to tell whether two tints look different."""
    v = colour.lstrip("#")

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(int(v[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_contrast_matches_the_wcag_examples() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # The pairs issue 21 measured, so the function measures what the reviewer did.
    assert contrast("#BEBEBE", "#EFEFEF") == pytest.approx(1.6, abs=0.05)
    assert luminance("#FFFFFF") == pytest.approx(1)


@BOTH
def test_every_text_pair_reads(p: Palette) -> None:
    pairs = {
        "text on background": (p.text, p.background),
        "text on window": (p.text, p.window),
        "muted (empty states, subtitles) on background": (p.muted, p.background),
        "muted on window": (p.muted, p.window),
        "a marked day's number in the journal's calendar": (p.day_text, p.days[1]),
        **{f"text on the {k} tint": (p.text, s.tint) for k, s in p.states.items()},
        **{f"{k} as coloured text": (s.strong, p.background) for k, s in p.states.items()},
    }
    low = {k: round(contrast(*v), 2) for k, v in pairs.items() if contrast(*v) < TEXT}
    assert not low


@BOTH
def test_every_meaningful_mark_stands_out(p: Palette) -> None:
    pairs = {
        "heat: 1 reflection against none": (p.heat[1], p.heat[0]),
        "heat: 1 reflection against the background": (p.heat[1], p.background),
        "days: 1 reflection against none": (p.days[1], p.days[0]),
        "days: 1 reflection against the background": (p.days[1], p.background),
        "self ratings": (p.self_colour, p.background),
        "mentor ratings": (p.mentor_colour, p.background),
        "target": (p.target_colour, p.background),
        **{f"{k} chip on background": (s.strong, p.background) for k, s in p.states.items()},
        **{f"{k} chip on window": (s.strong, p.window) for k, s in p.states.items()},
        **{f"family {k}": (c, p.background) for k, c in p.families.items()},
    }
    low = {k: round(contrast(*v), 2) for k, v in pairs.items() if contrast(*v) < GRAPHICS}
    assert not low


@BOTH
def test_scales_go_one_way_in_steps_you_can_see(p: Palette) -> None:
    for scale in (p.heat, p.days):
        lums = [luminance(c) for c in scale]
        # More reads darker on light, lighter on dark: one direction from "none" on.
        assert lums == sorted(lums, reverse=not p.dark)
        for a, b in itertools.pairwise(scale[1:]):
            assert contrast(a, b) >= 1.4, (a, b)


def test_dark_uses_the_same_hues_not_a_grey_or_khaki_scale() -> None:
    for light, dark in ((LIGHT.heat, DARK.heat), (LIGHT.days, DARK.days)):
        hues = [_hue(c) for c in light[1:] + dark[1:]]
        assert max(hues) - min(hues) < 25, hues
    for c in DARK.heat[1:]:
        v = c.lstrip("#")
        r, g, b = (int(v[i : i + 2], 16) for i in (0, 2, 4))
        assert b - min(r, g) > 40  # a blue, not a grey


@BOTH
def test_states_look_different_from_each_other(p: Palette) -> None:
    """Each state's tint differs visibly from every other (CIE76 ΔE over 20) and from the
    plain background: "target reached" is never the same blue as "rates lower"."""
    tints = {k: s.tint for k, s in p.states.items()} | {"none": p.background}
    for (a, ca), (b, cb) in itertools.combinations(tints.items(), 2):
        delta = sum((x - y) ** 2 for x, y in zip(_lab(ca), _lab(cb), strict=True)) ** 0.5
        assert delta > 20, (a, b, round(delta, 1))
