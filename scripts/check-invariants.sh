#!/usr/bin/env bash
# Checks the Architecture Invariants of ARCHITECTURE.md that a script can check. Each failure
# names the invariant by its number.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0
fail() { echo "invariant $1 broken: $2" >&2; failed=1; }

# 1. The core crates never depend on tauri, directly or through another crate.
for manifest in crates/*/Cargo.toml; do
  crate=$(basename "$(dirname "$manifest")")
  deps=$(cargo tree -p "$crate" -e normal,build --prefix none --format '{p}' 2>/dev/null | awk '{print $1}' | sort -u)
  [ -n "$deps" ] || fail 1 "cargo tree found nothing for $crate"
  if grep -qE '^(tauri|tauri-[a-z-]+|wry|webkit2gtk)$' <<<"$deps"; then
    fail 1 "$crate depends on $(grep -E '^(tauri|tauri-[a-z-]+|wry|webkit2gtk)$' <<<"$deps" | tr '\n' ' ')"
  fi
done

# 2. The pure crates (domain, pricing, demo, strategy, risk, alerts) do no I/O and read no clock.
if grep -rnE 'std::(fs|net|process|env)|tokio|sqlx|reqwest|Utc::now|Local::now|SystemTime::now|Instant::now' crates/wheelwright-domain/src crates/wheelwright-pricing/src crates/wheelwright-demo/src crates/wheelwright-strategy/src crates/wheelwright-risk/src crates/wheelwright-alerts/src; then
  fail 2 "a pure crate reads the clock or does I/O (lines above)"
fi

# 3. The desktop shell holds no SQL and no HTTP: one engine call per command.
if grep -rnE 'sqlx::|reqwest::|\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ' src-tauri/src; then
  fail 3 "src-tauri/src contains SQL or HTTP (lines above)"
fi

# 4. Secrets never live in SQLite: no column may be named like one.
if grep -niE '^\s*[a-z_]*(token|secret|password|app_key)[a-z_]*\s+(TEXT|BLOB|INTEGER)' migrations/*.sql; then
  fail 4 "a migration adds a column that looks like a secret (lines above)"
fi

# 5. All invoke/listen calls live in ui/src/lib/api.ts.
if grep -rlE '@tauri-apps/api' ui/src --include='*.ts' --include='*.svelte' | grep -vE '^ui/src/lib/api(\.test)?\.ts$'; then
  fail 5 "files above import @tauri-apps/api directly; go through ui/src/lib/api.ts"
fi

# 6. Every stable error code is documented in ARCHITECTURE.md.
codes=$(grep -oE '^export type ErrorCode = .*;' ui/src/lib/bindings.ts | grep -oE '"[a-z_]+"' | tr -d '"')
[ -n "$codes" ] || fail 6 "no ErrorCode union found in ui/src/lib/bindings.ts"
for code in $codes; do
  grep -q "\`$code\`" ARCHITECTURE.md || fail 6 "error code '$code' is not documented in ARCHITECTURE.md"
done

# 7. Every Rust module says why it exists in a //! header.
for file in $(git ls-files 'crates/*.rs' 'src-tauri/src/*.rs' | grep -vE '(^|/)(main|build)\.rs$|/tests/'); do
  head -n 1 "$file" | grep -q '^//!' || fail 7 "$file does not start with a //! header"
done

# 8. Nothing in the project refers to the steering repository's shared folder (a user's clone
#    does not have it). The pattern is split so that this file does not match itself.
outside='\.\.'/'shared'
if git grep -nE "$outside" -- . ':!*.md'; then
  fail 8 "files above refer to the shared folder outside the project"
fi

[ $failed -eq 0 ] && echo "all architecture invariants hold"
exit $failed
