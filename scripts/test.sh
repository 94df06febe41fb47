#!/usr/bin/env bash
# Runs every test Wheelwright has, installing what is missing first. Fast, WebKit-free checks
# come first so a mistake fails in a minute or two; the real window comes last. Each step prints
# its duration, and the run fails if the whole takes longer than the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

# One feature set for every cargo call, so tauri compiles once.
features=(--features wheelwright-desktop/custom-protocol)
budget_seconds=$((35 * 60))
started=$(date +%s)

step() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  "$@"
  printf '    %s: %ss\n' "$name" $(($(date +%s) - t0))
}

step "rustfmt" cargo fmt --all --check
step "architecture invariants" scripts/check-invariants.sh
step "ui type check" npm --prefix ui run check
step "ui unit tests" npm --prefix ui test
step "ui build" npm --prefix ui run build
step "core tests (no WebKit)" cargo test -p wheelwright-domain -p wheelwright-pricing -p wheelwright-demo -p wheelwright-engine -p wheelwright-cli
step "benchmarks compile and run once" cargo test -p wheelwright-pricing --benches
step "clippy" cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings
step "workspace tests (incl. desktop commands and binding drift)" cargo test --workspace "${features[@]}"
step "app build" cargo build --workspace "${features[@]}"
step "end-to-end on the real window" dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" scripts/e2e-session.sh
step ".deb bundle" scripts/check-deb.sh

elapsed=$(($(date +%s) - started))
printf '\nall steps passed in %ss\n' "$elapsed"
if [ "$elapsed" -gt "$budget_seconds" ]; then
  echo "the test run took ${elapsed}s, over its ${budget_seconds}s budget: find the slow step above" >&2
  exit 1
fi
