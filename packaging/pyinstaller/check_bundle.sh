#!/bin/sh
# Smoke-check a built one-folder bundle the way a user's machine runs it: no venv, no source
# tree, a scratch data folder, the window offscreen. Prints each step's wall time.
#
#   packaging/pyinstaller/check_bundle.sh [BUNDLE_FOLDER] [WINDOW.png]
#
# BUNDLE_FOLDER defaults to dist/pyinstaller/plnjournal; WINDOW.png, if given, receives a
# picture of the bundle's window (look at it: fonts, icons and styles come from the bundle).
set -eu
bundle=$(cd "${1:-dist/pyinstaller/plnjournal}" && pwd)
picture=""
if [ -n "${2:-}" ]; then
    picture="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PLNJOURNAL_HOME="$work/home" QT_QPA_PLATFORM=offscreen
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV PLNJOURNAL_DB
PATH=/usr/bin:/bin

step() {
    printf '\n$ %s\n' "$*"
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    echo "($(( (end - start) / 1000000 )) ms)"
}

step "$bundle/plnjournal" --version
step "$bundle/plnjournal" --db journal.sqlite3 demo
step "$bundle/plnjournal" --db journal.sqlite3 stats
step "$bundle/plnjournal" --db journal.sqlite3 export-pdf report.pdf
head -c 5 report.pdf | grep -q '%PDF-' || { echo "report.pdf is not a PDF" >&2; exit 1; }
for format in png svg pdf; do  # matplotlib picks its backend by the file's extension
    step "$bundle/plnjournal" --db journal.sqlite3 chart avoidance "chart.$format"
done
if [ -n "$picture" ]; then
    step "$bundle/plnjournal-gui" --db journal.sqlite3 gui --smoke-test --screenshot "$picture"
else
    step "$bundle/plnjournal-gui" --db journal.sqlite3 gui --smoke-test
fi
printf '\nbundle: %s, %s\n' "$bundle" "$(du -sh "$bundle" | cut -f1)"
echo "all bundle checks passed"
