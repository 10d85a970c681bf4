"""bench/notes-check.sh's bookkeeping: which post each note became, and the totals per collection."""
import json
import os
import sqlite3
import sys
import urllib.parse

NAV_FILES = {"_sidebar.md", "_navbar.md", "_coverpage.md", "summary.md"}
KINDS = ["raw TeX visible", "HTML shown as text", "literal **", "shown comments", "broken local images",
         "dead links to other posts", "formulas holding Chinese prose", "math errors", "notes missing",
         "images absent from the notes"]
# The last kind is the notes' own fault, not the site's: an image the note points at but its folder
# does not hold (Typora and docsify show nothing there either).


def notes_of(folder):
    """The note files of a collection, as keys relative to it (navigation files are not notes)."""
    keys = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__MACOSX")]
        for name in files:
            path = os.path.join(root, name)
            # An empty file is no note to lose (the import names it).
            if name.lower().endswith((".md", ".markdown")) and name.lower() not in NAV_FILES and not empty(path):
                keys.append(os.path.relpath(path, folder).replace(os.sep, "/"))
    return sorted(keys)


def empty(path):
    with open(path, "rb") as f:
        return not f.read(4096).strip(b" \t\r\n\xef\xbb\xbf")


def label(folder):
    """A collection's name in the report: its folder and the folder above (docs/ alone says little)."""
    return "/".join(os.path.normpath(folder).split(os.sep)[-2:])


def list_posts(db, folders):
    posts = sqlite3.connect(db).execute(
        "select Slug, SourceKey from Posts where DeletedAt is null and SourceKey is not null").fetchall()
    claimed = {}  # slug -> (collection, key) of the last collection whose note it is
    entries, missing = [], []
    for folder in folders:
        collection = label(folder)
        for key in notes_of(folder):
            candidates = [(s, k) for s, k in posts if k == key or k.endswith("/" + key)]
            # The same key in two collections: the post whose source key names this collection
            # (the importer names it after the folder, or folder/docs: a tail of our label).
            own = [s for s, k in candidates if k == key or collection.endswith(k[:-len(key) - 1])]
            candidates = own or [s for s, _ in candidates]
            if not candidates:
                missing.append({"collection": collection, "key": key, "why": "no post"})
                continue
            slug = candidates[0]
            if slug in claimed:  # a later collection's note took this post over
                missing.append({"collection": claimed[slug][0], "key": claimed[slug][1], "why": f"overwritten by {collection}/{key}"})
            claimed[slug] = (collection, key)
    for slug, (collection, key) in claimed.items():
        entries.append({"collection": collection, "key": key, "slug": slug})
    # Posts that are no note of the collections (navigation files imported as posts) are checked too.
    known = set(claimed)
    for slug, key in posts:
        if slug not in known:
            entries.append({"collection": "(not a note)", "key": key, "slug": slug})
    return {"posts": entries, "missing": missing}


def lacking(folder, key, src):
    """Whether an image left as written points at no file of the collection (read as Typora reads it: relative to the note, URL-decoded)."""
    path = urllib.parse.unquote(src.split("?")[0].split("#")[0])
    if path.startswith("/") or ":" in path.split("/")[0]:
        return True  # /Users/..., C:\\..., file: -- not in any folder a user could bring
    return not os.path.isfile(os.path.join(folder, os.path.dirname(key), path))


def report(listing, results_file, folders):
    listing = json.load(open(listing))
    results = [json.loads(line) for line in open(results_file) if line.strip()]
    folder_of = {label(f): f for f in folders}
    for r in results:
        broken = r["problems"].pop("broken local images", [])
        absent = [src for src in broken if r["collection"] in folder_of and lacking(folder_of[r["collection"]], r["key"], src)]
        ours = [src for src in broken if src not in absent]
        if ours:
            r["problems"]["broken local images"] = ours
        if absent:
            r["problems"]["images absent from the notes"] = absent
    collections = [label(f) for f in folders] + ["(not a note)"]
    print("\n== per post (only posts with problems)")
    for r in results:
        if r["problems"]:
            details = "; ".join(f"{k} x{len(v)} ({', '.join(dict.fromkeys(v))[:160]})" for k, v in r["problems"].items())
            print(f"  {r['collection']}/{r['key']} -> /posts/{r['slug']}: {details}")
    for m in listing["missing"]:
        print(f"  {m['collection']}/{m['key']}: note missing ({m['why']})")
    print("\n== pages with each problem, per collection")
    header = f"{'collection':<24}{'posts':>6}" + "".join(f"{k[:14]:>16}" for k in KINDS)
    print(header)
    totals = {k: 0 for k in KINDS}
    total_posts = 0
    for c in collections:
        mine = [r for r in results if r["collection"] == c]
        lost = [m for m in listing["missing"] if m["collection"] == c]
        if not mine and not lost:
            continue
        counts = {k: sum(1 for r in mine if k in r["problems"]) for k in KINDS}
        counts["notes missing"] += len(lost)
        total_posts += len(mine)
        for k in KINDS:
            totals[k] += counts[k]
        print(f"{c:<24}{len(mine):>6}" + "".join(f"{counts[k]:>16}" for k in KINDS))
    print(f"{'total':<24}{total_posts:>6}" + "".join(f"{totals[k]:>16}" for k in KINDS))


if __name__ == "__main__":
    if sys.argv[1] == "list":
        json.dump(list_posts(sys.argv[2], sys.argv[3:]), sys.stdout, ensure_ascii=False)
    else:
        report(sys.argv[2], sys.argv[3], sys.argv[4:])
