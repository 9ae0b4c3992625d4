"""Forms from the command line: ``export-form FORM OUT.pdf`` and ``forms [FORM [KEY=VALUE…]]``."""

from __future__ import annotations

import argparse

from plnjournal.cli.args import output_path
from plnjournal.cli.context import Context
from plnjournal.cli.output import info, print_json, print_warning
from plnjournal.core.dates import parse_date
from plnjournal.core.forms import fill, spec
from plnjournal.errors import InputError
from plnjournal.lazy import lazy_module

# The PDF writer loads Qt: only when a form is written, never for `forms`.
form_writer = lazy_module("plnjournal.report_pdf.form_writer")


def cmd_export_form(args: argparse.Namespace, ctx: Context) -> int:
    """Fill the form and write it; private reflections stay out unless asked."""
    form_spec = spec.find_form(args.form)
    out = output_path(
        args.out, default_name=f"{form_spec.id}.pdf", force=args.force, what="export-form"
    )
    if out.suffix.lower() != ".pdf":
        raise InputError(f"{args.out}: give a file name ending in .pdf")
    if out.exists() and out.resolve() == ctx.db_path.resolve():
        raise InputError(f"{args.out}: is the journal itself; choose another file name")
    start = parse_date(args.start, what="--from") if args.start else None
    end = parse_date(args.end, what="--to") if args.end else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")
    with ctx.db(create=False).session() as session:
        filled = fill.fill_form(
            session,
            form_spec,
            entry_ids=tuple(args.entries or ()),
            start=start,
            end=end,
            include_private=args.include_private,
            anonymize_mentors=args.anonymize_mentors,
        )
    result = form_writer.write_form_pdf(filled, out, paper=args.paper)
    pages = f"{result.pages} page{'s' * (result.pages != 1)}"
    info(f"Wrote {result.path}: {filled.summary()}, {pages}.")
    if filled.missing:
        print_warning("left empty: " + "; ".join(filled.missing[:5]))
    return 0


def cmd_forms(args: argparse.Namespace, ctx: Context) -> int:
    """List the forms, or show and set one form's details."""
    forms, problems = spec.available_forms()
    for problem in problems:
        print_warning(f"a form file was skipped: {problem}")
    if args.form is None:
        if args.values:
            raise InputError("give the form's id before KEY=VALUE")
        if args.json:
            print_json(
                [
                    {
                        "id": f.id,
                        "title": f.title,
                        "subtitle": f.subtitle,
                        "reflection_model": f.reflection_model,
                        "builtin": f.builtin,
                    }
                    for f in forms
                ]
            )
            return 0
        for f in forms:
            title = f.title + (f" ({f.subtitle})" if f.subtitle else "")
            info(f"{f.id:28} {title}; write with the {f.reflection_model!r} reflection model")
        return 0
    form_spec = spec.find_form(args.form)
    values = dict(_pair(text, form_spec) for text in args.values)
    with ctx.db(create=bool(values)).session() as session:
        if values:
            fill.save_details(session, form_spec, values)
        details = fill.read_details(session, form_spec)
    if args.json:
        print_json(details)
        return 0
    if values:
        info(f"Saved {len(values)} detail{'s' * (len(values) != 1)} for {form_spec.title!r}.")
    for detail in form_spec.details:
        shown = details.get(detail.key) or "(not given)"
        info(f"{detail.key:22} {detail.label}: {shown}")
    return 0


def _pair(text: str, form_spec: spec.FormSpec) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise InputError(f"{text!r}: write KEY=VALUE (e.g. own_pin=12A3456E)")
    known = {d.key: d for d in form_spec.details}
    if key not in known:
        raise InputError(
            f"{key!r}: is not a detail of {form_spec.id!r} (its details: {', '.join(known)})"
        )
    if known[key].date and value.strip():
        value = parse_date(value.strip(), what=key).isoformat()
    return key, value
