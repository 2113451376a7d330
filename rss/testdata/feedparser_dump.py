"""Parse a feed file with Debian's python3-feedparser and print what it read
as JSON, for rss/clients_test.go."""
import json
import sys

import feedparser

d = feedparser.parse(open(sys.argv[1], "rb").read())
out = {
    "bozo": bool(d.bozo),
    "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "namespaces": d.namespaces,
    "feed_title": d.feed.get("title", ""),
    "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
    "entries": [],
}
for e in d.entries:
    out["entries"].append({
        "title": e.get("title", ""),
        "title_type": e.get("title_detail", {}).get("type", ""),
        "summary_type": e.get("summary_detail", {}).get("type", ""),
        "link": e.get("link", ""),
        "id": e.get("id", ""),
        "published": e.get("published", ""),
        "summary": e.get("summary", ""),
        "tags": [{"term": t.get("term"), "scheme": t.get("scheme")} for t in e.get("tags", [])],
        "bw": {k: v for k, v in e.items() if k.startswith("bw_")},
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
