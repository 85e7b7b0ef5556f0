//! What the merchant's own order says the payment must be.

use serde::Deserialize;
use tsify::Tsify;

use crate::amount::Amount;
use crate::error::{ErrorCode, ParseError};
use crate::parse::json;

/// The merchant's expectation, taken from its own order record (never from the browser).
///
/// # Example
/// ```
/// use portone_verify::{Amount, Expected};
/// let expected = Expected::new("order-1", Amount::parse("1004").unwrap())
///     .with_imp_uid("imp_123")
///     .allow_virtual_account_issued(true);
/// assert_eq!(expected.currency, "KRW");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Expected {
    /// The order id the payment must carry.
    pub merchant_uid: String,
    /// The exact amount the order costs (a number, or a decimal string such as `"10.10"`).
    #[tsify(type = "number | string")]
    pub amount: Amount,
    /// The currency charged; default `"KRW"`.
    #[serde(default = "default_currency")]
    #[tsify(optional)]
    pub currency: String,
    /// The PortOne payment id, when the caller already knows which payment it is.
    #[serde(default)]
    #[tsify(optional)]
    pub imp_uid: Option<String>,
    /// Accept `ready` virtual-account payments whose account was issued (state
    /// `virtual_account_issued`); default `false`.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_virtual_account_issued: bool,
    /// Accept test-channel (sandbox) payments; default `false`. Never in production.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_sandbox: bool,
    /// The current time in milliseconds since 1970, against which an issued virtual
    /// account's deposit deadline is checked (only read with `allowVirtualAccountIssued`).
    /// JavaScript callers may leave it out: the package then uses `Date.now()`. In Rust the
    /// clock is passed in ([`Expected::now_ms`]); without it an issued virtual account cannot
    /// be judged and does not verify.
    #[serde(default)]
    #[tsify(optional)]
    pub now_ms: Option<i64>,
}

fn default_currency() -> String {
    Expected::DEFAULT_CURRENCY.to_owned()
}

impl Expected {
    /// The currency when none is given.
    pub const DEFAULT_CURRENCY: &'static str = "KRW";

    /// An expectation for `merchant_uid` and `amount` in KRW, everything else strict.
    pub fn new(merchant_uid: impl Into<String>, amount: Amount) -> Self {
        Expected {
            merchant_uid: merchant_uid.into(),
            amount,
            currency: default_currency(),
            imp_uid: None,
            allow_virtual_account_issued: false,
            allow_sandbox: false,
            now_ms: None,
        }
    }

    /// Sets the currency (e.g. `"USD"`).
    #[must_use]
    pub fn with_currency(mut self, currency: impl Into<String>) -> Self {
        self.currency = currency.into();
        self
    }

    /// Requires this PortOne payment id.
    #[must_use]
    pub fn with_imp_uid(mut self, imp_uid: impl Into<String>) -> Self {
        self.imp_uid = Some(imp_uid.into());
        self
    }

    /// Accepts issued-but-unpaid virtual accounts whose deposit deadline has not passed at
    /// [`Expected::now_ms`] (required: without the current time the deadline cannot be
    /// checked, and the payment does not verify).
    #[must_use]
    pub fn allow_virtual_account_issued(mut self, allow: bool) -> Self {
        self.allow_virtual_account_issued = allow;
        self
    }

    /// The current time (milliseconds since 1970), for the deposit deadline of an issued
    /// virtual account (see [`Expected::allow_virtual_account_issued`]).
    #[must_use]
    pub fn now_ms(mut self, now_ms: i64) -> Self {
        self.now_ms = Some(now_ms);
        self
    }

    /// Accepts sandbox payments (tests only).
    #[must_use]
    pub fn allow_sandbox(mut self, allow: bool) -> Self {
        self.allow_sandbox = allow;
        self
    }

    /// Reads an expectation from JSON (`{merchantUid, amount, currency?, impUid?, …}`), for
    /// Rust servers: this type's `Deserialize` plus [`Expected::validate`], with error paths
    /// under `expected`. (JavaScript callers' objects are read by the wasm glue's own reader.)
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the path under `expected` for a missing or malformed option,
    /// an empty `merchantUid` or a negative amount.
    pub fn from_json(input: &[u8]) -> Result<Self, ParseError> {
        let expected: Expected = decode_expected(input)?;
        expected.validate()?;
        Ok(expected)
    }

    /// Checks the expectation is usable.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for an empty `merchantUid` or currency, or a negative amount.
    pub fn validate(&self) -> Result<(), ParseError> {
        self.want().validate()
    }

    /// The expectation as the rules read it.
    pub(crate) fn want(&self) -> Want<'_> {
        Want {
            merchant_uid: &self.merchant_uid,
            amount: &self.amount,
            currency: &self.currency,
            imp_uid: self.imp_uid.as_deref(),
            allow_virtual_account_issued: self.allow_virtual_account_issued,
            allow_sandbox: self.allow_sandbox,
            now_ms: self.now_ms,
        }
    }
}

/// An [`Expected`] as the rules read it, borrowed: the JS glue builds one straight from the
/// caller's strings in wasm memory (copying them into an `Expected` was a few percent of a
/// verify).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Want<'a> {
    pub merchant_uid: &'a str,
    pub amount: &'a Amount,
    pub currency: &'a str,
    pub imp_uid: Option<&'a str>,
    pub allow_virtual_account_issued: bool,
    pub allow_sandbox: bool,
    pub now_ms: Option<i64>,
}

impl Want<'_> {
    /// See [`Expected::validate`].
    pub(crate) fn validate(&self) -> Result<(), ParseError> {
        let invalid = |path: &str, message: &str| {
            Err(ParseError::new(ErrorCode::InvalidArgument, path, message).within("expected"))
        };
        if self.merchant_uid.is_empty() {
            return invalid("merchantUid", "merchantUid must not be empty");
        }
        if self.amount.is_negative() {
            return invalid("amount", "amount must not be negative");
        }
        if self.currency.trim().is_empty() {
            return invalid("currency", "currency must not be empty");
        }
        Ok(())
    }
}

/// Decodes an expectation (`Expected`, `ExpectedV2`) from JSON, any error as
/// `INVALID_ARGUMENT` with its path under `expected`.
pub(crate) fn decode_expected<T: serde::de::DeserializeOwned>(
    input: &[u8],
) -> Result<T, ParseError> {
    json::decode(input).map_err(|e| {
        ParseError::new(ErrorCode::InvalidArgument, e.path(), e.message()).within("expected")
    })
}
