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

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::deadline::within;
use super::error::ClientError;
use super::token::TokenCache;
use super::transport::{Signal, Transport};
use crate::types::AuthAnnotation;

/// How many recently issued tokens are remembered for redacting errors.
const REMEMBERED_TOKENS: usize = 4;

type Outcome = Result<String, ClientError>;
type Slot = Arc<Mutex<Option<Outcome>>>;

/// The token side of a client: the cache, the request in flight, the tokens issued lately.
struct TokenState<S> {
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

/// The token of one client, shared by its calls.
pub(super) struct SharedToken<S> {
    state: Mutex<TokenState<S>>,
}

impl<S: Signal> SharedToken<S> {
    pub(super) fn new() -> Self {
        SharedToken {
            state: Mutex::new(TokenState::default()),
        }
    }

    /// A usable token: cached, or from the one token request in flight. When there is none,
    /// this call leads one: `fetch` sends it and gives PortOne's answer with the local time
    /// it was sent. A joined call waits at most `bound_ms`.
    pub(super) async fn get<T, F>(
        &self,
        transport: &T,
        bound_ms: u64,
        fetch: impl Fn() -> F,
    ) -> Result<String, ClientError>
    where
        T: Transport<Signal = S>,
        F: Future<Output = Result<(AuthAnnotation, f64), ClientError>>,
    {
        loop {
            match self.next_step(transport) {
                Step::Have(token) => return Ok(token),
                Step::Lead { id, outcome } => {
                    let _leading = Leading {
                        state: &self.state,
                        id,
                    };
                    let result = fetch().await;
                    let result = result.map(|(auth, sent_at_ms)| self.remember(&auth, sent_at_ms));
                    *lock(&outcome) = Some(result.clone());
                    return result;
                }
                Step::Join { id, outcome, woken } => {
                    let woke = within(woken, transport.sleep(bound_ms)).await;
                    if let Some(result) = lock(&outcome).clone() {
                        return result;
                    }
                    if woke.is_none() {
                        // The shared request never settled: forget it, so a new one starts.
                        TokenState::end_flight(&self.state, id);
                    }
                }
            }
        }
    }

    /// The cached token, or this call's part in the token request in flight.
    fn next_step<'t, T: Transport<Signal = S>>(
        &self,
        transport: &'t T,
    ) -> Step<impl Future<Output = ()> + 't> {
        let mut state = lock(&self.state);
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

    /// Caches a token PortOne issued for a request sent at `sent_at_ms`.
    fn remember(&self, auth: &AuthAnnotation, sent_at_ms: f64) -> String {
        let mut state = lock(&self.state);
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
        lock(&self.state).cache.invalidate(token);
    }

    /// The tokens issued lately (no error may contain them).
    pub(super) fn issued(&self) -> Vec<String> {
        lock(&self.state).issued.clone()
    }
}
