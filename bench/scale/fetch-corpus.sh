#!/bin/sh
# Fetches the scale corpus for the index/search speed benches: the HTML pages of Debian's rust-doc and
# python3.11-doc packages (apt-get download + dpkg -x, no install), kept under bench/cache/scale/html
# (rustdoc's redirect stubs removed).
# usage: bench/scale/fetch-corpus.sh [DEST]     (DEST defaults to bench/cache/scale; git-ignored)
# Re-running reuses what is already there. Without apt or network it prints a note and exits 0.
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
dest=${1:-$repo/bench/cache/scale}
debs=$dest/debs
html=$dest/html
mkdir -p "$debs" "$html"

for pkg in rust-doc python3.11-doc; do
  [ -f "$dest/.$pkg.extracted" ] && continue
  if ! ls "$debs/${pkg}"_*.deb >/dev/null 2>&1; then
    if ! (cd "$debs" && apt-get download "$pkg" >/dev/null 2>&1); then
      echo "fetch-corpus: note: skipped, 'apt-get download $pkg' failed (apt or the Debian mirror is unreachable)" >&2
      exit 0
    fi
  fi
  tmp=$dest/tmp-$pkg
  rm -rf "$tmp" "${html:?}/$pkg"
  mkdir -p "$tmp" "$html/$pkg"
  dpkg -x "$(ls "$debs/${pkg}"_*.deb | head -n 1)" "$tmp"
  # keep only the HTML pages, with their paths
  (cd "$tmp/usr/share/doc" && find . -type f \( -name '*.html' -o -name '*.htm' \) -print0 | tar --null -cf - -T -) |
    (cd "$html/$pkg" && tar -xf -)
  rm -rf "$tmp"
  # rustdoc leaves thousands of tiny "Redirecting to ..." stubs; they are not documents
  find "$html/$pkg" -type f -size -2k -print0 | xargs -0 -r grep -lZ 'Redirecting to' | xargs -0 -r rm -f
  touch "$dest/.$pkg.extracted"
done

count=$(find "$html" -type f \( -name '*.html' -o -name '*.htm' \) | wc -l)
size=$(du -sh "$html" | cut -f1)
echo "fetch-corpus: $count HTML documents, $size, in $html"
for pkg in rust-doc python3.11-doc; do
  echo "fetch-corpus:   $pkg: $(find "$html/$pkg" -type f | wc -l) documents, $(du -sh "$html/$pkg" | cut -f1)"
done
