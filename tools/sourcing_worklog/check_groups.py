"""Check the groups' sources.csv files against the course rules before merging; print problems and coverage."""
import csv, glob, sys, json, collections
sys.path.insert(0, "/work/main")
from helpers import sources as sourcing
from helpers.tables import url_problem
events = {r["id"] for r in csv.DictReader(open("/work/main/data/events.csv"))}
new_ids = set()
for path in glob.glob("/work/sourcing/*/new_events.csv"):
    for r in csv.DictReader(open(path, encoding="utf-8")):
        new_ids.add(r["id"])
indep = collections.defaultdict(set); total = collections.Counter()
for path in sorted(glob.glob("/work/sourcing/*/sources.csv")):
    if "/DEV/" in path: continue
    for n, r in enumerate(csv.DictReader(open(path, encoding="utf-8")), start=2):
        r = {k: (v or "").strip() for k, v in r.items() if k}
        where = f"{path.split('/')[-2]}:{n}"
        problems = []
        if r.get("event_id") not in events | new_ids: problems.append(f"unknown event {r.get('event_id')}")
        if r.get("kind") not in sourcing.KIND_ORDER: problems.append(f"kind {r.get('kind')}")
        elif sourcing.kind_problem(r["kind"], r["url"]): problems.append(sourcing.kind_problem(r["kind"], r["url"]))
        if url_problem(r.get("url", "")): problems.append(url_problem(r["url"]))
        if sourcing.denied_class(r.get("url", "")): problems.append("denied " + sourcing.denied_class(r["url"]))
        if sourcing.placeholder(r.get("title", "")): problems.append("placeholder title")
        if not r.get("publisher"): problems.append("no publisher")
        if problems: print(where, r.get("event_id"), r.get("url"), problems)
        elif sourcing.independent(r["kind"]): indep[r["event_id"]].add(r["publisher"])
        total[r.get("event_id")] += 1
allids = events | new_ids
short = sorted(e for e in allids if len(indep[e]) < 2)
none = sorted(e for e in allids if len(indep[e]) == 0)
print(f"{len(allids)} events; {len(allids) - len(short)} with two independent publishers ({(len(allids)-len(short))/len(allids):.0%}); none: {len(none)}")
print("NONE:", none)
print("SHORT:", short)
