"""Derive src/dyads/data/cameo/cameo.tsv from the CAMEO and CAMEO->PLOVER references.

Facts taken: code, root, name, Goldstein value, quad class, description (CAMEO 1.1b3 via
cameo_event_codes.tsv) and the PLOVER type/mode/context (CAMEO2PLOVER-2021, Draft 0.8).
Run: .venv/bin/python tools/build_cameo_data.py ../shared/reference
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/dyads/data/cameo/cameo.tsv"

# PLOVER has no category for CAMEO 01 (statements); CAMEO 02 appeals fold into REQUEST
# (PLOVER manual 0.8, "REQUEST ... appeal"). Not in the 2021 table, so noted here.
ROOT_FALLBACK = {"01": "", "02": "REQUEST"}


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line or not line[:1].isdigit():
            continue
        code, rest = line.split(":", 1)
        parts = [p.strip() for p in rest.split(",")] + ["", ""]
        ptype, mode, context = parts[0], parts[1], parts[2]
        code = code.strip()
        if len(code) >= 3 and code not in table:
            table[code] = (ptype, mode, context.replace("; ", ";"))
        elif len(code) == 2:
            table.setdefault(code, (ptype, "", ""))
    return table


def main(ref: Path) -> None:
    plover = read_plover(ref / "CAMEO2PLOVER-2021.txt")
    rows = []
    with open(ref / "cameo_event_codes.tsv", encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            code = r["code"].strip()
            ptype, mode, context = plover.get(code, ("", "", ""))
            if not ptype:
                root_type = plover.get(code[:2], ("", "", ""))[0]
                ptype = ROOT_FALLBACK.get(code[:2], root_type)
            desc = " ".join(r["description"].replace("\ufffd", "'").split())
            rows.append([code, r["root"], r["name"].strip(), r["goldstein"], r["quad_class"],
                         ptype, mode, context, desc])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# CAMEO event codes with Goldstein scores, quad classes and PLOVER types.\n"
                 "# Sources: CAMEO manual 1.1b3 codes, names, Goldstein values, quad classes and\n"
                 "# descriptions (shared/reference/cameo_event_codes.tsv); PLOVER type, mode and\n"
                 "# context from CAMEO2PLOVER-2021.txt (PLOVER Draft 0.8). Root 01 has no PLOVER\n"
                 "# type; root 02 maps to REQUEST (PLOVER folds appeals into REQUEST).\n"
                 "# Regenerate with tools/build_cameo_data.py.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "root", "name", "goldstein", "quad_class", "plover_type",
                    "plover_mode", "plover_context", "description"])
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"))
