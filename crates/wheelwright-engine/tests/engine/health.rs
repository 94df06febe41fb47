//! The health report on the Demo market: the database and schema, the provider with a probe
//! that really asks it, and this process's request figures — a failing request counted as one.

use super::{db_in, open};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::broker::connection::Provider;
use wheelwright_engine::health::HealthRequest;
use wheelwright_engine::market::ChainRequest;

#[tokio::test]
async fn the_health_report_describes_the_database_provider_and_requests() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let logs = dir.path().join("logs");

    let quiet = engine.health(HealthRequest { probe: false }, Some(&logs)).await.unwrap();
    assert!(quiet.requests.is_empty(), "no request made yet: {:?}", quiet.requests);
    assert_eq!(quiet.provider.probe, None);
    assert_eq!(quiet.database.path, db_in(dir.path()).display().to_string());
    assert!(quiet.database.bytes > 0);
    assert!(quiet.database.schema_version > 0);
    assert_eq!(quiet.database.schema_version, quiet.database.schema_latest, "a new database is on the newest schema");
    assert_eq!(quiet.log_dir, Some(logs.display().to_string()));
    assert!(quiet.jobs.is_empty());

    // A chain the Demo market answers, one it cannot, and a request refused before it is asked.
    engine.chain(ChainRequest { symbol: "KO".into(), ..Default::default() }).await.unwrap();
    let unknown = engine.chain(ChainRequest { symbol: "ZZZZ".into(), ..Default::default() }).await.unwrap_err();
    let refused = engine.chain(ChainRequest { symbol: "not a symbol".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidSymbol);

    let probed = engine.health(HealthRequest { probe: true }, None).await.unwrap();
    assert_eq!(probed.provider.provider, Provider::Demo);
    assert!(probed.provider.ready);
    let probe = probed.provider.probe.clone().unwrap();
    assert!(probe.ok && probe.error.is_none(), "{probe:?}");
    let stats = |operation: &str| probed.requests.iter().find(|r| r.provider == "demo" && r.operation == operation).unwrap().clone();
    let chain = stats("chain");
    assert_eq!((chain.requests, chain.errors), (2, 1), "the refused request never reached the provider");
    assert_eq!(chain.error_rate, 0.5);
    assert_eq!(chain.last_error.as_deref(), Some(&*format!("{}: {}", unknown.code, unknown.message)));
    assert!(chain.p50_ms <= chain.max_ms && chain.p95_ms <= chain.max_ms);
    assert_eq!((stats("quotes").requests, stats("quotes").errors), (1, 0), "the probe is a request like any other");
    assert!(probed.since <= probed.checked_at);
}
