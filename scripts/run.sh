#!/usr/bin/env bash
# Builds and opens Wheelwright on the embedded default: a SQLite ledger in the OS data folder
# (the CLI's default too). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
# The same feature set as the test suite, so both share one compile.
cargo build --workspace --features wheelwright-desktop/custom-protocol
exec target/debug/wheelwright-desktop "$@"
