//! What the client builds from PortOne's answers: the multi-payment lookup.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::types::PaymentAnnotation;

/// The answer of `getPayments`. With HTTP 207 PortOne found only some of the requested
/// payments (others do not exist or are not this merchant's): `partial` is then `true` and
/// `payments` holds those it found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentsResult {
    /// The payments found.
    pub payments: Vec<PaymentAnnotation>,
    /// Whether PortOne answered HTTP 207 (some ids were not found or not accessible).
    pub partial: bool,
    /// PortOne's envelope message, if any (it may explain a partial answer).
    pub message: Option<String>,
}
