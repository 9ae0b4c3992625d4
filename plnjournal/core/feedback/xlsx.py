"""Excel workbooks (.xlsx) from other people: bounded before openpyxl opens them, read as rows.

A workbook is a zip of XML parts. Its declared sizes bound what can be unpacked (zipfile never
inflates a member past its declared size), so a zip bomb is refused from the directory alone;
rows far below the last one, or cells far to the right, are refused while reading, before
they cost memory.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl

from plnjournal.core.feedback.tables import MAX_COLUMNS, column_letter
from plnjournal.core.feedback.text import FileProblem, one_line

# A feedback workbook is a few MB unpacked and a dozen parts; these are far above that.
MAX_XLSX_UNZIPPED = 50 * 1024 * 1024
MAX_XLSX_MEMBERS = 1000
# Excel's own row limit: a sheet claiming rows past it is not from Excel.
MAX_XLSX_ROWS = 1_048_576


def check_workbook(data: bytes) -> None:
    """Refuse a damaged zip, a zip that is not a workbook, or one that unpacks too big."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(
            f"this zip file is damaged or truncated ({one_line(str(exc), 100)})"
        ) from None
    if len(infos) > MAX_XLSX_MEMBERS:
        raise FileProblem(
            f"this workbook holds {len(infos)} parts (the limit is {MAX_XLSX_MEMBERS}); "
            "is it really a feedback workbook?"
        )
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise FileProblem("this is a zip file but not an Excel workbook (.xlsx)")
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_XLSX_UNZIPPED:
        raise FileProblem(
            f"this workbook unpacks to {inflated / 2**20:.0f} MB (the limit is "
            f"{MAX_XLSX_UNZIPPED // 2**20} MB); save the feedback alone in a new workbook"
        )


def xlsx_rows(data: bytes) -> list[tuple[int, list[object]]]:
    """The first worksheet's non-blank rows with their Excel row numbers (openpyxl,
    read-only), each without its trailing empty cells."""
    check_workbook(data)
    rows: list[tuple[int, list[object]]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not wb.worksheets:
                    raise FileProblem("the workbook has no worksheet")
                ws = wb.worksheets[0]
                ws.reset_dimensions()
                line = 0
                for row in ws.iter_rows():
                    line = next((r for c in row if (r := getattr(c, "row", None))), line + 1)
                    if line > MAX_XLSX_ROWS:
                        raise FileProblem(
                            f"the sheet has rows past row {MAX_XLSX_ROWS} (the limit is "
                            f"{MAX_XLSX_ROWS}, as in Excel)"
                        )
                    values: list[object] = [c.value for c in row]
                    while values and values[-1] is None:
                        values.pop()
                    if len(values) > MAX_COLUMNS:
                        raise FileProblem(
                            f"this row has cells up to column {column_letter(len(values) - 1)} "
                            f"({len(values)} columns; the limit is {MAX_COLUMNS})",
                            line,
                        )
                    if values:
                        rows.append((line, values))
            finally:
                wb.close()
    except FileProblem:
        raise
    except Exception as exc:  # openpyxl's errors on a damaged part are of every kind
        text = one_line(f"{type(exc).__name__}: {exc}", 160)
        raise FileProblem(f"the workbook cannot be read ({text})") from None
    return rows
