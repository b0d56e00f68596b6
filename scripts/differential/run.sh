#!/bin/sh
# Generates the method sweep, renders it with Apache Velocity 2.4.1 and runs velvet on it:
#   scripts/differential/run.sh [WORK_DIR]
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-${TMPDIR:-/tmp}/velvet-sweep}
rm -rf "$work"
npx tsx "$here/sweep.ts" "$work/cases"
"$here/render.sh" "$work/cases" "$work/cases"
npx tsx "$here/../conformance.ts" "$work/cases" || true
