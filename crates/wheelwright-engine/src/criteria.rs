//! The criteria a wheel's recommendations use: its named profile (conservative, moderate,
//! aggressive) or the trader's own custom profile (a setting, moderate until edited), then the
//! overrides kept for that wheel, then whatever a single request overrides. Every combination is
//! checked before it is stored, so a stored choice always selects something.

use crate::audit::{self, Entry, Operation};
use crate::error::{EngineError, Result};
use crate::model::Wheel;
use crate::portfolios::find_portfolio;
use crate::wheels::find_wheel;
use crate::Engine;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;
use wheelwright_domain::{ErrorCode, Symbol};
use wheelwright_strategy::profile::{Criteria, Overrides};

/// The settings key of the custom profile (JSON criteria).
const CUSTOM_PROFILE_KEY: &str = "strategy.custom_profile";

/// What a trader chooses for one wheel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct WheelCriteriaInput {
    /// Follow the custom profile instead of the wheel's named one.
    #[serde(default)]
    pub custom: bool,
    #[serde(default)]
    pub overrides: Overrides,
}

/// A wheel's choice and the criteria it comes to.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WheelCriteria {
    pub portfolio: String,
    pub symbol: String,
    /// "conservative", "moderate", "aggressive" or "custom".
    pub profile: String,
    pub custom: bool,
    pub overrides: Overrides,
    /// The profile with the overrides applied.
    pub criteria: Criteria,
}

/// A profile a wheel can follow: the documented ones and the trader's custom one.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct NamedProfile {
    /// "conservative", "moderate", "aggressive" or "custom".
    pub name: String,
    pub criteria: Criteria,
}

fn invalid((field, message): (&'static str, String)) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, field, message)
}

async fn stored_choice(conn: &mut SqliteConnection, wheel_id: i64) -> Result<WheelCriteriaInput> {
    let row: Option<(bool, String)> =
        sqlx::query_as("SELECT custom, overrides FROM wheel_criteria WHERE wheel_id = ?").bind(wheel_id).fetch_optional(&mut *conn).await?;
    match row {
        None => Ok(WheelCriteriaInput::default()),
        Some((custom, overrides)) => {
            let overrides = serde_json::from_str(&overrides).map_err(|e| {
                EngineError::new(ErrorCode::DatabaseCorrupt, format!("wheel {wheel_id} has unreadable criteria overrides: {e}"))
            })?;
            Ok(WheelCriteriaInput { custom, overrides })
        }
    }
}

impl Engine {
    /// The trader's own profile (the moderate one until it is edited).
    pub async fn custom_profile(&self) -> Result<Criteria> {
        match self.setting(CUSTOM_PROFILE_KEY).await? {
            None => Ok(Criteria::MODERATE),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| EngineError::new(ErrorCode::DatabaseCorrupt, format!("the custom profile is unreadable ({e}): set it again"))),
        }
    }

    /// Every profile a wheel can follow, the custom one last.
    pub async fn profiles(&self) -> Result<Vec<NamedProfile>> {
        let custom = NamedProfile { name: "custom".to_string(), criteria: self.custom_profile().await? };
        let named = Criteria::NAMED.iter().map(|(name, criteria)| NamedProfile { name: name.to_string(), criteria: *criteria });
        Ok(named.chain([custom]).collect())
    }

    /// Keeps the custom profile once it and every wheel following it (with that wheel's own
    /// overrides) still select something.
    pub async fn set_custom_profile(&self, criteria: Criteria) -> Result<Criteria> {
        criteria.check().map_err(invalid)?;
        let followers: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT p.name, w.symbol, c.overrides FROM wheel_criteria c JOIN wheels w ON w.id = c.wheel_id
             JOIN portfolios p ON p.id = w.portfolio_id WHERE c.custom = 1 ORDER BY p.name, w.symbol",
        )
        .fetch_all(self.store().pool())
        .await?;
        for (portfolio, symbol, overrides) in followers {
            let overrides: Overrides = serde_json::from_str(&overrides).map_err(|e| {
                EngineError::new(ErrorCode::DatabaseCorrupt, format!("the {symbol} wheel has unreadable criteria overrides: {e}"))
            })?;
            if let Err((field, message)) = criteria.with(&overrides) {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    field,
                    format!("the {symbol} wheel of {portfolio} follows the custom profile with its own overrides, and with them {message}: change that wheel's criteria first"),
                ));
            }
        }
        self.put_setting(CUSTOM_PROFILE_KEY, &serde_json::to_string(&criteria).expect("criteria serialize")).await?;
        Ok(criteria)
    }

    /// The criteria a wheel's recommendations start from (before a request's own overrides).
    pub(crate) async fn criteria_of(&self, wheel: &Wheel) -> Result<Criteria> {
        let mut conn = self.store().pool().acquire().await?;
        let choice = stored_choice(&mut conn, wheel.id).await?;
        self.resolve(wheel, choice).await.map(|(_, criteria)| criteria)
    }

    async fn resolve(&self, wheel: &Wheel, choice: WheelCriteriaInput) -> Result<(String, Criteria)> {
        let (name, base) = if choice.custom {
            ("custom".to_string(), self.custom_profile().await?)
        } else {
            let name = wheel.profile.as_str();
            (name.to_string(), Criteria::named(name).expect("every stored profile has criteria"))
        };
        Ok((name, base.with(&choice.overrides).map_err(invalid)?))
    }

    async fn wheel_named(&self, conn: &mut SqliteConnection, portfolio: &str, symbol: &str) -> Result<(String, Wheel)> {
        let portfolio = find_portfolio(conn, portfolio).await?;
        let symbol = Symbol::parse(symbol)?;
        let wheel = find_wheel(conn, portfolio.id, &symbol).await?.ok_or_else(|| {
            EngineError::field(ErrorCode::NotFound, "symbol", format!("portfolio '{}' has no {symbol} wheel", portfolio.name))
        })?;
        Ok((portfolio.name, wheel))
    }

    pub async fn wheel_criteria(&self, portfolio: &str, symbol: &str) -> Result<WheelCriteria> {
        let mut conn = self.store().pool().acquire().await?;
        let (portfolio, wheel) = self.wheel_named(&mut conn, portfolio, symbol).await?;
        let choice = stored_choice(&mut conn, wheel.id).await?;
        drop(conn);
        let (profile, criteria) = self.resolve(&wheel, choice).await?;
        Ok(WheelCriteria { portfolio, symbol: wheel.symbol, profile, custom: choice.custom, overrides: choice.overrides, criteria })
    }

    /// Keeps a wheel's choice once the criteria it comes to are checked (audited).
    pub async fn set_wheel_criteria(&self, portfolio: &str, symbol: &str, choice: WheelCriteriaInput) -> Result<WheelCriteria> {
        let (portfolio, wheel) = {
            let mut conn = self.store().pool().acquire().await?;
            self.wheel_named(&mut conn, portfolio, symbol).await?
        };
        let (profile, criteria) = self.resolve(&wheel, choice).await?;
        let mut tx = self.store().write().await?;
        let before = stored_choice(&mut tx, wheel.id).await?;
        let overrides = serde_json::to_string(&choice.overrides).expect("overrides serialize");
        sqlx::query(
            "INSERT INTO wheel_criteria (wheel_id, custom, overrides) VALUES (?, ?, ?)
             ON CONFLICT (wheel_id) DO UPDATE SET custom = excluded.custom, overrides = excluded.overrides",
        )
        .bind(wheel.id)
        .bind(choice.custom)
        .bind(&overrides)
        .execute(&mut *tx)
        .await?;
        let entry =
            Entry { entity: "wheel_criteria", id: wheel.id, operation: Operation::Update, before: Some(&before), after: Some(&choice) };
        audit::record(&mut tx, &self.stamp(), self.source(), entry).await?;
        tx.commit().await?;
        Ok(WheelCriteria { portfolio, symbol: wheel.symbol, profile, custom: choice.custom, overrides: choice.overrides, criteria })
    }
}
