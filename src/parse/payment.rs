//! `parse_payment`: a `PaymentAnnotation`, bare or inside the `{code, message, response}`
//! envelope.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::json;
use crate::error::{ErrorCode, ParseError};
use crate::lenient::{Int, Text};
use crate::read;
use crate::types::PaymentAnnotation;

/// Parses a payment from JSON bytes: a bare `PaymentAnnotation` or an envelope around one.
///
/// # Errors
/// `INVALID_JSON` for malformed input, `INVALID_INPUT` when it is not an object,
/// `MISSING_FIELD` / `INVALID_FIELD` with the field path (`response.amount` inside an
/// envelope), `API_ERROR` for an envelope with `code != 0` or `response: null`.
///
/// # Example
/// ```
/// let body = br#"{"code":0,"message":null,"response":{"imp_uid":"imp_1","merchant_uid":"o1",
///   "amount":1004,"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}}"#;
/// let payment = portone_verify::parse_payment(body)?;
/// assert_eq!(payment.amount.as_str(), "1004");
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_payment(input: &[u8]) -> Result<PaymentAnnotation, ParseError> {
    let read = read::read_payment(read::utf8(input)?, true)?;
    json::from_canonical(&read.json)
}

/// Reads a payment like [`parse_payment`] and returns its canonical JSON instead: every
/// `PaymentAnnotation` field in declaration order (absent ones as `null` or `[]`), texts as
/// strings, integers, flags and exact amounts as JSON values. It is what the struct
/// serialises to, without building it (this is what `parsePayment` hands to JavaScript).
///
/// # Errors
/// As [`parse_payment`].
///
/// # Example
/// ```
/// let json = portone_verify::payment_json(br#"{"imp_uid":"imp_1","merchant_uid":"o1",
///   "amount":"1004.50","status":"paid","sandbox":"false"}"#)?;
/// assert!(json.starts_with(r#"{"imp_uid":"imp_1","merchant_uid":"o1","pay_method":null"#));
/// assert!(json.contains(r#""sandbox":false"#) && json.contains(r#""amount":1004.5,"#));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn payment_json(input: &[u8]) -> Result<String, ParseError> {
    Ok(read::read_payment(read::utf8(input)?, true)?.json)
}

/// Parses any V1 payload `T`, bare or enveloped, with the same rules as [`parse_payment`].
///
/// # Errors
/// As [`parse_payment`].
pub fn parse_enveloped<T: DeserializeOwned>(input: &[u8]) -> Result<T, ParseError> {
    match probe_envelope(input)? {
        None => json::decode(input),
        Some(envelope) => {
            let code = envelope.code.map_or(0, |c| c.0);
            if code != 0 {
                return Err(ParseError::api(
                    code,
                    envelope.message.map(|m| m.0.into_owned()),
                ));
            }
            match envelope.response.map(RawValue::get) {
                None | Some("null") => Err(ParseError::new(
                    ErrorCode::ApiError,
                    "response",
                    "the envelope's response is null",
                )),
                Some(response) => {
                    json::decode(response.as_bytes()).map_err(|e| e.within("response"))
                }
            }
        }
    }
}

/// The envelope's own keys, read without copying; `imp_uid` tells a bare payment apart.
#[derive(Deserialize)]
struct EnvelopeProbe<'a> {
    #[serde(default)]
    code: Option<Int>,
    #[serde(default, borrow)]
    message: Option<Text<'a>>,
    #[serde(default, borrow)]
    response: Option<&'a RawValue>,
    #[serde(default, borrow)]
    imp_uid: Option<&'a RawValue>,
}

/// The same keys, owned, decoded only to explain a probe failure with a field path.
#[derive(Deserialize)]
#[allow(dead_code)]
struct EnvelopeShape {
    #[serde(default, deserialize_with = "crate::lenient::int")]
    code: Option<i64>,
    #[serde(default, deserialize_with = "crate::lenient::text")]
    message: Option<String>,
}

/// `Some(envelope)` when the input is an envelope, `None` for a bare payload.
fn probe_envelope(input: &[u8]) -> Result<Option<EnvelopeProbe<'_>>, ParseError> {
    let probe = json::decode_borrowed::<EnvelopeProbe<'_>>(input).map_err(|err| {
        json::decode::<EnvelopeShape>(input)
            .err()
            .unwrap_or_else(|| json::from_json_error(&err, String::new()))
    })?;
    let is_envelope = probe.imp_uid.is_none() && (probe.response.is_some() || probe.code.is_some());
    Ok(is_envelope.then_some(probe))
}
