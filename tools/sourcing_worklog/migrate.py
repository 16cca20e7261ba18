"""One-off: build the new data files from HEAD's events.csv plus the sourcing groups' output. Not committed."""
import csv, io, subprocess, sys, json, glob, re
from collections import defaultdict, OrderedDict
from urllib.parse import urlparse

ROOT = "/work/main"
def head(path):
    return subprocess.run(["git", "-C", ROOT, "show", f"82c26a3:{path}"], capture_output=True, text=True, check=True).stdout
old_events = list(csv.DictReader(io.StringIO(head("data/events.csv"))))
old_sources = list(csv.DictReader(io.StringIO(head("data/event_sources.csv"))))
exec(open("/work/sourcing/overrides.py").read())
_policy = json.load(open(f"{ROOT}/data/datapackage.json"))["sourcing"]
def STATE_MEDIA(url):
    host = (urlparse(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in _policy["state_media_hosts"])  # defines EVENT_EDITS, NEW_EVENTS, DROP_EVENTS, COVERAGE_EXTRA, etc.

FIELDS = ["id","date","date_precision","end_date","public_from","label","title","summary","actors","region","category","reading","period","notes","essay_check","check_public_from"]
events = []
for e in old_events:
    if e["id"] in DROP_EVENTS: continue
    row = {k: e.get(k, "") for k in FIELDS}
    row["public_from"] = e["date"]
    row["_paragraphs"] = e["paragraphs"]
    events.append(row)
for path in sorted(glob.glob("/work/sourcing/*/new_events.csv")):
    for e in csv.DictReader(open(path, encoding="utf-8")):
        e = {k: (v or "").strip() for k, v in e.items() if k}
        e["period"] = "epilogue" if e["date"].ljust(10, "-") > "2015-12-01" else "background"
        NEW_EVENTS.append(e)
for e in NEW_EVENTS:
    row = {k: e.get(k, "") for k in FIELDS}
    row["public_from"] = e.get("public_from") or e["date"]
    row["_paragraphs"] = e.get("paragraphs", "")
    events.append(row)
by_id = {e["id"]: e for e in events}
for eid, edits in EVENT_EDITS.items():
    for k, v in edits.items():
        if k == "paragraphs": by_id[eid]["_paragraphs"] = v
        else: by_id[eid][k] = v
exec(open("/work/sourcing/labels.py").read())
for eid, label in LABELS.items():
    if eid in by_id: by_id[eid]["label"] = label
for e in events:
    if e["essay_check"] and not e["check_public_from"]:
        e["check_public_from"] = e["public_from"]
def sort_key(e): return (e["date"].ljust(10, "0"), e["id"])
events.sort(key=sort_key)
out = io.StringIO(); w = csv.DictWriter(out, FIELDS, lineterminator="\n", extrasaction="ignore"); w.writeheader(); w.writerows(events)
open(f"{ROOT}/data/events.csv", "w").write(out.getvalue())

# coverage: the hand-written draft (paragraph|event|relation|why)
rows = []
for line in open("/work/sourcing/coverage_draft.txt", encoding="utf-8").read().strip().split("\n"):
    p, eid, rel, why = line.split("|", 3)
    if eid not in by_id:
        print("coverage names unknown event", eid, file=sys.stderr); continue
    rows.append({"paragraph": p, "event_id": eid, "relation": rel, "why": why})
covered = {(r["paragraph"], r["event_id"]) for r in rows}
for e in NEW_EVENTS:
    for p in [p for p in e.get("paragraphs", "").split(";") if p]:
        if (p, e["id"]) not in covered and e["id"] in by_id:
            rows.append({"paragraph": p, "event_id": e["id"], "relation": "context", "why": f"Added with its sources by the re-sourcing: {e['title']}."})
rows.sort(key=lambda r: (r["paragraph"], sort_key(by_id[r["event_id"]])))
out = io.StringIO(); w = csv.DictWriter(out, ["paragraph","event_id","relation","why"], lineterminator="\n"); w.writeheader(); w.writerows(rows)
open(f"{ROOT}/data/coverage.csv", "w").write(out.getvalue())

# sources: the groups' files, in event order
src = []
resourced = set()
for path in glob.glob("/work/sourcing/*/sources.csv"):
    if "/DEV/" not in path:
        resourced |= {r["event_id"] for r in csv.DictReader(open(path, encoding="utf-8"))}
for path in sorted(glob.glob("/work/sourcing/*/sources.csv")):
    dev = "/DEV/" in path
    for r in csv.DictReader(open(path, encoding="utf-8")):
        r = {k: (v or "").strip() for k, v in r.items() if k}
        if r["event_id"] in RENAME: r["event_id"] = RENAME[r["event_id"]]
        if (r["event_id"], r["url"]) in DROP_SOURCES: continue
        if dev and (r["event_id"] in resourced or r.get("publisher") == "DEV"): continue
        if STATE_MEDIA(r["url"]): r["kind"] = "state_media"
        src.append(r)
src += EXTRA_SOURCES
order = {e["id"]: i for i, e in enumerate(events)}
missing = [r for r in src if r["event_id"] not in order]
if missing: print("sources for unknown events:", sorted({r["event_id"] for r in missing}), file=sys.stderr)
src = [r for r in src if r["event_id"] in order]
kind_rank = ["primary","wire","press","scholarly","reference","state_media"]
src.sort(key=lambda r: (order[r["event_id"]], kind_rank.index(r["kind"]) if r["kind"] in kind_rank else 9))
out = io.StringIO(); w = csv.DictWriter(out, ["event_id","kind","publisher","title","url","confirms"], lineterminator="\n", extrasaction="ignore"); w.writeheader(); w.writerows(src)
open(f"{ROOT}/data/event_sources.csv", "w").write(out.getvalue())

out = io.StringIO(); w = csv.DictWriter(out, ["event_id","field","date","status","publisher","url","why"], lineterminator="\n"); w.writeheader(); w.writerows(ALTERNATIVES)
open(f"{ROOT}/data/date_alternatives.csv", "w").write(out.getvalue())
print(len(events), "events", len(rows), "coverage rows", len(src), "sources", len(ALTERNATIVES), "alternatives")
