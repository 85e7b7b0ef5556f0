//! The browser guard: the client holds the API secret, so it refuses to be created where a
//! buyer's browser runs it, unless `dangerouslyAllowBrowser` says otherwise.

use super::error::{ClientError, ClientErrorCode};

/// What the browser guard reads of a JavaScript runtime's global scope (the wasm glue fills it
/// in; Rust callers have no browser to detect).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuntimeGlobals {
    /// A global `window` is defined.
    pub window: bool,
    /// A global `document` is defined.
    pub document: bool,
    /// A global `importScripts` is a function.
    pub import_scripts: bool,
}

impl RuntimeGlobals {
    /// Which kind of browser context these globals show, `None` for a server runtime.
    pub fn browser_context(&self) -> Option<&'static str> {
        if self.window && self.document {
            Some("a browser page (window and document exist)")
        } else if self.import_scripts {
            Some("a browser worker (importScripts exists)")
        } else {
            None
        }
    }
}

/// Refuses a browser context unless `allow_browser` (the option `dangerouslyAllowBrowser`, the
/// only way around it).
///
/// The rule, checked against the real runtimes' globals (tests in Node and its
/// `worker_threads`, workerd, and headless Chromium's page, classic dedicated and shared
/// workers, module dedicated and service workers):
/// - a **browser page**: `window` and `document` both exist (also a DOM emulation such as jsdom
///   installed as globals in Node);
/// - a **browser worker** (dedicated, shared or service worker, classic or module):
///   `importScripts` is a function — the `WorkerGlobalScope` method every browser worker has.
///
/// Anything else counts as a **server runtime**: Node (also its `worker_threads`), Cloudflare
/// Workers (workerd) — both tested — and Deno and Bun (not tested here; their main context has
/// neither `document` nor `importScripts`). The names `WorkerGlobalScope` and `ServiceWorkerGlobalScope`
/// are *not* used: workerd defines both constructors and its global scope is a
/// `ServiceWorkerGlobalScope`, yet it has no `importScripts`. `navigator.userAgent` is not
/// read either (Node ≥ 21 and workerd have a `navigator` too).
///
/// # Errors
/// `BROWSER_NOT_ALLOWED`, naming what was found.
///
/// ```
/// use portone_verify::client::{check_runtime, RuntimeGlobals};
/// let worker = RuntimeGlobals { import_scripts: true, ..Default::default() };
/// assert!(check_runtime(worker, false).is_err());
/// assert!(check_runtime(worker, true).is_ok());
/// assert!(check_runtime(RuntimeGlobals::default(), false).is_ok());
/// ```
pub fn check_runtime(globals: RuntimeGlobals, allow_browser: bool) -> Result<(), ClientError> {
    match globals.browser_context() {
        Some(context) if !allow_browser => Err(ClientError::new(
            ClientErrorCode::BrowserNotAllowed,
            format!(
                "PortOneClient holds your API secret and must run on a server, not in \
                 {context}; set dangerouslyAllowBrowser only for trusted tooling"
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_workers_are_browsers_servers_are_not() {
        let page = RuntimeGlobals {
            window: true,
            document: true,
            import_scripts: false,
        };
        let worker = RuntimeGlobals {
            import_scripts: true,
            ..RuntimeGlobals::default()
        };
        let window_only = RuntimeGlobals {
            window: true,
            ..RuntimeGlobals::default()
        };
        for (globals, browser) in [
            (page, true),
            (worker, true),
            (window_only, false),
            (RuntimeGlobals::default(), false),
        ] {
            assert_eq!(globals.browser_context().is_some(), browser, "{globals:?}");
            let refused = check_runtime(globals, false);
            assert_eq!(refused.is_err(), browser, "{globals:?}");
            if let Err(err) = refused {
                assert_eq!(err.code(), ClientErrorCode::BrowserNotAllowed);
                assert!(err.message().contains("dangerouslyAllowBrowser"));
            }
            assert!(check_runtime(globals, true).is_ok());
        }
    }
}
