# shellcheck shell=bash
# Sourced by bench/bundle-size.sh and bench/size-budget.sh, so both count a
# file's transfer size the same way: the bytes of `gzip -9 -n` of it (no name or
# time in the header, as an HTTP response carries none).

# gzip_bytes FILE: the size of FILE gzipped at level 9, in bytes.
gzip_bytes() { gzip -9 -n -c "$1" | wc -c; }

# kb BYTES: "12.3 KB".
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
