#!/usr/bin/env bash
# Compares the contents of two FoU export packages (.age) made from the same database (same
# export key): every file byte for byte, except manifest.json, datapackage.json and codebook.md,
# which are compared with the export's id and creation time masked (they differ per run), and the
# manifest's checksums of datapackage.json and codebook.md, which hold them, left out.
# Usage: scripts/compare-exports.sh IDENTITY_FILE A.age B.age
set -euo pipefail
identity=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in a b; do
  file=$2
  [ "$side" = b ] && file=$3
  mkdir -p "$work/$side"
  age -d -i "$identity" "$file" >"$work/$side.zip"
  (cd "$work/$side" && unzip -q "../$side.zip")
  for meta in manifest.json datapackage.json codebook.md; do
    [ -f "$work/$side/$meta" ] || continue
    sed -E -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/EXPORT-ID/g' \
      -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/CREATED/g' "$work/$side/$meta" >"$work/$side/$meta.masked"
    rm "$work/$side/$meta"
  done
  python3 - "$work/$side/manifest.json.masked" <<'PY'
import json, sys
path = sys.argv[1]
manifest = json.load(open(path))
for f in manifest["files"]:
    if f["name"] in ("datapackage.json", "codebook.md"):
        f.pop("sha256")
json.dump(manifest, open(path, "w"), indent=2)
PY
done
if diff -r "$work/a" "$work/b" >"$work/diff.txt"; then
  echo "same content: $(ls "$work/a" | wc -l) files"
  (cd "$work/a" && wc -c ./*.csv | tail -1)
else
  head -40 "$work/diff.txt"
  exit 1
fi
