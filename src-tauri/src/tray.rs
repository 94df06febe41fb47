//! The tray icon, so Wheelwright can keep working with its window closed: the unread count (in
//! the tooltip, and beside the icon on Linux, whose tray shows no tooltips), a menu with the
//! latest unread alerts, open the window, pause alerts for an hour / until tomorrow / resume,
//! and quit. The menu is rebuilt whenever the inbox or the pause changes.
//!
//! What the menu shows is worked out by [`model`] from the inbox alone, and what an item does by
//! [`TrayAction`], so both are tested without a tray; the Linux tray reports menu clicks but not
//! icon clicks, so everything is in the menu.

use crate::state::{AppState, OpenAlert, OPEN_ALERT};
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use wheelwright_alerts::Silence;
use wheelwright_engine::alerts::{AlertPause, DeliveryStatus, Inbox, InboxQuery};
use wheelwright_engine::ports::LedgerEvent;

pub const TRAY_ID: &str = "wheelwright";
/// Unread alerts listed in the menu; the rest are on the Alerts page.
pub const LATEST: u32 = 5;

/// What a menu item does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    OpenAlert(i64),
    /// The Alerts page ("N more on the Alerts page…").
    OpenAlerts,
    Pause(AlertPause),
    Quit,
}

impl TrayAction {
    pub fn id(self) -> String {
        match self {
            TrayAction::Open => "open".into(),
            TrayAction::OpenAlert(id) => format!("alert:{id}"),
            TrayAction::OpenAlerts => "alerts".into(),
            TrayAction::Pause(AlertPause::OneHour) => "pause-hour".into(),
            TrayAction::Pause(AlertPause::UntilTomorrow) => "pause-tomorrow".into(),
            TrayAction::Pause(AlertPause::Resume) => "resume".into(),
            TrayAction::Quit => "quit".into(),
        }
    }

    pub fn parse(id: &str) -> Option<TrayAction> {
        Some(match id {
            "open" => TrayAction::Open,
            "alerts" => TrayAction::OpenAlerts,
            "pause-hour" => TrayAction::Pause(AlertPause::OneHour),
            "pause-tomorrow" => TrayAction::Pause(AlertPause::UntilTomorrow),
            "resume" => TrayAction::Pause(AlertPause::Resume),
            "quit" => TrayAction::Quit,
            other => TrayAction::OpenAlert(other.strip_prefix("alert:")?.parse().ok()?),
        })
    }
}

/// One line of the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrayEntry {
    Item {
        action: TrayAction,
        label: String,
    },
    /// A line that only informs ("No unread alerts").
    Note(String),
    Separator,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrayModel {
    pub tooltip: String,
    /// Beside the icon (Linux): the unread count, or nothing when there is none.
    pub title: Option<String>,
    pub entries: Vec<TrayEntry>,
}

fn item(action: TrayAction, label: impl Into<String>) -> TrayEntry {
    TrayEntry::Item { action, label: label.into() }
}

/// The menu for an inbox of the latest unread alerts (newest first) and the pause state.
pub fn model(unread: &Inbox, delivery: &DeliveryStatus) -> TrayModel {
    let count = match unread.unread {
        0 => "no unread alerts".to_string(),
        1 => "1 unread alert".to_string(),
        n => format!("{n} unread alerts"),
    };
    let silenced = match &delivery.silence {
        Some(Silence::Paused { until }) => {
            format!(" · paused until {}", until.with_timezone(&chrono::Local).format("%a %H:%M"))
        }
        Some(Silence::QuietHours) => " · quiet hours".to_string(),
        None => String::new(),
    };
    let mut entries: Vec<TrayEntry> = unread
        .alerts
        .iter()
        .map(|a| {
            let mut label: String = a.title.chars().take(60).collect();
            if a.title.chars().count() > 60 {
                label.push('…');
            }
            item(TrayAction::OpenAlert(a.id), label)
        })
        .collect();
    if entries.is_empty() {
        entries.push(TrayEntry::Note("No unread alerts".into()));
    } else if unread.unread as usize > unread.alerts.len() {
        let more = unread.unread as usize - unread.alerts.len();
        entries.push(item(TrayAction::OpenAlerts, format!("{more} more on the Alerts page…")));
    }
    entries.push(TrayEntry::Separator);
    entries.push(item(TrayAction::Open, "Open Wheelwright"));
    entries.push(TrayEntry::Separator);
    // A pause that has run out still has its end recorded: only one still running offers Resume.
    if matches!(delivery.silence, Some(Silence::Paused { .. })) {
        entries.push(item(TrayAction::Pause(AlertPause::Resume), "Resume alerts"));
    } else {
        entries.push(item(TrayAction::Pause(AlertPause::OneHour), "Pause alerts for 1 hour"));
        entries.push(item(TrayAction::Pause(AlertPause::UntilTomorrow), "Pause alerts until tomorrow"));
    }
    entries.push(TrayEntry::Separator);
    entries.push(item(TrayAction::Quit, "Quit Wheelwright"));
    TrayModel {
        tooltip: format!("Wheelwright — {count}{silenced}"),
        title: (unread.unread > 0).then(|| unread.unread.to_string()),
        entries,
    }
}

fn menu<R: Runtime>(app: &AppHandle<R>, model: &TrayModel) -> tauri::Result<Menu<R>> {
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    for (i, entry) in model.entries.iter().enumerate() {
        items.push(match entry {
            TrayEntry::Item { action, label } => Box::new(MenuItem::with_id(app, action.id(), label, true, None::<&str>)?),
            // Ids of informing lines only need to be unique.
            TrayEntry::Note(text) => Box::new(MenuItem::with_id(app, format!("note-{i}"), text, false, None::<&str>)?),
            TrayEntry::Separator => Box::new(PredefinedMenuItem::separator(app)?),
        });
    }
    let refs: Vec<&dyn IsMenuItem<R>> = items.iter().map(|i| i.as_ref()).collect();
    Menu::with_items(app, &refs)
}

/// Creates the tray icon. Under a desktop without a tray (or Xvfb) the icon is invisible but
/// this must still succeed; a failure is reported, and then closing the window quits.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let placeholder = TrayModel { tooltip: "Wheelwright".into(), title: None, entries: vec![item(TrayAction::Open, "Open Wheelwright")] };
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(&placeholder.tooltip)
        .menu(&menu(app, &placeholder)?)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| {
            if let Some(action) = TrayAction::parse(event.id().as_ref()) {
                let app = app.clone();
                tauri::async_runtime::spawn(async move { act(&app, action).await });
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

/// Rebuilds the menu and the tooltip from the inbox (no-op without a tray).
pub async fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else { return };
    let Ok(engine) = app.state::<AppState>().engine() else { return };
    let query = InboxQuery { unread_only: true, include_dismissed: false, limit: Some(LATEST) };
    let (inbox, delivery) = match (engine.inbox(query).await, engine.alert_delivery().await) {
        (Ok(inbox), Ok(delivery)) => (inbox, delivery),
        (Err(e), _) | (_, Err(e)) => {
            tracing::warn!("the tray menu could not be refreshed: {}", e.message);
            return;
        }
    };
    let model = model(&inbox, &delivery);
    let applied = menu(app, &model)
        .and_then(|menu| tray.set_menu(Some(menu)))
        .and_then(|_| tray.set_tooltip(Some(&model.tooltip)))
        .and_then(|_| tray.set_title(model.title.as_deref()));
    if let Err(e) = applied {
        tracing::warn!("the tray menu could not be updated: {e}");
    }
}

/// Shows, unminimises and focuses the main window.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Does what a menu item says.
pub async fn act<R: Runtime>(app: &AppHandle<R>, action: TrayAction) {
    match action {
        TrayAction::Open => show_main(app),
        TrayAction::OpenAlert(id) => {
            show_main(app);
            // The alert's link, if it is still in the inbox; the window opens it and marks it read.
            let link = match app.state::<AppState>().engine() {
                Ok(engine) => engine
                    .inbox(InboxQuery { include_dismissed: true, ..InboxQuery::default() })
                    .await
                    .ok()
                    .and_then(|inbox| inbox.alerts.into_iter().find(|a| a.id == id))
                    .map(|a| a.link),
                Err(_) => None,
            };
            let _ = app.emit(OPEN_ALERT, OpenAlert { id: Some(id), link });
        }
        TrayAction::OpenAlerts => {
            show_main(app);
            let _ = app.emit(OPEN_ALERT, OpenAlert { id: None, link: None });
        }
        TrayAction::Pause(pause) => {
            let Ok(engine) = app.state::<AppState>().engine() else { return };
            match engine.pause_alerts(pause).await {
                // The window's Alerts page shows the pause: tell it the alerts' state changed.
                Ok(_) => match engine.inbox(InboxQuery { limit: Some(1), ..InboxQuery::default() }).await {
                    Ok(inbox) => engine_event(app, LedgerEvent::AlertsChanged { unread: inbox.unread }),
                    Err(e) => tracing::warn!("after a pause from the tray: {}", e.message),
                },
                Err(e) => tracing::warn!("the pause from the tray failed: {}", e.message),
            }
            refresh(app).await;
            // When the pause runs out the menu offers pausing again.
            if let Ok(status) = engine.alert_delivery().await {
                if let Some(until) = status.delivery.paused_until {
                    let wait = (until - chrono::Utc::now()).to_std().unwrap_or_default() + std::time::Duration::from_secs(1);
                    let app = app.clone();
                    tauri::async_runtime::spawn(async move {
                        tokio::time::sleep(wait).await;
                        refresh(&app).await;
                    });
                }
            }
        }
        TrayAction::Quit => app.exit(0),
    }
}

fn engine_event<R: Runtime>(app: &AppHandle<R>, event: LedgerEvent) {
    if let Err(e) = app.emit(crate::state::LEDGER_CHANGED, &event) {
        tracing::warn!("could not emit {}: {e}", crate::state::LEDGER_CHANGED);
    }
}
