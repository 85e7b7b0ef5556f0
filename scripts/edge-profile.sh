# The edge build's compiler settings, sourced by scripts/build-pkg (what ships) and bench/run
# (what is measured), so the two never differ.
#
# opt-level 3 with LLVM's inliner held to a threshold of 25 (its default at 3 is 250; "s" uses
# 50). Speed at opt-level 3 comes from its other passes, size from inlining. Measured on the
# edge wasm (wasm-opt -O3, gzip -9) and on verifyPayment(bytes) of the 1,481-byte benchmark
# envelope in Node (parse + verify build, medians of 5-7 alternating runs, 2026-12-03):
#
#   opt-level 3                        159.4 KB   1.91 µs   (over the 150 KB budget with the glue)
#   opt-level 2                        156.9 KB
#   opt-level 3, inline-threshold 50   141.3 KB   1.87 µs
#   opt-level 3, inline-threshold 25   139.7 KB   1.88 µs   <- this
#   opt-level "s"                      137.5 KB   2.07-2.26 µs
#   opt-level 3, inline-threshold 0    137.4 KB   2.22 µs
#
# RUSTFLAGS with --target reach only the wasm crates, so the host proc-macros stay shared with
# the browser build; the flag is LLVM's own option (rustc's -C inline-threshold is a no-op).
EDGE_OPT_LEVEL=3
EDGE_RUSTFLAGS="-Cllvm-args=-inline-threshold=25"
