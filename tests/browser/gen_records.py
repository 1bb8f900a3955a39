#!/usr/bin/env python3
"""Makes a large synthetic portfolio from real licscan records, for measuring
`licscan compare` and its HTML report at scale.

    gen_records.py IN.jsonl OUT.jsonl N [--link-dir DIR]

Record k is a copy of input record k % len(IN) with its dates shifted by
(k // len(IN)) % 9 - 4 years and, for exclusive grants, its territory rotated
through a fixed list, so copies are not all identical. With --link-dir each
copy's path becomes DIR/batch-NNN/<file name>, a symlink to the original file,
so the report can still read the agreement text (identical files are embedded
once, by SHA-256)."""
import json, os, re, sys

TERRITORIES = [["001"], ["US"], ["150"], ["CN"], ["US-CA"], ["419"], ["JP", "KR"], ["EU"], ["021"], ["IN"], ["001"], ["GB"]]
DATE = re.compile(r"^(\d{4})(-\d\d(?:-\d\d)?)?$")


def shift(d, years):
    m = DATE.match(d or "")
    if not m:
        return d
    y = int(m.group(1)) + years
    rest = m.group(2) or ""
    if rest == "-02-29":
        rest = "-02-28"
    return f"{y:04d}{rest}"


def main():
    args = sys.argv[1:]
    link_dir = None
    if "--link-dir" in args:
        i = args.index("--link-dir")
        link_dir = args[i + 1]
        del args[i : i + 2]
    src, dst, n = args[0], args[1], int(args[2])
    records = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
    with open(dst, "w", encoding="utf-8") as out:
        for k in range(n):
            r = json.loads(json.dumps(records[k % len(records)]))
            batch = k // len(records)
            orig = r["document"]["path"]
            if link_dir:
                d = os.path.join(link_dir, f"batch-{batch:03d}")
                os.makedirs(d, exist_ok=True)
                p = os.path.join(d, os.path.basename(orig))
                if not os.path.lexists(p):
                    os.symlink(os.path.abspath(orig), p)
                r["document"]["path"] = p
            else:
                r["document"]["path"] = f"portfolio/batch-{batch:03d}/{os.path.basename(orig)}"
            years = batch % 9 - 4
            t = r["terms"]["term"]
            for f in ("agreement_date", "effective_date", "expiration_date"):
                t[f] = shift(t.get(f), years)
            if r["terms"].get("exclusivity") in ("exclusive", "sole", "mixed") and batch:
                r["terms"]["territory"]["codes"] = TERRITORIES[(k * 7 + batch) % len(TERRITORIES)]
                r["terms"]["territory"]["excluded_codes"] = []
            out.write(json.dumps(r, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
