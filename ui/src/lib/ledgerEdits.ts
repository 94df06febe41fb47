// A ticket's preview is asked again when the ledger changes under it (another window, an undo,
// a sync, a settlement); alert changes do not touch the ledger. Through `api`, so a test that
// mocks the api mocks this too.
import { api } from "./api";

/** Calls `edited` on every ledger change; returns the cleanup for `onMount`. */
export function onLedgerEdits(edited: () => void): () => void {
  const stop = api.onLedgerChanged((event) => {
    if (event.kind !== "alerts_changed") edited();
  });
  return () => void stop.then((unlisten) => unlisten());
}
