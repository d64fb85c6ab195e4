#!/usr/bin/env bash
# Rebuilds the simulated-call phrase bank (assets/phrase-bank). Developer-only: neither CI nor
# npm install runs it, and the product only reads what it wrote.
#
#   bash scripts/phrase-bank/build.sh
#
# A Python 3.11 venv in $PHRASE_BANK_CACHE (default ~/.cache/phrase-bank) with the pinned,
# hash-checked packages of requirements.txt; build.py synthesises and aligns every phrase of
# phrases.json into $PHRASE_BANK_CACHE/out (a rendition whose text has not changed is reused),
# then pack.ts encodes them to Opus and writes the bank. About 7 minutes from scratch on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${PHRASE_BANK_CACHE:-$HOME/.cache/phrase-bank}"
python="${PYTHON:-python3}"
mkdir -p "$cache"
if [ ! -x "$cache/venv/bin/python" ]; then
  "$python" -m venv "$cache/venv"
fi
"$cache/venv/bin/pip" install --quiet --require-hashes --no-deps -r "$here/requirements.txt"
"$cache/venv/bin/python" "$here/build.py" "$cache/out"
cd "$root"
npx tsx scripts/phrase-bank/pack.ts "$cache/out" assets/phrase-bank
