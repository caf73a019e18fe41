#!/bin/sh
# Checks a tree of prose on Spark (local mode): extract claims in shards, one
# `reckon check --claims` over them, compared byte for byte with one
# `reckon check` of the whole tree. Not run by CI.
#
#   examples/spark/run.sh TREE [SHARDS] [FOLDER]
#
# FOLDER (default /tmp/reckon-spark) holds the Python venv with pyspark and the
# outputs. RECKON names the binary (default: target/release/reckon);
# RECKON_ARGS is passed to every reckon command (e.g. "--isolated").
# Needs Python 3 and Java 17 (`java -version`).
set -eu
[ $# -ge 1 ] || { sed -n '6p' "$0"; exit 2; }
tree=$1
shards=${2:-4}
folder=${3:-/tmp/reckon-spark}
here=$(cd "$(dirname "$0")" && pwd)
reckon=${RECKON:-$here/../../target/release/reckon}
[ -x "$reckon" ] || { echo "error: no reckon at $reckon (cargo build --release, or set RECKON)" >&2; exit 2; }
java -version 2>&1 | head -n 1 >&2
mkdir -p "$folder"
[ -x "$folder/venv/bin/python" ] || python3 -m venv "$folder/venv"
"$folder/venv/bin/python" -c 'import pyspark' 2>/dev/null || "$folder/venv/bin/pip" install --quiet pyspark
# shellcheck disable=SC2086 # RECKON_ARGS is a list of words
exec "$folder/venv/bin/python" "$here/shards.py" --reckon "$reckon" --shards "$shards" \
    --work "$folder/work" ${RECKON_ARGS:+--reckon-args "$RECKON_ARGS"} "$tree"
