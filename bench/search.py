"""Search benchmark: 100 varied queries on the synthetic archive, as the public and as a member.

    make archive        (once: ~3,000 meetings, 60,000 documents in database boardpapers_archive)
    make bench-search   (or: BOARDPAPERS_DB_NAME=boardpapers_archive .venv/bin/python bench/search.py)

Each query is the whole search page as a visitor gets it (Django's test client, so filters,
ranking, counts, snippets and the template are all in), timed from request to response. A
warm-up pass runs every query once; then --runs passes are timed and, per query, the median
of its runs is kept. Printed: p50/p95/max over the 100 queries per visitor and per class of
query, and the slowest queries, so a regression names its query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boardpapers.settings")
os.environ.setdefault("BOARDPAPERS_DEV", "true")
os.environ.setdefault("BOARDPAPERS_DB_NAME", "boardpapers_archive")

from bench.archive_setup import bench_member, setup_archive  # noqa: E402

# (class, query string). Words are the archive's own: it recombines the seed papers' text,
# so common words ("health", "council") match tens of thousands of rows and rare ones a few.
QUERIES: list[tuple[str, dict]] = [
    *(
        ("common word", {"q": q})
        for q in [
            "health",
            "council",
            "board",
            "services",
            "children",
            "care",
            "plan",
            "strategy",
            "mental health",
            "report",
            "partnership",
            "community",
            "safeguarding",
            "housing",
            "public health",
        ]
    ),
    *(
        ("rarer word", {"q": q})
        for q in [
            "playground",
            "dementia",
            "homelessness",
            "knife crime",
            "neurodiversity",
            "refuge",
            "tenants",
            "university",
            "outreach",
            "infant mortality",
            "restorative",
            "neglect",
            "victims",
            "prevalence",
            "relational",
            "college",
            "Wight",
            "abusive",
            "inactive",
            "Loeb",
            "pharmacy",
            "obesity",
            "smoking",
            "alcohol",
            "loneliness",
        ]
    ),
    *(
        ("two or three words", {"q": q})
        for q in [
            "domestic abuse",
            "air quality",
            "adult social care",
            "health and wellbeing strategy",
            "budget savings",
            "workforce recruitment",
            "joint strategic needs assessment",
            "substance misuse",
            "early help",
            "physical activity",
            "older people",
            "young carers",
            "school readiness",
            "suicide prevention",
            "integrated care board",
        ]
    ),
    *(
        ("phrase", {"q": q})
        for q in [
            '"the board noted"',
            '"mental health"',
            '"domestic abuse"',
            '"health and wellbeing board"',
            '"public health"',
            '"best start in life"',
            '"cost of living"',
            '"children and young people"',
            '"integrated care"',
            '"director of public health"',
        ]
    ),
    *(
        ("not / or", {"q": q})
        for q in [
            "health -mental",
            "housing or homelessness",
            "children -safeguarding",
            "alcohol or drugs",
            "dementia or loneliness",
            "budget -savings",
            "carers or caring",
            "refuge or shelter",
            "smoking -vaping",
            "obesity or overweight",
        ]
    ),
    *(
        ("filtered", {"q": q, **extra})
        for q, extra in [
            ("health", {"kind": "decision"}),
            ("housing", {"kind": "document"}),
            ("safeguarding", {"kind": "report"}),
            ("strategy", {"kind": "minute"}),
            ("budget", {"outcome": "deferred"}),
            ("mental health", {"start": "2020-01-01", "end": "2020-12-31"}),
            ("children", {"start": "2024-01-01"}),
            ("care", {"sort": "newest"}),
            ("domestic abuse", {"sort": "newest", "kind": "item"}),
            ("plan", {"end": "2015-12-31"}),
            ("partnership", {"outcome": "agreed"}),
            ("dementia", {"sort": "newest"}),
            ("public health", {"page": "3"}),
            ("council", {"page": "10"}),
            ("workforce", {"kind": "document", "sort": "newest"}),
        ]
    ),
    *(
        ("no match", {"q": q})
        for q in [
            "xylophone",
            "quantum entanglement",
            '"purple elephant parade"',
            "zzzz",
            "helicopter -council",
        ]
    ),
    *(
        ("body", {"q": q, "_body": True})
        for q in ["health", "care", "strategy", "housing", "dementia"]
    ),
]
assert len(QUERIES) == 100, len(QUERIES)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slowest", type=int, default=8)
    args = parser.parse_args()

    meetings = setup_archive()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from meetings.models import Body

    body = Body.objects.order_by("pk").first()
    member = bench_member(Body.objects.annotate(n=Count("meetings")).order_by("-n")[:3])

    visitors = {"public": Client(), "member": Client()}
    visitors["member"].force_login(member)

    def url(params: dict) -> str:
        params = dict(params)
        if params.pop("_body", False):
            params["body"] = body.pk
        return "/search/?" + urlencode(params)

    def timed(client: Client, address: str) -> float:
        started = time.perf_counter()
        response = client.get(address)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{address} answered {response.status_code}")
        return elapsed

    print(
        f"Archive: {meetings:,} meetings in {connection.settings_dict['NAME']}; "
        f"{len(QUERIES)} queries x {len(visitors)} visitors, {args.runs} timed runs each"
    )
    started = time.perf_counter()
    for client in visitors.values():
        for _, params in QUERIES:
            timed(client, url(params))
    print(f"Warm-up pass: {time.perf_counter() - started:.1f} s")

    results: dict[str, list[tuple[str, str, float]]] = {}
    for name, client in visitors.items():
        runs: list[list[float]] = [[] for _ in QUERIES]
        for _ in range(args.runs):
            for i, (_, params) in enumerate(QUERIES):
                runs[i].append(timed(client, url(params)))
        results[name] = [
            (kind, url(params), statistics.median(times))
            for (kind, params), times in zip(QUERIES, runs, strict=True)
        ]

    def line(label: str, times: list[float]) -> str:
        return (
            f"  {label:<20} n={len(times):>3}  p50 {percentile(times, 50):7.1f} ms  "
            f"p95 {percentile(times, 95):7.1f} ms  max {max(times):7.1f} ms"
        )

    for name, rows in results.items():
        print(f"\n{name} (median of {args.runs} runs per query)")
        print(line("all queries", [t for _, _, t in rows]))
        for kind in dict.fromkeys(k for k, _ in QUERIES):
            print(line(kind, [t for k, _, t in rows if k == kind]))
    everything = [t for rows in results.values() for _, _, t in rows]
    print("\n" + line("ALL (both visitors)", everything).strip())
    print(f"\nSlowest {args.slowest}:")
    slowest = sorted(
        ((t, name, address) for name, rows in results.items() for _, address, t in rows),
        reverse=True,
    )[: args.slowest]
    for t, name, address in slowest:
        print(f"  {t:7.1f} ms  {name:<6}  {address}")


if __name__ == "__main__":
    main()
