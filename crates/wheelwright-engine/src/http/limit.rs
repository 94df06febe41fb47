//! A token bucket per provider: requests wait for a token instead of being sent and refused.
//! Schwab publishes no figure for data calls (we budget ~2 a second); Tradier allows 120 a
//! minute (60 in its sandbox).

use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct TokenBucket {
    capacity: f64,
    per_second: f64,
    state: Mutex<(f64, Instant)>,
}

impl TokenBucket {
    /// `per_second` tokens a second, at most `capacity` saved up (the burst).
    pub fn new(per_second: f64, capacity: f64) -> TokenBucket {
        TokenBucket { capacity, per_second, state: Mutex::new((capacity, Instant::now())) }
    }

    /// Waits until a token is free and takes it.
    pub async fn acquire(&self) {
        loop {
            let wait = {
                let mut state = self.state.lock().await;
                let (tokens, since) = &mut *state;
                let now = Instant::now();
                *tokens = (*tokens + now.duration_since(*since).as_secs_f64() * self.per_second).min(self.capacity);
                *since = now;
                if *tokens >= 1.0 {
                    *tokens -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 - *tokens) / self.per_second)
            };
            tokio::time::sleep(wait).await;
        }
    }
}
