//! What the merchant's own order says a V2 payment must be.

use serde::Deserialize;
use tsify::Tsify;

use super::expected::decode_expected;
use crate::amount::Amount;
use crate::error::{ErrorCode, ParseError};

/// The merchant's expectation of a V2 payment, taken from its own order record (never from
/// the browser).
///
/// # Example
/// ```
/// use portone_verify::{Amount, ExpectedV2};
/// let expected = ExpectedV2::new("order-1", Amount::from_i64(1004))
///     .with_order_name("Book")
///     .with_store_id("store-1")
///     .allow_virtual_account_issued(true);
/// assert_eq!(expected.currency, "KRW");
/// assert!(!expected.allow_test_channel);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedV2 {
    /// The payment id the payment must have (`id`: the merchant's own id for the payment).
    pub payment_id: String,
    /// What the order costs: `amount.total` must equal it exactly. A whole number in the
    /// currency's unit (a number, or a string such as `"9007199254740993"` past 2^53; from
    /// JavaScript a `bigint` too).
    #[tsify(type = "number | string | bigint")]
    pub amount: Amount,
    /// The currency charged; default `"KRW"`.
    #[serde(default = "default_currency")]
    #[tsify(optional)]
    pub currency: String,
    /// The order name the payment must carry (`orderName`), when given.
    #[serde(default)]
    #[tsify(optional)]
    pub order_name: Option<String>,
    /// The store the payment must belong to (`storeId`), when given.
    #[serde(default)]
    #[tsify(optional)]
    pub store_id: Option<String>,
    /// Accept `VIRTUAL_ACCOUNT_ISSUED` (state `virtual_account_issued`: the buyer has not
    /// deposited yet) while its deposit deadline has not passed at `nowMs`; default `false`.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_virtual_account_issued: bool,
    /// Accept payments on a test channel (`channel.type` `TEST`); default `false`. Never in
    /// production: no money moves.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_test_channel: bool,
    /// The current time in milliseconds since 1970, against which an issued virtual
    /// account's deposit deadline (`method.expiredAt`) is checked (only read with
    /// `allowVirtualAccountIssued`). The clock is passed in ([`ExpectedV2::now_ms`]); without it
    /// an issued virtual account cannot be judged and does not verify.
    #[serde(default)]
    #[tsify(optional)]
    pub now_ms: Option<i64>,
}

fn default_currency() -> String {
    super::Expected::DEFAULT_CURRENCY.to_owned()
}

impl ExpectedV2 {
    /// An expectation for `payment_id` and `amount` in KRW, everything else strict.
    pub fn new(payment_id: impl Into<String>, amount: Amount) -> Self {
        ExpectedV2 {
            payment_id: payment_id.into(),
            amount,
            currency: default_currency(),
            order_name: None,
            store_id: None,
            allow_virtual_account_issued: false,
            allow_test_channel: false,
            now_ms: None,
        }
    }

    /// Sets the currency (e.g. `"USD"`).
    #[must_use]
    pub fn with_currency(mut self, currency: impl Into<String>) -> Self {
        self.currency = currency.into();
        self
    }

    /// Requires this order name.
    #[must_use]
    pub fn with_order_name(mut self, order_name: impl Into<String>) -> Self {
        self.order_name = Some(order_name.into());
        self
    }

    /// Requires this store.
    #[must_use]
    pub fn with_store_id(mut self, store_id: impl Into<String>) -> Self {
        self.store_id = Some(store_id.into());
        self
    }

    /// Accepts issued-but-unpaid virtual accounts whose deposit deadline has not passed at
    /// [`ExpectedV2::now_ms`] (required: without the current time the deadline cannot be
    /// checked).
    #[must_use]
    pub fn allow_virtual_account_issued(mut self, allow: bool) -> Self {
        self.allow_virtual_account_issued = allow;
        self
    }

    /// The current time (milliseconds since 1970), for the deposit deadline of an issued
    /// virtual account (see [`ExpectedV2::allow_virtual_account_issued`]).
    #[must_use]
    pub fn now_ms(mut self, now_ms: i64) -> Self {
        self.now_ms = Some(now_ms);
        self
    }

    /// Accepts test-channel payments (tests only).
    #[must_use]
    pub fn allow_test_channel(mut self, allow: bool) -> Self {
        self.allow_test_channel = allow;
        self
    }

    /// Reads an expectation from JSON (`{paymentId, amount, currency?, orderName?, …}`).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the path under `expected` for a missing or malformed option,
    /// or an unusable value (see [`ExpectedV2::validate`]).
    pub fn from_json(input: &[u8]) -> Result<Self, ParseError> {
        let expected: ExpectedV2 = decode_expected(input)?;
        expected.validate()?;
        Ok(expected)
    }

    /// Checks the expectation is usable.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for an empty `paymentId`, currency, `orderName` or `storeId`, or an
    /// amount that is negative or not a whole number (V2 amounts are integers).
    pub fn validate(&self) -> Result<(), ParseError> {
        let invalid = |path: &str, message: &str| {
            Err(ParseError::new(ErrorCode::InvalidArgument, path, message).within("expected"))
        };
        if self.payment_id.is_empty() {
            return invalid("paymentId", "paymentId must not be empty");
        }
        if self.amount.is_negative() || self.amount.as_integer().is_none() {
            return invalid(
                "amount",
                "amount must be a whole number, not negative (V2 amounts are integers)",
            );
        }
        if self.currency.trim().is_empty() {
            return invalid("currency", "currency must not be empty");
        }
        if self.order_name.as_deref().is_some_and(str::is_empty) {
            return invalid("orderName", "orderName must not be empty (omit it to skip)");
        }
        if self.store_id.as_deref().is_some_and(str::is_empty) {
            return invalid("storeId", "storeId must not be empty (omit it to skip)");
        }
        Ok(())
    }
}
