//! One access token for all calls of a client: from the [`TokenCache`], or from the one token
//! request in flight, which concurrent calls share (single flight).
//!
//! The call that finds no token and no request in flight leads: it sends `getToken` and, when
//! done, hands the outcome (token or error) to every call that joined meanwhile. A failure is
//! shared but not cached. Nothing can leave a joined call waiting forever:
//! - a leader that is dropped before it finishes (its caller gave up) wakes the others, and
//!   one of them leads a new request;
//! - a joined call waits at most the longest a token request can take
//!   ([`RetryPolicy::worst_case_ms`](super::RetryPolicy::worst_case_ms)), then forgets that
//!   request and starts over. In Cloudflare Workers a request's pending I/O can be cancelled
//!   when the request that started it ends, so a leader may never finish nor be dropped.
//!
//! State sits behind a `std::sync::Mutex` never held across an `await`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::core::Client;
use super::deadline::within;
use super::endpoints;
use super::error::ClientError;
use super::response;
use super::retry::{Attempts, Next};
use super::token::TokenCache;
use super::transport::{Signal, Transport};
use crate::types::AuthAnnotation;

/// How many recently issued tokens are remembered for redacting errors.
const REMEMBERED_TOKENS: usize = 4;

type Outcome = Result<String, ClientError>;
type Slot = Arc<Mutex<Option<Outcome>>>;

/// The token side of a client: the cache, the request in flight, the tokens issued lately.
pub(super) struct TokenState<S> {
    cache: TokenCache,
    flight: Option<Flight<S>>,
    flights_started: u64,
    issued: Vec<String>,
}

/// The token request in flight: where its outcome will be, and who waits for it.
struct Flight<S> {
    id: u64,
    outcome: Slot,
    waiters: Vec<S>,
}

/// What a call that needs a token does.
enum Step<W> {
    /// Uses this cached token.
    Have(String),
    /// Sends the token request (flight `id`) and leaves its outcome in `outcome`.
    Lead { id: u64, outcome: Slot },
    /// Waits for flight `id`: `woken` resolves when it ends.
    Join { id: u64, outcome: Slot, woken: W },
}

impl<S> Default for TokenState<S> {
    fn default() -> Self {
        TokenState {
            cache: TokenCache::new(),
            flight: None,
            flights_started: 0,
            issued: Vec::new(),
        }
    }
}

impl<S: Signal> TokenState<S> {
    /// Takes the flight `id` out (if it is still the current one) and wakes its waiters.
    fn end_flight(state: &Mutex<Self>, id: u64) {
        let waiters = {
            let mut state = lock(state);
            match &state.flight {
                Some(flight) if flight.id == id => state.flight.take().map(|f| f.waiters),
                _ => None,
            }
        };
        for waiter in waiters.into_iter().flatten() {
            waiter.fire();
        }
    }
}

/// Ends the flight when the leading call finishes or is dropped (its caller gave up): either
/// way every joined call is woken, and finds the outcome or starts over.
struct Leading<'a, S: Signal> {
    state: &'a Mutex<TokenState<S>>,
    id: u64,
}

impl<S: Signal> Drop for Leading<'_, S> {
    fn drop(&mut self) {
        TokenState::end_flight(self.state, self.id);
    }
}

pub(super) fn lock<V>(mutex: &Mutex<V>) -> MutexGuard<'_, V> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T: Transport> Client<T> {
    /// A usable token: cached, or from the one token request in flight (led by this call when
    /// there is none).
    pub(super) async fn token(&self) -> Result<String, ClientError> {
        let (config, transport) = (self.config(), self.transport());
        let bound = config.retry.worst_case_ms(config.timeout_ms);
        loop {
            match self.next_step() {
                Step::Have(token) => return Ok(token),
                Step::Lead { id, outcome } => {
                    let _leading = Leading {
                        state: self.tokens(),
                        id,
                    };
                    let result = self.fetch_token().await;
                    *lock(&outcome) = Some(result.clone());
                    return result;
                }
                Step::Join { id, outcome, woken } => {
                    let woke = within(woken, transport.sleep(bound)).await;
                    if let Some(result) = lock(&outcome).clone() {
                        return result;
                    }
                    if woke.is_none() {
                        // The shared request never settled: forget it, so a new one starts.
                        TokenState::end_flight(self.tokens(), id);
                    }
                }
            }
        }
    }

    /// The cached token, or this call's part in the token request in flight.
    fn next_step(&self) -> Step<impl std::future::Future<Output = ()> + '_> {
        let transport = self.transport();
        let mut state = lock(self.tokens());
        if let Some(token) = state.cache.current(transport.now_ms()) {
            return Step::Have(token.to_owned());
        }
        if let Some(flight) = &mut state.flight {
            let (signal, woken) = transport.signal();
            flight.waiters.push(signal);
            return Step::Join {
                id: flight.id,
                outcome: flight.outcome.clone(),
                woken,
            };
        }
        state.flights_started += 1;
        let (id, outcome) = (state.flights_started, Slot::default());
        state.flight = Some(Flight {
            id,
            outcome: outcome.clone(),
            waiters: Vec::new(),
        });
        Step::Lead { id, outcome }
    }

    /// `POST /users/getToken`, retried like any idempotent request; the token is cached.
    async fn fetch_token(&self) -> Result<String, ClientError> {
        let (config, transport) = (self.config(), self.transport());
        let request = endpoints::get_token(&config.api_key, &config.api_secret);
        let mut attempts = Attempts::new(config.retry, request.idempotent, false);
        loop {
            let sent_at_ms = transport.now_ms();
            let answer = self.attempt(&request, None).await;
            let err = match answer.and_then(|answer| response::decode_token(&answer.body)) {
                Ok(auth) => return Ok(self.remember(&auth, sent_at_ms)),
                Err(err) => err,
            };
            match attempts.after(&err, transport.random()) {
                Next::Retry { delay_ms } => transport.sleep(delay_ms).await,
                Next::RefreshToken | Next::Fail => return Err(err),
            }
        }
    }

    fn remember(&self, auth: &AuthAnnotation, sent_at_ms: f64) -> String {
        let mut state = lock(self.tokens());
        let token = state.cache.store(auth, sent_at_ms);
        if !state.issued.contains(&token) {
            if state.issued.len() >= REMEMBERED_TOKENS {
                state.issued.remove(0);
            }
            state.issued.push(token.clone());
        }
        token
    }

    /// Drops `token` after PortOne refused it (a token another call already renewed stays).
    pub(super) fn invalidate(&self, token: &str) {
        lock(self.tokens()).cache.invalidate(token);
    }

    /// The texts no error may contain: the API secret and the tokens issued lately.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let state = lock(self.tokens());
        let mut secrets = state.issued.clone();
        secrets.push(self.config().api_secret.clone());
        secrets
    }
}
