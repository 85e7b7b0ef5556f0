//! The browser guard in a browser's dedicated worker (headless Chromium through
//! `wasm-pack test --headless --chrome --features browser-test`): `importScripts` exists, so
//! `new PortOneClient` is refused unless `dangerouslyAllowBrowser`.
#![cfg(all(target_arch = "wasm32", feature = "browser-test", feature = "client"))]

mod browser_guard;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
fn client_is_refused_in_a_dedicated_worker() {
    browser_guard::refused_unless_allowed("a browser worker");
}
