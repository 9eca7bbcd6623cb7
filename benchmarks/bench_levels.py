"""The levels of centers (issue 15 §6), measured against a real PostgreSQL started here.

    python benchmarks/bench_levels.py [--clocks 1000000] [--open-share 0.3] [--runs 21]

A province of 111 centers in a tree (1 province, 14 cities, 96 counties: the Guangxi shape),
`--clocks` case clocks spread over the 111 (filled by generate_series as the superuser),
`--open-share` of them with their completion clock running (the rest decided, refused or
withdrawn: no clock); the fill is tallied by the clocks' triggers as supervision's refresh
is. A supervision terminal of the province (`--reads tree`), logged in as its own role, reads
its whole tree with the counts per center — running, paused, warning (yellow), overdue (red)
— through row-level security keyed on the tree (`central.tree_counts`, over the tallies):
target ≤ 200 ms. Beside it, in the same run: the superuser counting the clocks themselves
(the baseline the tallies replace), the same `tree_counts` as the superuser, who passes
row-level security, and a city's supervision terminal (its city and its counties); and
whether the tallies give the clocks' counts. Then `read_tree`, as `onewindow central tree` calls it (a new
connection, the tree and the counts in one snapshot).

Prints figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from app.central.logins import add_center, add_counter  # noqa: E402
from app.central.schema import central_engine  # noqa: E402
from app.central.tree import read_tree  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402

PROVINCE = "45"
CITIES = [f"45{n:02d}" for n in range(1, 15)]
#: 96 counties, dealt out to the 14 cities in turn (seven or six each)
COUNTIES = [(f"{CITIES[n % 14]}{n // 14 + 1:02d}", CITIES[n % 14]) for n in range(96)]
TODAY = date(2026, 12, 7)
COUNTS = "SELECT * FROM central.tree_counts(%(today)s)"
#: the same counts straight from the clocks, as the superuser (no row-level security)
COUNTED = (
    "SELECT center, count(*), count(*) FILTER (WHERE paused),"
    " count(*) FILTER (WHERE NOT paused AND due >= %(today)s AND warning_from <= %(today)s),"
    " count(*) FILTER (WHERE NOT paused AND due < %(today)s)"
    " FROM central.case_clocks WHERE open GROUP BY center"
)


def build(url: str) -> tuple[str, str]:
    """The tree, and the URLs of the province's and the first city's supervision terminals."""
    with central_engine(url) as engine, engine.begin() as connection:
        add_center(connection, PROVINCE, "广西壮族自治区政务服务中心", "province", None)
        for city in CITIES:
            add_center(connection, city, f"市级中心{city}", "city", PROVINCE)
        for county, city in COUNTIES:
            add_center(connection, county, f"县级中心{county}", "district", city)
        province = add_counter(connection, PROVINCE, 1, reads="tree")
        city = add_counter(connection, CITIES[0], 1, reads="tree")
    return province.url(url), city.url(url)


def fill(url: str, clocks: int, open_share: float) -> None:
    """`clocks` case clocks over the 111 centers; the running ones due over 60 days around
    TODAY, one in 40 of them paused."""
    codes = [PROVINCE, *CITIES, *(county for county, _ in COUNTIES)]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO central.case_clocks (case_id, center, open, paused, due, warning_from)"
            " SELECT gen_random_uuid(), (%(codes)s::text[])[1 + n %% %(centers)s],"
            " running, running AND n %% 40 = 0,"
            " CASE WHEN running THEN %(today)s::date - 30 + n %% 60 END,"
            " CASE WHEN running THEN %(today)s::date - 33 + n %% 60 END"
            " FROM generate_series(1, %(clocks)s) n,"
            " LATERAL (SELECT (n::bigint * 7919) %% 1000 < %(permille)s AS running) r",
            {
                "codes": codes,
                "centers": len(codes),
                "today": TODAY,
                "clocks": clocks,
                "permille": round(open_share * 1000),
            },
        )
        connection.execute("VACUUM ANALYZE central.case_clocks")


def timed(url: str, runs: int, query: str = COUNTS) -> tuple[list[float], int]:
    """Milliseconds of each run of `query` on one open connection; centers counted."""
    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(query, {"today": TODAY}).fetchall()
        times = milliseconds(lambda: connection.execute(query, {"today": TODAY}).fetchall(), runs)
    return times, len(rows)


def agree(url: str) -> bool:
    """Whether the tallies give the counts the clocks give."""
    with psycopg.connect(url) as connection:
        tallied = connection.execute(COUNTS, {"today": TODAY}).fetchall()
        counted = connection.execute(COUNTED, {"today": TODAY}).fetchall()
    return sorted(tallied) == sorted(counted)


def line(label: str, times: list[float], centers: int) -> str:
    return (
        f"  {label:<42} median {statistics.median(times):7.1f} ms,"
        f" worst {max(times):7.1f} ms  ({centers} centers)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=1_000_000)
    parser.add_argument("--open-share", type=float, default=0.3)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with scratch_central("onewindow-bench-levels-") as (_, url):
        province, city = build(url)
        fill(url, args.clocks, args.open_share)
        with psycopg.connect(url) as connection:
            held, running = connection.execute(
                "SELECT count(*), count(*) FILTER (WHERE open) FROM central.case_clocks"
            ).fetchone() or (0, 0)
        print(
            f"{1 + len(CITIES) + len(COUNTIES)} centers (1 + {len(CITIES)} + {len(COUNTIES)}),"
            f" {held:,} case clocks, {running:,} of them running"
        )
        print("counts per center (running, paused, warning, overdue), one open connection:")
        counted, everything = timed(url, args.runs, COUNTED)
        print(line("baseline: superuser, counting the clocks", counted, everything))
        baseline, everything = timed(url, args.runs)
        print(line("baseline: superuser, the tallies, no RLS", baseline, everything))
        at_top, seen = timed(province, args.runs)
        print(line("the province's supervision terminal (RLS)", at_top, seen))
        below, in_city = timed(city, args.runs)
        print(line("a city's supervision terminal (RLS)", below, in_city))
        print(
            f"  province / superuser's tallies: "
            f"{statistics.median(at_top) / statistics.median(baseline):.2f}, province / counting"
            f" the clocks: {statistics.median(at_top) / statistics.median(counted):.3f}"
            f"   target: the province ≤ 200 ms;  tallies agree with the clocks: {agree(url)}"
        )
        whole = milliseconds(lambda: read_tree(province, TODAY), max(5, args.runs // 3))
        print(
            line(
                "read_tree (connect, tree, counts) province", whole, len(read_tree(province, TODAY))
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
