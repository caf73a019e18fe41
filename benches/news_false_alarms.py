#!/usr/bin/env python3
"""Count reckon's findings on real, published news (false-alarm measurement).

usage: python3 benches/news_false_alarms.py BIN [NEWS_DIR] [--out DIR] [--threads N]

Copies every article of NEWS_DIR/reuters21578 and NEWS_DIR/bbc (default
../shared/corpora/news) into a temporary folder as Markdown with front matter
`date:` taken from index.csv (Reuters; BBC articles have no date and stay
undated), runs `BIN check --format json --fail-on never` over it once, and
prints the errors and warnings per rule plus each finding's file, line and
message, so every one can be read. Nothing in NEWS_DIR is changed or copied
into the project. Standard library only.
"""
import csv, json, os, subprocess, sys, tempfile, collections


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    binary = os.path.abspath(args[0])
    news = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora", "news")
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else tempfile.mkdtemp(prefix="reckon-news-")
    threads = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "2"
    n = 0
    for corpus in ("reuters21578", "bbc"):
        os.makedirs(os.path.join(out, corpus), exist_ok=True)
        with open(os.path.join(news, corpus, "index.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text = open(os.path.join(news, corpus, row["file"]), encoding="utf-8").read()
                date = row.get("pub_date") or ""
                head = f"---\ndate: {date}\n---\n" if date else ""
                name = os.path.join(out, corpus, os.path.basename(row["file"]))
                with open(name, "w", encoding="utf-8") as g:
                    # Plain text with front matter: Markdown would read indented wire tables as code.
                    g.write(head + text)
                n += 1
    p = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", "--isolated", "--threads", threads, out],
                       capture_output=True)
    if p.returncode not in (0, 1):
        print(p.stderr.decode(errors="replace")[:2000])
    doc = json.loads(p.stdout)
    ds = [d for d in doc["diagnostics"] if d["severity"] in ("error", "warning")]
    by_rule = collections.Counter(d["rule"] for d in ds)
    for d in ds:
        print(f"{os.path.relpath(d['file'], out)}:{d['line']}:{d['column']}: {d['severity']}[{d['rule']}] {d['message']}")
    print(f"articles {n}, files checked {doc['summary']['files']}, errors {doc['summary']['errors']}, "
          f"warnings {doc['summary']['warnings']}, by rule {dict(by_rule)}")


if __name__ == "__main__":
    main()
