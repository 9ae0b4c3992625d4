"""The chart canvas shows the drawing made off the GUI thread, whatever the figure's size."""

from __future__ import annotations

from matplotlib.figure import Figure

from plnjournal.gui.chart_canvas import ChartCanvas, prerender


def _colours(image) -> set[int]:
    return {
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }


def test_a_figure_of_fractional_pixel_size_is_shown_as_drawn(qtbot) -> None:
    # 9.9 in at 93.5 dpi is 925.65 px: the renderer matplotlib keys on whole pixels must
    # still be the one drawn on the worker thread, not an empty one.
    fig = Figure(figsize=(13.0, 9.9))
    ax = fig.add_subplot()
    ax.barh(range(10), range(1, 11), color="tab:blue")
    drawn = prerender(fig, 1.0, 93.5)
    canvas = ChartCanvas(drawn)
    qtbot.addWidget(canvas)
    draws = []
    original = fig.draw
    fig.draw = lambda renderer: (draws.append(1), original(renderer))[1]
    canvas.show()
    qtbot.waitExposed(canvas)
    image = canvas.grab().toImage()
    assert draws == []  # painting copied the worker's pixels
    assert len(_colours(image)) > 5  # and they are the chart, not a blank page


def test_the_drawing_covers_the_canvas_to_its_last_pixel(qtbot) -> None:
    """18.56 in at 100 dpi is 1855.99… px in floating point: Agg drew one column short, and
    the canvas showed it as a white line down a dark chart's right edge."""
    for width_px in (1856, 1874, 985):
        fig = Figure(figsize=(width_px / 100, 3), facecolor="#1E1F22")
        canvas = ChartCanvas(prerender(fig, 1.0, 100.0))
        qtbot.addWidget(canvas)
        image = canvas.grab().toImage()
        assert canvas.width() == width_px
        assert image.pixelColor(width_px - 1, 10).name() == "#1e1f22"
        assert image.pixelColor(10, image.height() - 1).name() == "#1e1f22"
