#!/bin/sh
# Install PLN Journal's desktop entry, AppStream metainfo and icons under PREFIX, so the app
# shows in the desktop's menu and software centre with its name and icon.
#
#   packaging/linux/install.sh [PREFIX] [EXEC]
#
# PREFIX defaults to ~/.local (after `pipx install plnjournal` or a pip install into a venv
# whose bin/ is on PATH); the Flatpak manifest runs it with /app. EXEC replaces the Exec= line,
# e.g. the full path of a PyInstaller bundle's plnjournal-gui.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
icons=$(cd "$here/../../resources/icons" && pwd)
prefix=${1:-$HOME/.local}
exec_cmd=${2:-}
id=io.github.plnjournal.PLNJournal

install -Dm644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
if [ -n "$exec_cmd" ]; then
    sed -i "s|^Exec=.*|Exec=$exec_cmd|" "$prefix/share/applications/$id.desktop"
fi
install -Dm644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
install -Dm644 "$icons/plnjournal.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "$icons/plnjournal-$size.png" \
        "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
echo "Installed $id into $prefix/share (applications, metainfo, icons/hicolor)"
