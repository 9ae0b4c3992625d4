"""Fuzz family: skills framework files (``skills import``), from the built-in frameworks as
JSON and as CSV, plus crafted attacks (issue 18: nesting, huge numbers, wrong types, absurd
counts and sizes, encodings)."""

from __future__ import annotations

import json
from importlib import resources

from fuzz import Family

HEADER = "area,code,name,description,target_level,cadence_days\n"
MB = 1024 * 1024


def _builtin() -> dict[str, object]:
    folder = resources.files("plnjournal.resources").joinpath("frameworks")
    return json.loads(folder.joinpath("teaching.json").read_text(encoding="utf-8"))


def _seeds() -> list[tuple[str, bytes]]:
    from plnjournal.core.frameworks.csv_files import spec_to_csv
    from plnjournal.core.frameworks.spec import builtin_frameworks, load_builtin

    folder = resources.files("plnjournal.resources").joinpath("frameworks")
    seeds = []
    for framework_id in builtin_frameworks():
        seeds.append((f"{framework_id}.json", folder.joinpath(f"{framework_id}.json").read_bytes()))
        seeds.append((f"{framework_id}.csv", spec_to_csv(load_builtin(framework_id)).encode()))
    # The formats programmes publish: a SmartEvidence matrix, a CASE package, a workbook.
    examples = resources.files("plnjournal.resources").joinpath("examples/frameworks")
    for name in ("early-career-teaching.matrix", "nurse-proficiencies.case.json"):
        seeds.append((name, examples.joinpath(name).read_bytes()))
    seeds.append(
        ("formation-enseignants.xlsx", examples.joinpath("formation-enseignants.xlsx").read_bytes())
    )
    return seeds


def _example(name: str) -> dict[str, object]:
    folder = resources.files("plnjournal.resources").joinpath("examples/frameworks")
    return json.loads(folder.joinpath(name).read_text(encoding="utf-8"))


def _published() -> list[tuple[str, bytes]]:
    """Crafted SmartEvidence and CASE files: wrong types, references to nothing, circles, a
    very deep tree, absurd counts."""
    matrix = _example("early-career-teaching.matrix")
    fw = matrix["framework"]
    case = _example("nurse-proficiencies.case.json")
    items = case["CFItems"]
    chain = [{"identifier": f"i{n}", "fullStatement": f"S{n}"} for n in range(5000)]
    links = [
        {
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": f"i{n}"},
            "destinationNodeURI": {
                "identifier": f"i{n - 1}" if n else case["CFDocument"]["identifier"]
            },
        }
        for n in range(5000)
    ]
    return [
        (
            "types.matrix",
            json.dumps(
                {"framework": fw | {"standards": {"a": 1}, "standardelements": [1, None, "x"]}}
            ).encode(),
        ),
        (
            "statuses.matrix",
            json.dumps(
                {"framework": fw | {"evidencestatuses": [{"completed": ["x"]}, 5, {}]}}
            ).encode(),
        ),
        (
            "ids.matrix",
            json.dumps(
                {
                    "framework": fw
                    | {
                        "standardelements": [
                            e | {"standardid": [1], "parentelementid": {"a": 1}}
                            for e in fw["standardelements"]
                        ]
                    }
                }
            ).encode(),
        ),
        (
            "many.matrix",
            json.dumps(
                {
                    "framework": fw
                    | {
                        "standardelements": [
                            {"shortname": f"E{n}", "name": f"N{n}", "standardid": 1}
                            for n in range(20_000)
                        ]
                    }
                }
            ).encode(),
        ),
        ("no-framework.matrix", b'{"framework": []}'),
        (
            "case-types.json",
            json.dumps(
                case
                | {
                    "CFItems": [
                        1,
                        {"identifier": ["x"]},
                        {"identifier": "y", "fullStatement": {"a": 1}},
                    ],
                    "CFAssociations": "x",
                }
            ).encode(),
        ),
        (
            "case-chain.json",
            json.dumps(case | {"CFItems": chain, "CFAssociations": links}).encode(),
        ),
        ("case-dupes.json", json.dumps(case | {"CFItems": items + items}).encode()),
        (
            "case-sequence.json",
            json.dumps(
                case
                | {"CFAssociations": [a | {"sequenceNumber": "x"} for a in case["CFAssociations"]]}
            ).encode(),
        ),
    ]


def _with(**over: object) -> bytes:
    return json.dumps(_builtin() | over, indent=1).encode()


def _skill(**over: object) -> bytes:
    doc = _builtin()
    doc["areas"][0]["skills"][0].update(over)  # type: ignore[index]
    return json.dumps(doc, indent=1).encode()


def _crafted() -> list[tuple[str, bytes]]:
    deep = b"[" * 100_000 + b"]" * 100_000
    return [
        ("deep.json", deep),
        ("deep-value.json", _with(description="D").replace(b'"D"', b"[" * 400 + b"]" * 400)),
        ("digits.json", _with(version=1).replace(b'"version": 1', b'"version": ' + b"9" * 5000)),
        (
            "digits-4000.json",
            _skill(target_level=0).replace(b'"target_level": 0', b'"target_level": ' + b"9" * 4000),
        ),
        ("nan.json", _with(version=1).replace(b'"version": 1', b'"version": NaN')),
        ("cadence.json", _with(default_cadence_days=10**40)),
        ("cadence-float.json", _skill(cadence_days=1e308)),
        (
            "scale.json",
            _with(scale=[{"level": 10**300, "label": "a"}, {"level": 10**300 + 1, "label": "b"}]),
        ),
        ("levels.json", _with(scale=[{"level": n, "label": str(n)} for n in range(100_000)])),
        (
            "types.json",
            _with(
                name=["x"],
                description={"a": 1},
                areas=[
                    {
                        "name": {"a": [1]},
                        "skills": [
                            {
                                "code": ["a\nb"],
                                "name": 5.5,
                                "description": [1],
                                "target_level": 3.0,
                                "levels": {"a": 1},
                                "keywords": "x",
                            }
                        ],
                    }
                ],
            ),
        ),
        ("areas.json", _with(areas=[{"name": f"A{i}", "skills": []} for i in range(5000)])),
        (
            "skills.json",
            _with(
                areas=[
                    {
                        "name": "A",
                        "skills": [
                            {"code": f"C{i}", "name": f"N{i}", "target_level": 3}
                            for i in range(20_000)
                        ],
                    }
                ]
            ),
        ),
        ("keywords.json", _skill(keywords=[f"w{i}" for i in range(10_000)])),
        ("long-name.json", _skill(name="n" * (2 * MB), code="c" * MB)),
        ("big.json", b" " * (6 * MB) + _with()),
        ("top-list.json", b"[1, 2, 3]"),
        ("control.json", _skill(name="\x1b]0;pwned\x07", code="a\u2028b")),
        (
            "wide.csv",
            (HEADER.strip() + "," + ",".join(f"x{i}" for i in range(300_000)) + "\n").encode(),
        ),
        (
            "header-newline.csv",
            b'area,code,name,description,target_level,"bad\nhead"\nA,C1,N,D,3\n',
        ),
        ("digits.csv", (HEADER + "A,C1,N,D," + "9" * 5000 + ",1\n").encode()),
        ("cadence.csv", (HEADER + "A,C1,N,D,3,1e308\nA,C2,N2,D,3," + "9" * 400 + ".0\n").encode()),
        (
            "level-column.csv",
            b"area,code,name,description,target_level,level_99999999999\nA,C1,N,D,3,x\n",
        ),
        (
            "level-digits.csv",
            (
                "area,code,name,description,target_level,level_" + "9" * 5000 + "\nA,C1,N,D,3,x\n"
            ).encode(),
        ),
        (
            "rows.csv",
            (HEADER + "".join(f"A{i % 300},C{i},N{i},D,3,\n" for i in range(30_000))).encode(),
        ),
        ("long-cell.csv", (HEADER + "A,C1,N," + "d" * 200_000 + ",3,\n").encode()),
        ("nul.csv", (HEADER + "A,C1,N\0,D,3,\n").encode()),
        ("utf16.csv", (HEADER + "A,C1,N,D,3,\n").encode("utf-16-le")),
        ("utf16-bom.json", b"\xff\xfe" + _with().decode().encode("utf-16-le")),
        ("latin1.csv", (HEADER + "A,C1,Jos\xe9,D,3,\n").encode("latin-1")),
        ("old-mac.csv", (HEADER + "A,C1,N,D,3,\n").replace("\n", "\r").encode()),
    ]


FAMILY = Family(
    name="framework",
    argv=lambda path, db: ["--db", str(db), "skills", "import", str(path)],
    seeds=_seeds,
    crafted=lambda: _crafted() + _published(),
)
