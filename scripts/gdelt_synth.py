#!/usr/bin/env python3
"""Synthetic GDELT 2.0 event exports for benchmarking `relgraph import gdelt`.

Builds N rows by repeating and perturbing the real GDELT 2.0 sample in
../shared/external/gdelt/raw/ (61 tab-separated fields a row, as GDELT 2.0
writes them): each row is a real row with a new GLOBALEVENTID, a day drawn
at random within --from..--to (SQLDATE, MonthYear, Year, FractionDate and
DATEADDED follow it), and, for half the rows that name two countries, a
country pair drawn from the pairs present in both samples (GDELT 1.0 and
2.0). A fraction of rows (--duplicates) repeats one of the last 1,000 rows
exactly, GLOBALEVENTID included, as overlapping exports do. Seeded, so the
same arguments give the same file.

    scripts/gdelt_synth.py --rows 10000000 --out /tmp/gdelt-10m.CSV
"""

import argparse
import datetime
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "shared", "external", "gdelt", "raw")

# 0-based field indexes of a GDELT 2.0 row (see src/model/read/gdelt/layout.rs).
GLOBALEVENTID, SQLDATE, MONTHYEAR, YEAR, FRACTIONDATE = 0, 1, 2, 3, 4
ACTOR1_COUNTRY, ACTOR2_COUNTRY = 7, 17
DATEADDED = 59


def read_rows(path):
    with open(path, encoding="utf-8", newline="\n") as file:
        return [line.rstrip("\r\n").split("\t") for line in file if line.strip()]


def country_pairs(rows):
    """Every (actor-1 country, actor-2 country) of two different countries."""
    pairs = set()
    for row in rows:
        if len(row) in (57, 58, 61):
            one, two = row[ACTOR1_COUNTRY], row[ACTOR2_COUNTRY]
            if one and two and one != two:
                pairs.add((one, two))
    return sorted(pairs)


def days(start, end):
    count = (end - start).days + 1
    return [start + datetime.timedelta(days=n) for n in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from", dest="start", default="2015-01-01")
    parser.add_argument("--to", dest="end", default="2015-12-31")
    parser.add_argument("--duplicates", type=float, default=0.01,
                        help="share of rows repeating an earlier row exactly")
    parser.add_argument("--raw", default=RAW, help="folder of the real samples")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    templates = read_rows(os.path.join(args.raw, "20150218230000.export.CSV"))
    templates = [row for row in templates if len(row) == 61]
    gdelt1 = read_rows(os.path.join(args.raw, "gdelt1-sample-events.csv"))
    pairs = country_pairs(templates + gdelt1)
    calendar = []
    for day in days(datetime.date.fromisoformat(args.start), datetime.date.fromisoformat(args.end)):
        sqldate = day.strftime("%Y%m%d")
        fraction = "%d.%04d" % (day.year, (day.month * 30 + day.day) * 10000 // 365)
        calendar.append((sqldate, sqldate[:6], sqldate[:4], fraction))
    if not templates or not pairs:
        sys.exit(f"no GDELT 2.0 rows in {args.raw}")

    first_id = 900_000_000
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        batch, recent = [], []
        for n in range(args.rows):
            if recent and rng.random() < args.duplicates:
                batch.append(rng.choice(recent))
            else:
                batch.append(perturbed(rng, templates, first_id + n, calendar, pairs))
                recent.append(batch[-1])
                if len(recent) > 1000:
                    recent.pop(0)
            if len(batch) == 100_000:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")


def perturbed(rng, templates, event, calendar, pairs):
    """A real row with GLOBALEVENTID `event`, a random day, perhaps another country pair."""
    row = list(rng.choice(templates))
    row[GLOBALEVENTID] = str(event)
    sqldate, month, year, fraction = rng.choice(calendar)
    row[SQLDATE], row[MONTHYEAR], row[YEAR], row[FRACTIONDATE] = sqldate, month, year, fraction
    row[DATEADDED] = "%s%02d%02d00" % (sqldate, rng.randrange(24), 15 * rng.randrange(4))
    if row[ACTOR1_COUNTRY] and row[ACTOR2_COUNTRY] and rng.random() < 0.5:
        row[ACTOR1_COUNTRY], row[ACTOR2_COUNTRY] = rng.choice(pairs)
    return "\t".join(row)


if __name__ == "__main__":
    main()
