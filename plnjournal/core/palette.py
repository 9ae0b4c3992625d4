"""Every colour that means something, light and dark, in one place: the window, the charts and
the report take them from here, and tests/core/test_palette.py measures each pair.

Qt-free (the charts are drawn in the core). The rules the test checks (WCAG 2.1 relative
luminance): text on what it sits on at least 4.5:1; a mark whose colour carries meaning at
least 3:1 against what it sits on ("1 reflection" against "none", a marked calendar day against
an unmarked one, a chart's series against its background). Dark mode uses the same hues, lighter
for more (never a grey or khaki scale). Meaning is never carried by colour alone: each state
also has a word or symbol where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design": the chart categories start from these hues,
# darkened (light) or lightened (dark) where they would not stand out from the background.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}


@dataclass(frozen=True)
class State:
    """A state a cell or chip can be in: a tint to fill it (text in ``Palette.text`` on it)
    and a strong colour for a bar, chip or symbol drawn on the plain background."""

    tint: str
    strong: str


@dataclass(frozen=True)
class Palette:
    dark: bool
    background: str  # what tables and charts are drawn on (Qt's Base)
    window: str  # the window's own surface (Qt's Window), where labels sit
    text: str
    muted: str  # secondary text: subtitles, empty states, hints
    grid: str  # grid lines and frames: decoration, no meaning of their own
    # Reflections per skill per week: none, 1, 2, 3, 4 or more.
    heat: tuple[str, str, str, str, str]
    # Days with reflections (the calendar chart): none, 1, 2, 3 or more; the journal's
    # calendar marks a day with reflections in ``days[1]``, its number in ``day_text``.
    days: tuple[str, str, str, str]
    day_text: str
    # act_now / watch: the avoidance bands (a blind spot is shown as act_now: it asks for
    # action); reached: a target reached; hidden_strength: you rate yourself lower than your
    # mentors do.
    states: dict[str, State]
    self_colour: str
    mentor_colour: str
    target_colour: str
    # The avoidance ranking's signal families (core/charts/style.py names them).
    families: dict[str, str]


LIGHT = Palette(
    dark=False,
    background="#FFFFFF",
    window="#EFEFEF",
    text="#1A1A1A",
    muted="#595E66",
    grid="#DADCE0",
    heat=("#EEF0F3", "#4A8BC4", "#2166AC", "#0B3F7A", "#04234A"),
    days=("#EEF0F3", "#4E9A5E", "#2B7A3E", "#14532A"),
    day_text="#000000",
    states={
        "act_now": State(tint="#F4C2BB", strong="#B3261E"),
        "watch": State(tint="#F5E0A0", strong="#805A00"),
        "reached": State(tint="#BFE5CB", strong="#1E7B45"),
        "hidden_strength": State(tint="#D6D6F6", strong="#5A4BB0"),
    },
    self_colour=OKABE_ITO["blue"],
    mentor_colour="#C24F00",  # Okabe–Ito vermillion, darkened to 4.5:1 on white
    target_colour="#1A1A1A",
    families={
        "blue": OKABE_ITO["blue"],
        "vermillion": "#C24F00",
        "purple": "#A34D80",  # Okabe–Ito purple, darkened to 3:1 and more on white
        "green": "#007D5B",
        "yellow": "#8A7A00",  # Okabe–Ito yellow is 1.2:1 on white: an olive keeps its place
    },
)
DARK = Palette(
    dark=True,
    background="#1E1F22",
    window="#2B2D30",
    text="#E8EAED",
    muted="#A8ADB4",
    grid="#3C4043",
    heat=("#2A2C30", "#3D7FBF", "#62A0D8", "#9CC6EE", "#D2E6FF"),
    days=("#26282C", "#2D8442", "#4FB066", "#9BE0A8"),
    day_text="#FFFFFF",
    states={
        "act_now": State(tint="#6A2520", strong="#FF8A80"),
        "watch": State(tint="#4D3C0C", strong="#E8B630"),
        "reached": State(tint="#1B4A2E", strong="#5BC98A"),
        "hidden_strength": State(tint="#3D2D5C", strong="#C39BEA"),
    },
    self_colour=OKABE_ITO["sky"],
    mentor_colour=OKABE_ITO["orange"],
    target_colour="#E8EAED",
    families={
        "blue": OKABE_ITO["sky"],
        "vermillion": OKABE_ITO["vermillion"],
        "purple": OKABE_ITO["purple"],
        "green": OKABE_ITO["green"],
        "yellow": OKABE_ITO["yellow"],
    },
)


def palette(dark: bool) -> Palette:
    """The light or dark palette."""
    return DARK if dark else LIGHT


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#RRGGBB``."""
    value = colour.lstrip("#")

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(value[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
