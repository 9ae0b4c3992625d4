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
