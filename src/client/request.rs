//! Requests as data: method, percent-encoded path, query, JSON body. Any transport (the
//! wasm `fetch` glue, or a Rust HTTP client) turns an [`ApiRequest`] into bytes on the wire.

use std::fmt;

/// The HTTP methods the V1 endpoints use here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: reads, safe to repeat.
    Get,
    /// `POST`: token issue, cancellation, amount pre-registration.
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One V1 API request, built by the functions in [`endpoints`](super::endpoints).
///
/// `Debug` never prints the body: the token request carries the API secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// The method.
    pub method: Method,
    /// The path, starting with `/`, segments already percent-encoded.
    pub path: String,
    /// Query parameters in order, unencoded (keys are fixed names such as `imp_uid[]`).
    pub query: Vec<(&'static str, String)>,
    /// The JSON body, if any.
    pub body: Option<String>,
    /// Whether the request needs `Authorization: Bearer <token>` (all but `getToken`).
    pub authenticated: bool,
    /// Whether sending it twice is harmless, so a network error, timeout, 5xx or 429 may be
    /// retried: every `GET`, and `POST /users/getToken` (it returns the same token before
    /// expiry). Never a cancellation or a pre-registration.
    pub idempotent: bool,
    /// A short name for messages, e.g. `"getPayment"`.
    pub operation: &'static str,
}

impl ApiRequest {
    /// A `GET` request for an authenticated, idempotent read.
    pub(crate) fn get(operation: &'static str, path: String) -> Self {
        ApiRequest {
            method: Method::Get,
            path,
            query: Vec::new(),
            body: None,
            authenticated: true,
            idempotent: true,
            operation,
        }
    }

    /// A `POST` request with a JSON body; not idempotent.
    pub(crate) fn post(operation: &'static str, path: String, body: String) -> Self {
        ApiRequest {
            method: Method::Post,
            path,
            query: Vec::new(),
            body: Some(body),
            authenticated: true,
            idempotent: false,
            operation,
        }
    }

    /// Adds a query parameter.
    pub(crate) fn param(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    pub(crate) fn param_opt<T: ToString>(self, key: &'static str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.param(key, value.to_string()),
            None => self,
        }
    }

    /// The path and query, e.g. `/payments?imp_uid[]=imp_1&imp_uid[]=imp_2`. Keys are
    /// written as is (PortOne documents the literal `[]`), values percent-encoded.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (key, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(key);
            out.push('=');
            out.push_str(&encode_component(value));
        }
        out
    }

    /// The full URL under `base_url` (e.g. `https://api.iamport.kr`, no trailing slash).
    pub fn url(&self, base_url: &str) -> String {
        format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            self.path_and_query()
        )
    }

    /// The headers to send: `Accept`, `Content-Type` for a body, `Authorization: Bearer`
    /// with `token` and `Tier` with `tier` (sub-merchant code) on authenticated requests.
    pub fn headers(&self, token: Option<&str>, tier: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        if self.authenticated {
            if let Some(token) = token {
                headers.push(("Authorization", format!("Bearer {token}")));
            }
            if let Some(tier) = tier {
                headers.push(("Tier", tier.to_owned()));
            }
        }
        headers
    }
}

impl fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query())
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("[{} bytes]", b.len())),
            )
            .field("authenticated", &self.authenticated)
            .field("idempotent", &self.idempotent)
            .field("operation", &self.operation)
            .finish()
    }
}

/// Percent-encodes a path segment or query value: everything but RFC 3986 unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` of its UTF-8 bytes, so `/`, `?`, `#`,
/// `&`, `+` and spaces in ids cannot change the request's meaning.
pub fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            for nibble in [byte >> 4, byte & 0x0F] {
                if let Some(&digit) = HEX.get(usize::from(nibble)) {
                    out.push(char::from(digit));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_encodes_components() {
        assert_eq!(encode_component("order-1_a.b~c"), "order-1_a.b~c");
        assert_eq!(
            encode_component("a/b?c#d&e+f g"),
            "a%2Fb%3Fc%23d%26e%2Bf%20g"
        );
        assert_eq!(encode_component("주문"), "%EC%A3%BC%EB%AC%B8");
        assert_eq!(encode_component(".."), "..");
    }

    #[test]
    fn client_debug_hides_body() {
        let req = ApiRequest::post("x", "/p".into(), "{\"imp_secret\":\"s3cr3t\"}".into());
        assert!(!format!("{req:?}").contains("s3cr3t"));
    }
}
