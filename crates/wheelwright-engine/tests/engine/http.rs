//! The HTTP layer against a local fake server with injected faults: it waits as told on 429,
//! backs off and retries 5xx and dropped or slow answers a bounded number of times, never
//! retries a refused login or a bad request, and keeps to its rate limit.

use crate::fake_server::{FakeServer, Reply};
use reqwest::Method;
use std::time::Duration;
use tokio::time::Instant;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::http::{HttpClient, RetryPolicy, TokenBucket};

fn client(attempts: u32, timeout: Duration) -> HttpClient {
    let policy = RetryPolicy { attempts, base: Duration::from_millis(20), cap: Duration::from_millis(100), timeout };
    HttpClient::new("Fake", TokenBucket::new(1000.0, 1000.0), policy).unwrap()
}

async fn get(client: &HttpClient, url: &str) -> wheelwright_engine::Result<String> {
    client.send(Method::GET, url, |r| r.bearer_auth("token-123")).await.map(|r| r.body)
}

#[tokio::test]
async fn a_429_is_waited_out_as_the_provider_asks() {
    let server = FakeServer::start().await;
    server.script("/quotes", vec![Reply::status(429).with_header("retry-after", "1"), Reply::ok("{\"ok\":true}")]);
    let started = Instant::now();
    assert_eq!(get(&client(4, Duration::from_secs(5)), &server.url("/quotes?symbols=AAPL")).await.unwrap(), "{\"ok\":true}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].at - requests[0].at >= Duration::from_millis(950), "waited {:?}", requests[1].at - requests[0].at);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(requests[0].authorization.as_deref(), Some("Bearer token-123"));
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("GET", "/quotes?symbols=AAPL"));
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_with_a_code() {
    let server = FakeServer::start().await;
    server.script("/flaky", vec![Reply::status(500), Reply::status(502), Reply::ok("[]")]);
    assert_eq!(get(&client(4, Duration::from_secs(5)), &server.url("/flaky")).await.unwrap(), "[]");
    assert_eq!(server.requests().len(), 3);

    server.script("/down", vec![Reply::status(502)]);
    let err = get(&client(3, Duration::from_secs(5)), &server.url("/down")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::UpstreamUnavailable);
    assert!(err.message.starts_with("Fake: 502"), "{}", err.message);
    assert_eq!(server.requests().iter().filter(|r| r.path == "/down").count(), 3, "bounded: three attempts");

    server.script("/busy", vec![Reply::status(429)]);
    assert_eq!(get(&client(2, Duration::from_secs(5)), &server.url("/busy")).await.unwrap_err().code, ErrorCode::RateLimited);
}

#[tokio::test]
async fn refused_logins_and_bad_requests_are_not_retried() {
    let server = FakeServer::start().await;
    server.script("/expired", vec![Reply::status(401)]);
    let err = get(&client(4, Duration::from_secs(5)), &server.url("/expired")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AuthRequired);
    assert!(err.message.contains("log in again"));
    server.script("/nonsense", vec![Reply { body: "{\"message\":\"symbol is required\"}".into(), ..Reply::status(400) }]);
    let err = get(&client(4, Duration::from_secs(5)), &server.url("/nonsense")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::UpstreamRejected);
    assert!(err.message.contains("symbol is required"), "{}", err.message);
    assert_eq!(server.requests().len(), 2, "one request each");
}

#[tokio::test]
async fn slow_answers_time_out_and_unreachable_hosts_are_reported() {
    let server = FakeServer::start().await;
    server.script("/slow", vec![Reply::ok("{}").after(Duration::from_secs(3))]);
    let err = get(&client(2, Duration::from_millis(200)), &server.url("/slow")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Timeout);
    assert_eq!(server.requests().len(), 2);
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let err = get(&client(2, Duration::from_secs(1)), &format!("http://{closed}/x")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::UpstreamUnavailable);
}

#[tokio::test]
async fn the_rate_limit_spaces_requests_out() {
    let server = FakeServer::start().await;
    server.script("/q", vec![Reply::ok("{}")]);
    // Five a second, no burst beyond one: six requests span at least a second.
    let limited = HttpClient::new("Fake", TokenBucket::new(5.0, 1.0), RetryPolicy::default()).unwrap();
    for _ in 0..6 {
        get(&limited, &server.url("/q")).await.unwrap();
    }
    let requests = server.requests();
    let span = requests.last().unwrap().at - requests[0].at;
    assert!(span >= Duration::from_millis(950), "six requests in {span:?}");
}
