//! Scrubs secrets and account numbers out of text bound for a log file. Logs get attached to bug
//! reports; a token or an account number must never be in them, whoever wrote the log line.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// `key=value`, `key: value`, `"key":"value"` for keys that name secrets.
static SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)((?:access|refresh|id)?_?token|app_?secret|client_?secret|app_?key|password|secret|code|authorization)("?\s*[:=]\s*"?)(?:bearer\s+|basic\s+)?[^\s"&,;}]+"#).expect("valid regex")
});
/// A bearer or basic credential anywhere.
static SCHEME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}").expect("valid regex"));
/// Runs of 8 or more digits (account numbers); all but the last four are masked.
static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{4,}(\d{4})\b").expect("valid regex"));

pub fn redact(text: &str) -> Cow<'_, str> {
    let step = SECRET.replace_all(text, "$1$2[redacted]");
    let step = match SCHEME.replace_all(&step, "$1 [redacted]") {
        Cow::Borrowed(_) => step,
        Cow::Owned(s) => Cow::Owned(s),
    };
    match ACCOUNT.replace_all(&step, "****$1") {
        Cow::Borrowed(_) => step,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn secrets_and_account_numbers_are_masked() {
        let cases = [
            ("refresh_token=abc.def-123&x=1", "refresh_token=[redacted]&x=1"),
            (r#"{"access_token":"eyJhbGciOi","expires_in":1800}"#, r#"{"access_token":"[redacted]","expires_in":1800}"#),
            ("Authorization: Bearer abcdefghijklmnop", "Authorization: [redacted]"),
            ("sent Bearer abcdefghijklmnop to the API", "sent Bearer [redacted] to the API"),
            ("app_secret: hunter2hunter2", "app_secret: [redacted]"),
            ("account 12345678 synced", "account ****5678 synced"),
            ("code=C0.b2F1dGg%40 state=xyz", "code=[redacted] state=xyz"),
        ];
        for (input, expected) in cases {
            assert_eq!(redact(input), expected, "{input}");
        }
    }

    #[test]
    fn ordinary_lines_pass_unchanged() {
        for line in [
            "opened database /home/u/.local/share/app/wheelwright.sqlite3",
            "recorded fill 42 (2026-01-05 STO)",
            "strike 50 expiry 2026-02-20 qty 1234",
        ] {
            assert!(matches!(redact(line), std::borrow::Cow::Borrowed(_)), "{line}");
        }
    }
}
