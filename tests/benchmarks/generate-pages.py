#!/usr/bin/env python3
"""Adds N published pages to a Zaitaku.Web SQLite database, for backup and restore figures only.

Usage: generate-pages.py <data folder>/zaitaku.db [N]

The pages go under a new section 「計測用の生成ページ（サンプル）」 below the home page; each is a copy of
a seeded content page with its own name, address and a body of about 3 KB, published. Never run it on
a real site's database.
"""
import datetime
import json
import sqlite3
import sys
import uuid

db_path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
db = sqlite3.connect(db_path)
home_id, = db.execute("SELECT Id FROM ContentNode WHERE ParentId IS NULL ORDER BY SortOrder LIMIT 1").fetchone()
alias, values = db.execute(
    "SELECT n.ContentTypeAlias, v.ValuesJson FROM ContentNode n JOIN ContentVersion v ON v.Id = n.PublishedVersionId "
    "WHERE n.ContentTypeAlias = 'contentPage' LIMIT 1").fetchone()
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
paragraph = "在宅医療と介護の連携について、計測のために生成した文章です。（サンプル）"


def add(parent, sort, name, segment, body):
    v = json.loads(values)
    v["body"] = body
    cur = db.execute(
        "INSERT INTO ContentNode (Key, ParentId, SortOrder, ContentTypeAlias, CreatedUtc, Trashed, PublishedUtc) VALUES (?, ?, ?, ?, ?, 0, ?)",
        (str(uuid.uuid4()), parent, sort, alias, now, now))
    node = cur.lastrowid
    version = db.execute(
        "INSERT INTO ContentVersion (NodeId, Name, UrlSegment, ValuesJson, UpdatedUtc, CreatedUtc, CreatedBy) VALUES (?, ?, ?, ?, ?, ?, 'generate-pages')",
        (node, name, segment, json.dumps(v, ensure_ascii=False), now, now)).lastrowid
    db.execute("UPDATE ContentNode SET DraftVersionId = ?, PublishedVersionId = ? WHERE Id = ?", (version, version, node))
    return node


with db:
    section = add(home_id, 9000, "計測用の生成ページ（サンプル）", "generated", paragraph)
    for i in range(count):
        add(section, i, f"生成ページ {i + 1}（サンプル）", f"page-{i + 1}", "\n\n".join(f"{paragraph} {i + 1}-{p}" for p in range(40)))
print(f"{count} pages added under node {section}")
