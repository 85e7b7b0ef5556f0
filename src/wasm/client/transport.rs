//! The client's [`Transport`] in JavaScript runtimes: the global `fetch` (never `window`, so
//! it runs in Cloudflare Workers, Node and Deno), the answer's body read from its
//! `ReadableStream` chunk by chunk (never `arrayBuffer()`, so the client's size cap stops a
//! huge answer early), `AbortController`, `setTimeout`, `Date.now`, `Math.random`, and
//! promises to wake one call from another.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use js_sys::{Date, Function, Math, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

use crate::client::{
    HttpRequest, ResponseBody, ResponseHead, Signal, Transport, TransportError, TransportErrorKind,
    RESPONSE_HEADERS,
};
use crate::wasm::errors::set;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (Workers, Node ≥ 18, Deno, browsers).
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    /// The global `setTimeout`.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    /// `Response.body`: a `ReadableStream` of `Uint8Array` chunks.
    type ByteStream;
    #[wasm_bindgen(catch, method, js_name = getReader)]
    fn get_reader(this: &ByteStream) -> Result<StreamReader, JsValue>;

    /// The stream's `ReadableStreamDefaultReader`.
    type StreamReader;
    #[wasm_bindgen(catch, method)]
    fn read(this: &StreamReader) -> Result<Promise, JsValue>;

    /// What `read()` resolves to: `{ done, value }`.
    type ReadResult;
    #[wasm_bindgen(method, getter)]
    fn done(this: &ReadResult) -> bool;
    #[wasm_bindgen(method, getter)]
    fn value(this: &ReadResult) -> JsValue;
}

/// [`Transport`] over the runtime's globals. Holds nothing: each call looks them up.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FetchTransport;

impl Transport for FetchTransport {
    type Signal = ResolveSignal;
    type Body = FetchBody;

    /// One exchange through `fetch` up to the answer's headers; `redirect: "manual"` (a
    /// redirect would carry the token elsewhere). Dropping it (the client's timeout) aborts
    /// the fetch; the body it hands over aborts it when dropped before its end.
    async fn send(&self, request: HttpRequest) -> Result<ResponseHead<FetchBody>, TransportError> {
        let unsupported = || {
            let message = "this runtime lacks fetch, Headers or AbortController";
            TransportError::new(TransportErrorKind::Unsupported, message)
        };
        let headers = Headers::new().map_err(|_| unsupported())?;
        for (name, value) in &request.headers {
            headers
                .set(name, value)
                .map_err(|_| TransportError::new(TransportErrorKind::InvalidHeader(name), *name))?;
        }
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        set(&init, "redirect", &JsValue::from_str("manual"));
        let controller = AbortController::new().map_err(|_| unsupported())?;
        init.set_signal(Some(&controller.signal()));
        let mut abort = AbortOnDrop(Some(controller));
        let response = fetch(&request.url, &init).await.map_err(network)?;
        let status = response.status();
        let headers = RESPONSE_HEADERS
            .iter()
            .filter_map(|name| {
                let value = response.headers().get(name).ok().flatten()?;
                Some(((*name).to_owned(), value))
            })
            .collect();
        let stream = Reflect::get(&response, &JsValue::from_str("body"))
            .ok()
            .filter(|body| !body.is_null() && !body.is_undefined());
        let reader = match stream {
            Some(stream) => Some(
                stream
                    .unchecked_into::<ByteStream>()
                    .get_reader()
                    .map_err(network)?,
            ),
            None => None,
        };
        let body = FetchBody {
            reader,
            abort: AbortOnDrop(abort.0.take()),
        };
        Ok(ResponseHead {
            status,
            headers,
            body,
        })
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        let mut id = JsValue::UNDEFINED;
        let promise = Promise::new(&mut |resolve, _reject| {
            id = set_timeout(&resolve, ms as f64);
        });
        Timer {
            id,
            fired: JsFuture::from(promise),
        }
    }

    fn now_ms(&self) -> f64 {
        Date::now()
    }

    fn random(&self) -> f64 {
        Math::random()
    }

    /// A promise made by the waiting call (so in Cloudflare Workers it resumes in its own
    /// request), resolved by the call it waits for.
    fn signal(&self) -> (ResolveSignal, impl Future<Output = ()>) {
        let mut resolve = None;
        let promise = Promise::new(&mut |resolved, _rejected| resolve = Some(resolved));
        let woken = JsFuture::from(promise);
        (ResolveSignal(resolve), async move {
            let _ = woken.await;
        })
    }
}

/// `fetch`, up to the answer's headers.
async fn fetch(url: &str, init: &RequestInit) -> Result<Response, JsValue> {
    JsFuture::from(global_fetch(url, init)?).await?.dyn_into()
}

/// An answer's body, read from its stream's reader chunk by chunk. Dropped before its end (the
/// client's size cap or timeout), it aborts the fetch, which cancels the body's stream (the
/// Fetch standard's abort errors it) and closes the connection: nothing more is received.
/// (`reader.cancel()` is not called as well: its promise could reject with no one to handle
/// it once the abort errors the stream, and Node treats that as fatal.)
pub(crate) struct FetchBody {
    /// `None` once the stream ended (or for an answer without a body).
    reader: Option<StreamReader>,
    abort: AbortOnDrop,
}

impl std::fmt::Debug for FetchBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchBody")
            .field("ended", &self.reader.is_none())
            .finish()
    }
}

impl ResponseBody for FetchBody {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        let Some(reader) = &self.reader else {
            return Ok(None);
        };
        let read = reader.read().map_err(network)?;
        let result: ReadResult = JsFuture::from(read)
            .await
            .map_err(network)?
            .unchecked_into();
        if result.done() {
            self.reader = None;
            self.abort.0 = None;
            return Ok(None);
        }
        match result.value().dyn_into::<Uint8Array>() {
            Ok(chunk) => Ok(Some(chunk.to_vec())),
            Err(_) => Err(TransportError::new(
                TransportErrorKind::Network,
                "the answer's body stream gave something other than bytes",
            )),
        }
    }
}

/// Aborts the fetch unless disarmed (set to `None`) once the answer is read.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// A `setTimeout`, cleared when dropped before it fires (so no stray timer keeps Node alive).
struct Timer {
    id: JsValue,
    fired: JsFuture,
}

impl Future for Timer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.fired).poll(cx).map(|_| ())
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// The `resolve` of a waiting call's promise ([`Transport::signal`]).
#[derive(Debug)]
pub(crate) struct ResolveSignal(Option<Function>);

impl Signal for ResolveSignal {
    fn fire(self) {
        if let Some(resolve) = self.0 {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A rejected `fetch` or body read as `NETWORK`: its message (or code), and its cause's.
fn network(err: JsValue) -> TransportError {
    let reason = error_text(&err).unwrap_or_else(|| "fetch failed".to_owned());
    let cause = Reflect::get(&err, &JsValue::from_str("cause"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|c| error_text(&c))
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    TransportError::new(TransportErrorKind::Network, format!("{reason}{cause}"))
}

fn error_text(value: &JsValue) -> Option<String> {
    let message = Reflect::get(value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    let code = Reflect::get(value, &JsValue::from_str("code"))
        .ok()
        .and_then(|c| c.as_string());
    match (message, code) {
        (Some(m), Some(c)) if !m.contains(&c) => Some(format!("{c}: {m}")),
        (Some(m), _) => Some(m),
        (None, Some(c)) => Some(c),
        (None, None) => value.as_string(),
    }
}
