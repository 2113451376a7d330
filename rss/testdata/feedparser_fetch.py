"""Fetch a feed URL with python3-feedparser, sending the ETag and
Last-Modified given (empty for none), and print the HTTP status, the new
validators and the number of entries as JSON, for rss/clients_test.go."""
import json
import sys

import feedparser

url, etag, modified = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None
d = feedparser.parse(url, etag=etag, modified=modified)
json.dump({
    "status": d.get("status"),
    "etag": d.get("etag", ""),
    "modified": d.get("modified", ""),
    "entries": len(d.entries),
    "bozo": bool(d.bozo),
}, sys.stdout)
