//! The browser guard's check, shared by the wasm-bindgen tests that run in each kind of
//! browser context (page: `web.rs`; workers: `web_*_worker.rs`; a module service worker is
//! checked with Playwright in `tests/e2e/browser-guard.test.mjs`).
#![allow(dead_code)]

use js_sys::{Error, Reflect, JSON};
use portone_verify::wasm::client::PortOneClient;
use wasm_bindgen::{JsCast, JsValue};

/// `new PortOneClient` is `BROWSER_NOT_ALLOWED` here, with a message naming `context` and
/// never the secret; `dangerouslyAllowBrowser: true` lets it be built.
pub fn refused_unless_allowed(context: &str) {
    let options = JSON::parse(r#"{"apiKey":"key","apiSecret":"secret-must-not-leak"}"#).unwrap();
    let err = PortOneClient::new(options)
        .map(JsValue::from)
        .expect_err("constructed in a browser context");
    let err: Error = err.dyn_into().expect("a real Error");
    let code = Reflect::get(&err, &JsValue::from_str("code")).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("BROWSER_NOT_ALLOWED"));
    let message = String::from(err.message());
    assert!(message.contains(context), "{message}");
    assert!(!message.contains("secret-must-not-leak"), "{message}");
    let allowed =
        JSON::parse(r#"{"apiKey":"key","apiSecret":"test_secret","dangerouslyAllowBrowser":true}"#)
            .unwrap();
    assert!(PortOneClient::new(allowed).is_ok());
}
