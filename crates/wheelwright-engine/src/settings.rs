//! Application settings: small named values in the `settings` table (never secrets — those live
//! in the keychain), each change written with its audit entry in one transaction.

use crate::audit::{self, Entry, Operation};
use crate::error::Result;
use crate::Engine;
use serde::Serialize;
use sqlx::SqliteConnection;

#[derive(Serialize)]
struct Setting<'a> {
    key: &'a str,
    value: &'a str,
}

impl Engine {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(self.store().pool()).await?)
    }

    pub async fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        let mut tx = self.store().write().await?;
        self.write_setting(&mut tx, key, value).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a setting (back to its default), audited; removing an absent one does nothing.
    pub(crate) async fn delete_setting(&self, key: &str) -> Result<()> {
        let mut tx = self.store().write().await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(&mut *tx).await?;
        if let Some(value) = before {
            sqlx::query("DELETE FROM settings WHERE key = ?").bind(key).execute(&mut *tx).await?;
            let entry = Entry {
                entity: "setting",
                id: 0,
                operation: Operation::Delete,
                before: Some(&Setting { key, value: &value }),
                after: None::<&Setting>,
            };
            audit::record(&mut tx, &self.stamp(), self.source(), entry).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes a setting with its audit entry inside the caller's transaction.
    pub(crate) async fn write_setting(&self, conn: &mut SqliteConnection, key: &str, value: &str) -> Result<()> {
        let at = self.stamp();
        let before: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(&mut *conn).await?;
        sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
            .bind(key)
            .bind(value)
            .bind(&at)
            .execute(&mut *conn)
            .await?;
        let before = before.as_deref().map(|value| Setting { key, value });
        let operation = if before.is_some() { Operation::Update } else { Operation::Create };
        let entry = Entry { entity: "setting", id: 0, operation, before: before.as_ref(), after: Some(&Setting { key, value }) };
        audit::record(conn, &at, self.source(), entry).await?;
        Ok(())
    }
}

/// The settings key of [`DesktopPreferences`] (JSON).
const DESKTOP_KEY: &str = "desktop.preferences";

/// How the desktop app behaves as a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
pub struct DesktopPreferences {
    /// Closing the window keeps Wheelwright running in the tray (jobs and alerts go on); quit
    /// from the tray's menu. Off: closing the window quits.
    pub close_to_tray: bool,
    /// Light or dark, or whatever the OS is set to (preferences saved before themes existed
    /// read as `System`).
    #[serde(default)]
    pub appearance: Appearance,
}

/// The window's theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Appearance {
    /// Follow the OS's light or dark setting, and its changes.
    #[default]
    System,
    Light,
    Dark,
}

impl Default for DesktopPreferences {
    /// Off on Linux, where many desktops (GNOME without an AppIndicator extension) show no tray
    /// icon at all: a hidden window could not be found again.
    fn default() -> Self {
        DesktopPreferences { close_to_tray: !cfg!(target_os = "linux"), appearance: Appearance::System }
    }
}

impl Engine {
    pub async fn desktop_preferences(&self) -> Result<DesktopPreferences> {
        match self.setting(DESKTOP_KEY).await? {
            None => Ok(DesktopPreferences::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                crate::EngineError::new(
                    wheelwright_domain::ErrorCode::DatabaseCorrupt,
                    format!("the desktop preferences are unreadable: {e}"),
                )
            }),
        }
    }

    pub async fn set_desktop_preferences(&self, preferences: DesktopPreferences) -> Result<DesktopPreferences> {
        self.put_setting(DESKTOP_KEY, &serde_json::to_string(&preferences).expect("preferences serialize")).await?;
        Ok(preferences)
    }
}
