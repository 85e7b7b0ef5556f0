//! [`NativeClientV2`]: the V2 client over `reqwest` (feature `native-client`).

use super::core::ClientV2;
use super::options::PortOneClientV2Options;
use crate::client::error::ClientError;
use crate::client::ReqwestTransport;

/// The V2 client over `reqwest`: its futures are `Send`, for any tokio runtime.
///
/// ```no_run
/// # async fn no_run() -> Result<(), portone_verify::client::ClientError> {
/// use portone_verify::client::v2::{NativeClientV2, PortOneClientV2Options};
/// use portone_verify::{Amount, ExpectedV2};
/// let client = NativeClientV2::from_options(PortOneClientV2Options {
///     api_secret: std::env::var("PORTONE_API_SECRET").unwrap_or_default(),
///     ..Default::default()
/// })?;
/// let order = ExpectedV2::new("order-1", Amount::from_i64(1004));
/// let checked = client.verify_payment("order-1", &order).await?;
/// if checked.is_ok() { /* ship the order */ }
/// # Ok(()) }
/// ```
pub type NativeClientV2 = ClientV2<ReqwestTransport>;

impl ClientV2<ReqwestTransport> {
    /// Validates `options` and builds the client over a new [`ReqwestTransport`]. Nothing is
    /// sent until the first call; call it inside a tokio runtime.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (with the option's path) for unusable options; `NETWORK` when the
    /// HTTP client cannot be built.
    pub fn from_options(options: PortOneClientV2Options) -> Result<Self, ClientError> {
        let config = options.validate()?;
        Ok(ClientV2::new(config, ReqwestTransport::new()?))
    }
}
