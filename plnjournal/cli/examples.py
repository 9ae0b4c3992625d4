"""The examples that end each command's --help: what people type most."""

from __future__ import annotations

# The "Examples" ending each command's --help: what people type most (docs, README).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "gui": ("plnjournal", "plnjournal --db ~/journals/placement.sqlite3"),
    "demo": ("plnjournal --db /tmp/try.sqlite3 demo", "plnjournal --db /tmp/big.sqlite3 demo --years 10"),
    "add": (
        'plnjournal add "Parents evening went better than I feared. @PA1"',
        "plnjournal add --date yesterday --skill CL1 --title Transitions -",
        'plnjournal add --responds 12 "I rushed the call because I dreaded it."',
    ),
    "search": ("plnjournal search parents", 'plnjournal search "bad news" --skill PA1 --from 2026-09-01'),
    "stats": ("plnjournal stats", "plnjournal stats --json"),
    "show": ("plnjournal show -n 3", "plnjournal show 42", "plnjournal show --on friday", "plnjournal show --tag calm -n 10"),
    "tags": ("plnjournal tags",),
    "skills": ("plnjournal skills import teaching", "plnjournal skills import standards.matrix", "plnjournal skills import package.json --root 00d2aac2-433d-5170-a7c5-f1c9c56af7d6", "plnjournal skills matrix", "plnjournal skills keywords PA1 --add phoned"),
    "import-feedback": ("plnjournal import-feedback okafor-november.csv --dry-run", "plnjournal import-feedback form.xlsx"),
    "feedback-template": ("plnjournal feedback-template ask-okafor.csv --skills PA1,CL3 --mentor 'Ms Okafor'",),
    "feedback-inbox": ("plnjournal feedback-inbox", "plnjournal feedback-inbox --limit 30"),
    "respond": ('plnjournal respond 12 "I avoid the call because I fear the anger."',),
    "feedback-praise": ("plnjournal feedback-praise 7", "plnjournal feedback-praise 7 --undo"),
    "avoidance": ("plnjournal avoidance", "plnjournal avoidance --as-of 2026-06-30 --json"),
    "chart": ("plnjournal chart avoidance ranking.png", "plnjournal chart trends trends.svg --skill PA1"),
    "export-form": (
        "plnjournal export-form nmc-reflective-accounts accounts.pdf",
        "plnjournal export-form mentor-meeting-record meetings.pdf --from 2026-09-01 --anonymize-mentors",
        "plnjournal export-form nmc-reflective-accounts accounts.pdf --entries 12 31 40 52 77",
    ),
    "forms": (
        "plnjournal forms",
        "plnjournal forms nmc-reflective-accounts",
        "plnjournal forms nmc-reflective-accounts own_pin=12A3456E discussion_date=2026-11-30",
    ),
    "export-pdf": ("plnjournal export-pdf progress.pdf", "plnjournal export-pdf term1.pdf --from 2026-09-01 --to 2026-12-18 --anonymize-mentors"),
    "export-evidence": ("plnjournal export-evidence ~/evidence/", "plnjournal export-evidence ~/evidence-for-portfolio/ --anonymize-mentors"),
    "import-journal": ("plnjournal import-journal ~/journal.txt --dry-run", "plnjournal import-journal dayone-export.zip"),
    "export-journal": ("plnjournal export-journal ~/journal-markdown/", "plnjournal export-journal everything.json --format json"),
    "backup": ("plnjournal backup", "plnjournal backup /media/usb/journal-copy.sqlite3"),
    "backups": ("plnjournal backups",),
    "restore": ("plnjournal restore before-migration-from-0002",),
    "settings": ("plnjournal settings language fr",),
    "edit": ("plnjournal edit 42", "EDITOR=nano plnjournal edit 42"),
    "delete": ("plnjournal delete 42", "plnjournal delete 40 41 42 --yes"),
    "trash": ("plnjournal trash", "plnjournal trash restore 3", "plnjournal trash empty"),
    "completion": ('eval "$(plnjournal completion bash)"',),
    "encrypt": ("plnjournal encrypt", "PLNJOURNAL_PASSPHRASE_FILE=~/.secret plnjournal encrypt"),
    "decrypt": ("plnjournal decrypt", "plnjournal decrypt --yes"),
    "passphrase": ("plnjournal passphrase change",),
    "recovery-key": ("plnjournal recovery-key new",),
    "unlock": ("plnjournal unlock", "plnjournal unlock --remember", "plnjournal unlock --forget"),
}  # fmt: skip
