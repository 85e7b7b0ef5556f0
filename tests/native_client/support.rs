//! The local PortOne server as a child process, its admin API, and a transport wrapper that
//! records every token the client sent (so tests can check none leaks into an error) and can
//! answer in the server's place.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use portone_verify::client::v2::{ClientV2, PortOneClientV2Options};
use portone_verify::client::{
    BufferedBody, Client, ClientError, ClientErrorCode, HttpRequest, HttpResponse,
    PortOneClientOptions, ReqwestBody, ReqwestTransport, ResponseBody, ResponseHead, Transport,
    TransportError,
};
use serde_json::{json, Value};

pub const API_KEY: &str = "test_imp_key";
pub const API_SECRET: &str = "test_imp_secret";
pub const CARD_PAID: &str = "imp_100000000001";
pub const GET_PAYMENT: &str = "GET /payments/{imp_uid}";
pub const GET_TOKEN: &str = "POST /users/getToken";
pub const CANCEL: &str = "POST /payments/cancel";

/// `node tests/portone-server/server.mjs` on a free port; killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    http: reqwest::Client,
}

impl Server {
    pub fn start() -> Server {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/portone-server/server.mjs"
        );
        let mut child = Command::new("node")
            .arg(script)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the local PortOne server");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its URL");
        let url = line
            .trim()
            .strip_prefix("PORTONE_SERVER_URL=")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        Server { child, url, http }
    }

    /// `/__admin/<path>`; the envelope's `response`.
    pub async fn admin(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}/__admin/{path}", self.url);
        let request = self.http.request(method.clone(), url);
        let request = match method {
            reqwest::Method::GET => request,
            _ => request
                .header("content-type", "application/json")
                .body(body.to_string()),
        };
        let bytes = request.send().await.unwrap().bytes().await.unwrap();
        let envelope: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(envelope["code"], 0, "admin {path}: {envelope}");
        envelope["response"].clone()
    }

    pub async fn stats(&self) -> Value {
        self.admin(reqwest::Method::GET, "stats", Value::Null).await
    }

    /// The stats once the server handles no request any more (a body it still streams to a
    /// client that left ends when it notices).
    pub async fn settled_stats(&self) -> Value {
        for _ in 0..3000 {
            let stats = self.stats().await;
            if stats["inFlight"] == 0 {
                return stats;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the server still handles a request after 60 s");
    }

    /// Requests the server saw on `route`.
    pub async fn count(&self, route: &str) -> u64 {
        self.stats().await["byRoute"][route].as_u64().unwrap_or(0)
    }

    /// Queues `fault` for the next `times` requests to `route` (`None`: any route).
    pub async fn fault(&self, fault: &str, times: u32, route: Option<&str>) {
        let body = json!({ "fault": fault, "times": times, "route": route });
        self.admin(reqwest::Method::POST, "faults", body).await;
    }

    pub async fn create_payment(&self, partial: Value) -> Value {
        self.admin(reqwest::Method::POST, "payments", partial).await
    }

    pub fn options(&self) -> PortOneClientOptions {
        PortOneClientOptions {
            api_key: API_KEY.into(),
            api_secret: API_SECRET.into(),
            base_url: Some(self.url.clone()),
            ..Default::default()
        }
    }

    /// A client of this server with `timeout_ms` and `max_retries`.
    pub fn client(&self, timeout_ms: u32, max_retries: u32) -> TestClient {
        client_with(PortOneClientOptions {
            timeout_ms: Some(timeout_ms),
            max_retries: Some(max_retries),
            ..self.options()
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub type TestClient = Client<Recording>;

pub fn client_with(options: PortOneClientOptions) -> TestClient {
    let http = ReqwestTransport::builder().no_proxy().build().unwrap();
    let transport = Recording {
        inner: ReqwestTransport::with_client(http),
        tokens: Arc::default(),
        answer: Arc::default(),
    };
    Client::new(options.validate().unwrap(), transport)
}

type Answerer = dyn Fn(&HttpRequest) -> Option<Result<HttpResponse, TransportError>> + Send + Sync;

/// [`ReqwestTransport`] plus a record of the bearer tokens sent, and an optional answerer
/// that replies instead of the server (when it returns `Some`).
#[derive(Clone)]
pub struct Recording {
    inner: ReqwestTransport,
    pub tokens: Arc<Mutex<Vec<String>>>,
    pub answer: Arc<Mutex<Option<Box<Answerer>>>>,
}

impl Recording {
    pub fn tokens(&self) -> Vec<String> {
        self.tokens.lock().unwrap().clone()
    }

    pub fn answer_with(
        &self,
        answer: impl Fn(&HttpRequest) -> Option<Result<HttpResponse, TransportError>>
            + Send
            + Sync
            + 'static,
    ) {
        *self.answer.lock().unwrap() = Some(Box::new(answer));
    }
}

/// The server's body, or the answerer's.
#[derive(Debug)]
pub enum EitherBody {
    Server(ReqwestBody),
    Answered(BufferedBody),
}

impl ResponseBody for EitherBody {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        match self {
            EitherBody::Server(body) => body.next_chunk().await,
            EitherBody::Answered(body) => body.next_chunk().await,
        }
    }
}

impl Transport for Recording {
    type Signal = <ReqwestTransport as Transport>::Signal;
    type Body = EitherBody;

    async fn send(&self, request: HttpRequest) -> Result<ResponseHead<EitherBody>, TransportError> {
        let auth = request
            .headers
            .iter()
            .find(|(name, _)| *name == "Authorization");
        if let Some((_, value)) = auth {
            let token = value.trim_start_matches("Bearer ").to_owned();
            self.tokens.lock().unwrap().push(token);
        }
        let answered = self
            .answer
            .lock()
            .unwrap()
            .as_ref()
            .and_then(|a| a(&request));
        let head = match answered {
            Some(answer) => {
                let head = answer?.into_head();
                return Ok(ResponseHead {
                    status: head.status,
                    headers: head.headers,
                    body: EitherBody::Answered(head.body),
                });
            }
            None => self.inner.send(request).await?,
        };
        Ok(ResponseHead {
            status: head.status,
            headers: head.headers,
            body: EitherBody::Server(head.body),
        })
    }

    fn sleep(&self, ms: u64) -> impl std::future::Future<Output = ()> {
        self.inner.sleep(ms)
    }

    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }

    fn random(&self) -> f64 {
        self.inner.random()
    }

    fn signal(&self) -> (Self::Signal, impl std::future::Future<Output = ()>) {
        self.inner.signal()
    }
}

/// Checks `err` has `code` and that neither its text nor its `Debug` holds the API secret, a
/// token the client sent, or any of `extra`. Returns it.
pub fn expect_error<T: std::fmt::Debug>(
    result: Result<T, ClientError>,
    code: ClientErrorCode,
    client: &TestClient,
    extra: &[&str],
) -> ClientError {
    let err = match result {
        Ok(value) => panic!("expected {code}, got {value:?}"),
        Err(err) => err,
    };
    assert_eq!(err.code(), code, "{err}");
    assert_secret_free(&err, client, extra);
    err
}

pub fn assert_secret_free(err: &ClientError, client: &TestClient, extra: &[&str]) {
    let texts = [err.to_string(), format!("{err:?}")];
    let tokens = client.transport().tokens();
    let secrets = tokens
        .iter()
        .map(String::as_str)
        .chain([API_SECRET])
        .chain(extra.iter().copied());
    for secret in secrets.filter(|s| !s.is_empty()) {
        for text in &texts {
            assert!(!text.contains(secret), "an error exposes a secret: {text}");
        }
    }
}

// ---------------------------------------------------------------- V2

pub const V2_SECRET: &str = "test_v2_api_secret";
pub const V2_WEBHOOK_SECRET: &str = "whsec_cG9ydG9uZS12ZXJpZnkgbG9jYWwgdjIgd2ViaG9vayBrZXkh";
pub const V2_STORE: &str = "store-10ca1000-0000-4000-8000-000000000001";
pub const V2_CARD_PAID: &str = "payment-v2-card-paid";
pub const V2_GET_PAYMENT: &str = "GET /v2/payments/{paymentId}";
pub const V2_GET_PAYMENTS: &str = "GET /v2/payments";
pub const V2_CANCEL: &str = "POST /v2/payments/{paymentId}/cancel";
pub const V2_PRE_REGISTER: &str = "POST /v2/payments/{paymentId}/pre-register";

pub type TestClientV2 = ClientV2<Recording>;

impl Server {
    pub fn v2_options(&self) -> PortOneClientV2Options {
        PortOneClientV2Options {
            api_secret: V2_SECRET.into(),
            webhook_secret: Some(V2_WEBHOOK_SECRET.into()),
            base_url: Some(format!("{}/v2", self.url)),
            ..Default::default()
        }
    }

    /// A V2 client of this server with `timeout_ms` and `max_retries`.
    pub fn client_v2(&self, timeout_ms: u32, max_retries: u32) -> TestClientV2 {
        client_v2_with(PortOneClientV2Options {
            timeout_ms: Some(timeout_ms),
            max_retries: Some(max_retries),
            ..self.v2_options()
        })
    }
}

pub fn client_v2_with(options: PortOneClientV2Options) -> TestClientV2 {
    let http = ReqwestTransport::builder().no_proxy().build().unwrap();
    let transport = Recording {
        inner: ReqwestTransport::with_client(http),
        tokens: Arc::default(),
        answer: Arc::default(),
    };
    ClientV2::new(options.validate().unwrap(), transport)
}

/// Checks `err` has `code` and holds neither V2 secret (nor any of `extra`) in any form.
pub fn expect_v2_error<T: std::fmt::Debug>(
    result: Result<T, ClientError>,
    code: ClientErrorCode,
) -> ClientError {
    let err = match result {
        Ok(value) => panic!("expected {code}, got {value:?}"),
        Err(err) => err,
    };
    assert_eq!(err.code(), code, "{err}");
    for text in [err.to_string(), format!("{err:?}")] {
        for secret in [V2_SECRET, V2_WEBHOOK_SECRET, &V2_WEBHOOK_SECRET[6..]] {
            assert!(!text.contains(secret), "an error exposes a secret: {text}");
        }
    }
    err
}
