#!/usr/bin/env python3
"""Check a tree of prose past one machine, on Spark (local mode here).

The tree's .txt/.md files are split into N shards; each Spark task runs
`reckon extract --format jsonl` over its shard's files and writes the claims
file (the shared folder stands in for HDFS or S3). Then one
`reckon check --claims` over the shard files (given in reverse order: the order
does not matter) is compared byte for byte (`cmp`) with one `reckon check` of
the whole tree, and the wall times are printed. Every reckon runs in this
folder, so the documents' names (paths as given) are the same in all of them.

Usage: shards.py --reckon BIN [--shards N] [--work DIR] [--format F] TREE
"""

import argparse
import os
import shlex
import subprocess
import sys
import time


def prose_files(tree):
    """The files `reckon check TREE` walks (.md, .markdown, .txt; hidden ones
    skipped), in its order. `.gitignore` files are not read: keep the tree
    free of them, or give reckon the list."""
    found = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            ext = f.rsplit(".", 1)[-1].lower() if "." in f else ""
            if not f.startswith(".") and ext in ("md", "markdown", "txt"):
                found.append(os.path.join(root, f))
    # reckon's walk order: path bytes, the separator lowest.
    return sorted(found, key=lambda p: p.encode().replace(b"/", b"\0"))


def extract_shard(reckon, args, cwd, work, batch):
    """A Spark task: extract one shard's files into work/shard-K.jsonl."""

    def task(k, paths):
        paths = list(paths)
        start = time.monotonic()
        out_path = os.path.join(work, f"shard-{k:03d}.jsonl")
        with open(out_path, "wb") as out:
            # In batches, so a command line never grows past the system's limit.
            for i in range(0, len(paths), batch):
                cmd = [reckon, "extract", "--format", "jsonl", *args, *paths[i : i + batch]]
                p = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
                if p.returncode != 0:
                    raise RuntimeError(
                        f"reckon extract exited {p.returncode}: "
                        + p.stderr.decode(errors="replace")
                    )
        yield (k, out_path, len(paths), time.monotonic() - start)

    return task


def timed(cmd, out_path):
    """Runs `cmd` with its standard output in `out_path`: (exit status, seconds)."""
    start = time.monotonic()
    with open(out_path, "wb") as out:
        status = subprocess.run(cmd, stdout=out).returncode
    return status, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tree")
    ap.add_argument("--reckon", required=True)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--work", default="/tmp/reckon-spark/work")
    ap.add_argument("--format", default="human")
    ap.add_argument("--reckon-args", default="", help="passed to every reckon command")
    ap.add_argument("--batch", type=int, default=1000, help="files per reckon extract")
    a = ap.parse_args()
    reckon = os.path.abspath(a.reckon)
    args = shlex.split(a.reckon_args)
    cwd = os.getcwd()
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    for old in os.listdir(work):
        if old.startswith("shard-"):
            os.remove(os.path.join(work, old))

    files = prose_files(a.tree)
    print(f"{len(files)} files under {a.tree}, {a.shards} shards", file=sys.stderr)

    from pyspark.sql import SparkSession

    t0 = time.monotonic()
    spark = (
        SparkSession.builder.master(f"local[{a.shards}]")
        .appName("reckon-claims")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t1 = time.monotonic()
    shards = (
        spark.sparkContext.parallelize(files, a.shards)
        .mapPartitionsWithIndex(extract_shard(reckon, args, cwd, work, a.batch))
        .collect()
    )
    t2 = time.monotonic()
    spark.stop()
    for k, path, n, secs in sorted(shards):
        print(f"  shard {k}: {n} files, {secs:.2f} s, {os.path.getsize(path)} bytes of claims",
              file=sys.stderr)

    common = [reckon, "check", *args, "--color", "never", "--format", a.format]
    paths = [p for _, p, _, _ in sorted(shards, reverse=True)]
    claims_out = os.path.join(work, f"claims.{a.format}")
    whole_out = os.path.join(work, f"whole.{a.format}")
    claims_status, claims_secs = timed(common + ["--claims", *paths], claims_out)
    whole_status, whole_secs = timed(common + [a.tree], whole_out)
    same = subprocess.run(["cmp", claims_out, whole_out]).returncode == 0

    print(f"spark start: {t1 - t0:.2f} s")
    print(f"extract ({a.shards} shards on Spark): {t2 - t1:.2f} s")
    print(f"check --claims: {claims_secs:.2f} s (exit {claims_status})")
    print(f"extract + check --claims: {t2 - t1 + claims_secs:.2f} s")
    print(f"one reckon check of the tree: {whole_secs:.2f} s (exit {whole_status})")
    print(f"cmp {claims_out} {whole_out}: {'identical' if same else 'DIFFERENT'}")
    sys.exit(0 if same and claims_status == whole_status else 1)


if __name__ == "__main__":
    main()
