"""gui/late_types.py hands out the real Qt classes, read when first used."""

from __future__ import annotations

import pytest

from plnjournal.gui import late_types


def test_the_names_are_pysides_own_classes() -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QMessageBox

    assert late_types.QMessageBox is QMessageBox
    assert late_types.QIcon is QIcon
    for name in late_types.__all__:
        assert getattr(late_types, name).__name__ == name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="QNoSuchThing"):
        late_types.QNoSuchThing  # noqa: B018
