// Loads overlap when changes come quickly (a ledger event while the last answer is still out):
// only the newest request's answer may be shown, or an older one landing last would overwrite it.
// `ask()` marks a new request and returns whether it is still the newest, to check on its answer.
export function newestOnly(): () => () => boolean {
  let asked = 0;
  return () => {
    const mine = ++asked;
    return () => mine === asked;
  };
}
