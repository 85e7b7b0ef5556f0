//! `verify_payment_v2`: does this V2 payment prove the merchant's order was paid?

use super::expected_v2::ExpectedV2;
use super::rules_v2;
use super::verdict::Verdict;
use crate::error::ParseError;
use crate::parse::read_payment_v2;
use crate::types::v2::Payment;

/// Verifies a parsed V2 payment against the order, with the same [`Verdict`] as V1's
/// [`verify_payment`](crate::verify_payment). Every check runs and every failure is listed:
///
/// | code | when |
/// |---|---|
/// | `PAYMENT_ID_MISMATCH` | `id` is not `paymentId` |
/// | `STORE_ID_MISMATCH` | `storeId` was given and differs |
/// | `ORDER_NAME_MISMATCH` | `orderName` was given and differs |
/// | `AMOUNT_MISMATCH` | `amount.total` is not the order's amount, exactly |
/// | `CURRENCY_MISMATCH` | `currency` is not the expected one (default `KRW`) |
/// | `NOT_PAID` | `status` is `READY`, `PAY_PENDING`, `FAILED`, unknown, or `VIRTUAL_ACCOUNT_ISSUED` without `allowVirtualAccountIssued` |
/// | `VIRTUAL_ACCOUNT_EXPIRED` | `VIRTUAL_ACCOUNT_ISSUED` (allowed) whose deposit deadline `method.expiredAt` is not after `nowMs` |
/// | `CANCELLED` | `status` is `CANCELLED` |
/// | `PARTIALLY_CANCELLED` | `status` is `PARTIAL_CANCELLED`, or `amount.cancelled > 0` |
/// | `SANDBOX_PAYMENT` | `channel.type` is `TEST` (or `channelGroup.isForTest`) without `allowTestChannel` |
/// | `INCOMPLETE_PAYMENT` | no `channel` (or an unknown `channel.type`) without `allowTestChannel`, a negative `amount.cancelled`, or an allowed `VIRTUAL_ACCOUNT_ISSUED` whose deadline cannot be checked (no `method.expiredAt`, or no `nowMs`) |
///
/// # Example
/// ```
/// use portone_verify::{parse_payment_v2, verify_payment_v2, Amount, ExpectedV2, FailureCode};
/// let body = br#"{"status":"PAID","id":"order-1","transactionId":"tx-1","merchantId":"m",
///   "storeId":"store-1","channel":{"type":"TEST","pgProvider":"TOSSPAYMENTS","pgMerchantId":"t"},
///   "version":"V2","requestedAt":"2024-05-01T00:00:00Z","updatedAt":"2024-05-01T00:00:05Z",
///   "statusChangedAt":"2024-05-01T00:00:05Z","orderName":"Book","amount":{"total":1004,
///   "taxFree":0,"discount":0,"paid":1004,"cancelled":0,"cancelledTaxFree":0},
///   "currency":"KRW","customer":{},"origin":{"platformType":"PC","ipAddress":"127.0.0.1"},
///   "paidAt":"2024-05-01T00:00:05Z","disputes":[]}"#;
/// let payment = parse_payment_v2(body)?;
/// let order = ExpectedV2::new("order-1", Amount::from_i64(1004));
/// let verdict = verify_payment_v2(&payment, &order);
/// assert_eq!(verdict.failures()[0].code, FailureCode::SandboxPayment); // a test channel
/// assert!(verify_payment_v2(&payment, &order.allow_test_channel(true)).is_ok());
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn verify_payment_v2(payment: &Payment, expected: &ExpectedV2) -> Verdict {
    rules_v2::judge(&payment.facts(), expected)
}

/// Parses and verifies a V2 payment body (what `GET /payments/{paymentId}` answered) in one
/// step, reading only the fields the verdict needs; nothing is built.
///
/// # Errors
/// The same errors as [`parse_payment_v2`](crate::parse_payment_v2) for input that cannot be
/// judged at all (an error body is `API_ERROR`); the expectation is assumed valid (see
/// [`ExpectedV2::validate`]).
///
/// # Example
/// ```
/// use portone_verify::{verify_payment_v2_json, Amount, ExpectedV2, FailureCode};
/// let body = br#"{"status":"PAID","id":"order-1","transactionId":"tx-1","merchantId":"m",
///   "storeId":"store-1","channel":{"type":"LIVE","pgProvider":"TOSSPAYMENTS","pgMerchantId":"t"},
///   "version":"V2","requestedAt":"2024-05-01T00:00:00Z","updatedAt":"2024-05-01T00:00:05Z",
///   "statusChangedAt":"2024-05-01T00:00:05Z","orderName":"Book","amount":{"total":1004,
///   "taxFree":0,"discount":0,"paid":1004,"cancelled":0,"cancelledTaxFree":0},
///   "currency":"KRW","customer":{},"origin":{"platformType":"PC","ipAddress":"127.0.0.1"},
///   "paidAt":"2024-05-01T00:00:05Z","disputes":[]}"#;
/// let order = ExpectedV2::new("order-1", Amount::from_i64(1004)).with_order_name("Book");
/// assert!(verify_payment_v2_json(body, &order)?.is_ok());
/// let forged = ExpectedV2::new("order-1", Amount::from_i64(50000));
/// let verdict = verify_payment_v2_json(body, &forged)?;
/// assert_eq!(verdict.failures()[0].code, FailureCode::AmountMismatch);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn verify_payment_v2_json(input: &[u8], expected: &ExpectedV2) -> Result<Verdict, ParseError> {
    #[cfg(feature = "fast-verify")]
    if let Some(verdict) =
        crate::read::read_object_fast(input, crate::parse::PAYMENT_V2, |captures| {
            rules_v2::judge(&captures.facts_v2(), expected)
        })
    {
        return Ok(verdict);
    }
    let read = read_payment_v2(input, false)?;
    Ok(rules_v2::judge(&read.captures.facts_v2(), expected))
}

/// Verifies a V2 payment body and writes its canonical JSON in the same reading (for the
/// client, whose verdict carries the payment it was reached on).
///
/// # Errors
/// As [`verify_payment_v2_json`].
#[cfg(feature = "client")]
pub(crate) fn verify_v2_and_write(
    input: &[u8],
    expected: &ExpectedV2,
) -> Result<(Verdict, String), ParseError> {
    let read = read_payment_v2(input, true)?;
    let verdict = rules_v2::judge(&read.captures.facts_v2(), expected);
    Ok((verdict, read.json))
}
