// How a page runs what the user asked for: the action's failure goes to the page's error banner
// and a success clears the banner. One helper, so every page reports errors the same way.

/** Runs `action`; `report` gets the error it threw, or `null` when it succeeded. */
export async function attempt(action: () => Promise<void>, report: (error: unknown) => void): Promise<void> {
  try {
    await action();
    report(null);
  } catch (e) {
    report(e);
  }
}
