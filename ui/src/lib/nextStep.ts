// What a trader can do about a failed command, by its stable code: the banner says it under the
// message (which already names the field and its fix when the input was at fault), links to the
// page where it is done, and offers "Try again" only for failures that a retry can clear.
import type { ApiError, ErrorCode } from "./bindings";
import { href } from "./route.svelte";

export type NextStep = { text: string; href?: string; retry: boolean };

const STEPS: Partial<Record<ErrorCode, Omit<NextStep, "retry">>> = {
  auth_required: { text: "Connect the broker again in Settings.", href: href({ page: "settings" }) },
  rate_limited: { text: "The provider is limiting requests: wait a minute, then try again." },
  upstream_unavailable: { text: "The provider did not answer: check the connection, or switch to the Demo market in Settings.", href: href({ page: "settings" }) },
  timeout: { text: "The provider took too long: try again, or switch to the Demo market in Settings.", href: href({ page: "settings" }) },
  upstream_rejected: { text: "The provider refused the request: its reason is above." },
  market_data: { text: "The quotes were incomplete: try again, or choose another symbol or expiry." },
  keychain_unavailable: { text: "Unlock the system keyring (Keychain, Credential Manager, GNOME Keyring or KWallet), then try again." },
  notification_failed: { text: "Check notifications in Settings: the system's permission and the notification service.", href: href({ page: "settings" }) },
  job_running: { text: "That job is running now: try again when it finishes (see Scheduler).", href: href({ page: "scheduler" }) },
  changed_since: { text: "The entry changed since this list was drawn: undo the newer change first." },
  database: { text: "The database could not be written: About & health shows its file and free space.", href: href({ page: "about" }) },
  database_corrupt: { text: "About & health shows the database file and the backups beside it.", href: href({ page: "about" }) },
  schema_too_new: { text: "A newer Wheelwright wrote this database: install that version, or open a backup.", href: href({ page: "about" }) },
  io: { text: "Check that the folder exists and can be written." },
  internal: { text: "This is a bug in Wheelwright: the log folder (About & health) has the details.", href: href({ page: "about" }) },
};

/** Input a form can correct (other codes may name a field too: `not_found` names the symbol). */
const INPUT: ErrorCode[] = [
  "invalid_input", "missing_field", "field_not_allowed", "invalid_symbol", "invalid_quantity", "negative_price", "negative_fees",
  "fractional_contracts", "expiry_before_open", "expire_before_expiry", "close_exceeds_open", "not_short", "not_long", "insufficient_shares",
];

/** Failures a second try can clear (the provider, the keyring, a busy job or database). */
const RETRYABLE: ErrorCode[] = ["rate_limited", "upstream_unavailable", "timeout", "market_data", "keychain_unavailable", "job_running", "database"];

export function nextStep(error: ApiError): NextStep | null {
  const step = STEPS[error.code];
  const retry = RETRYABLE.includes(error.code);
  if (step) return { ...step, retry };
  // Input the core refused: the message says the fix; name the field it is about.
  if (error.field && INPUT.includes(error.code)) return { text: `Correct ${error.field.replace(/_/g, " ")} and submit again.`, retry: false };
  return null;
}
