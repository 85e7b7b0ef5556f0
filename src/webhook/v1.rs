//! `parse_webhook_v1`: the unsigned V1 notification, as JSON or as a form.

use serde::Serialize;
use tsify::Tsify;

use crate::error::{ErrorCode, ParseError};
use crate::parse::json::without_bom;
use crate::read;
use crate::types::declare::{self, wire};
use crate::types::PaymentStatus;

wire! {
    /// A V1 webhook (PortOne's "notification URL" POST). **Unsigned and untrusted**: anyone
    /// can send one. It only says which payment to look at: fetch `GET /payments/{imp_uid}`
    /// with your API secret and verify that. Deliveries can repeat; handle them idempotently.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct WebhookV1 {
        /// PortOne payment id (`imp_…`): the payment to fetch and verify.
        imp_uid: String,
        /// The merchant's order id, as the notification states it (compare with the fetched
        /// payment, not this).
        merchant_uid: String,
        /// Status as the notification states it. **Informational only, never trust it**: an
        /// attacker can send `paid`. Decide on the status of the payment fetched from PortOne.
        status: Option<PaymentStatus>,
        /// Cancellation id, sent with cancellation notifications.
        cancellation_id: Option<String>,
    }
}

/// Parses a V1 webhook body. `content_type` (the request's `Content-Type`) decides the
/// format: `application/x-www-form-urlencoded` is a form, `application/json` (or `+json`)
/// JSON; without one, or with another, a body starting with `{` is JSON and anything else a
/// form. Unknown fields are ignored; empty optional values count as absent.
///
/// # Errors
/// `MISSING_FIELD` (path = the field) when `imp_uid` or `merchant_uid` is absent,
/// `INVALID_FIELD` when one is empty or not text, and for JSON `INVALID_JSON` /
/// `INVALID_INPUT` (not an object).
///
/// # Example
/// ```
/// use portone_verify::webhook::parse_webhook_v1;
/// let form = b"imp_uid=imp_1234&merchant_uid=order%2D1&status=paid";
/// let hook = parse_webhook_v1(form, Some("application/x-www-form-urlencoded"))?;
/// assert_eq!((hook.imp_uid.as_str(), hook.merchant_uid.as_str()), ("imp_1234", "order-1"));
/// let json = br#"{"imp_uid":"imp_1234","merchant_uid":"order-1","status":"paid"}"#;
/// assert_eq!(parse_webhook_v1(json, None)?, hook);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_webhook_v1(body: &[u8], content_type: Option<&str>) -> Result<WebhookV1, ParseError> {
    let hook = if is_json(body, content_type) {
        from_json(body)?
    } else {
        from_form(body)?
    };
    normalise(hook)
}

/// Whether a webhook body is JSON (else a form), by its `Content-Type` or, without a
/// telling one, its first character.
pub(super) fn is_json(body: &[u8], content_type: Option<&str>) -> bool {
    let media_type = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|ct| ct.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match media_type.as_str() {
        "application/x-www-form-urlencoded" => false,
        "application/json" => true,
        other if other.ends_with("+json") => true,
        _ => without_bom(body).iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
    }
}

/// The JSON body through the tolerant reader (PortOne's text rules).
fn from_json(body: &[u8]) -> Result<WebhookV1, ParseError> {
    declare::read(read::utf8(without_bom(body))?)
}

fn from_form(body: &[u8]) -> Result<WebhookV1, ParseError> {
    let (mut imp_uid, mut merchant_uid, mut status, mut cancellation_id) = (None, None, None, None);
    for (key, value) in form_urlencoded::parse(without_bom(body)) {
        let value = value.trim().to_owned();
        match &*key {
            "imp_uid" => imp_uid = Some(value),
            "merchant_uid" => merchant_uid = Some(value),
            "status" => status = Some(PaymentStatus::from_wire(&value)),
            "cancellation_id" => cancellation_id = Some(value),
            _ => {}
        }
    }
    let missing = |field: &str| {
        ParseError::new(
            ErrorCode::MissingField,
            field,
            format!("missing field `{field}`"),
        )
    };
    Ok(WebhookV1 {
        imp_uid: imp_uid.ok_or_else(|| missing("imp_uid"))?,
        merchant_uid: merchant_uid.ok_or_else(|| missing("merchant_uid"))?,
        status,
        cancellation_id,
    })
}

/// Empty ids are errors; empty optional values are absent.
fn normalise(mut hook: WebhookV1) -> Result<WebhookV1, ParseError> {
    for (field, value) in [
        ("imp_uid", &hook.imp_uid),
        ("merchant_uid", &hook.merchant_uid),
    ] {
        if value.trim().is_empty() {
            return Err(ParseError::new(
                ErrorCode::InvalidField,
                field,
                format!("{field} is empty"),
            ));
        }
    }
    if hook
        .status
        .as_ref()
        .is_some_and(|s| s.as_str().trim().is_empty())
    {
        hook.status = None;
    }
    if hook
        .cancellation_id
        .as_deref()
        .is_some_and(|c| c.trim().is_empty())
    {
        hook.cancellation_id = None;
    }
    Ok(hook)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Wire;
    use expect_test::expect;

    /// What a body reads as: its canonical JSON, or its error's code and path.
    fn outcome(body: &[u8]) -> String {
        match parse_webhook_v1(body, Some("application/json")) {
            Ok(hook) => hook.to_canonical_json(),
            Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
        }
    }

    #[test]
    fn json_bodies_golden() {
        let bodies: &[&[u8]] = &[
            br#"{"imp_uid":"imp_1","merchant_uid":"order-1","status":"paid"}"#,
            br#"{"merchant_uid":"o","imp_uid":"i","cancellation_id":"c-1","status":"cancelled"}"#,
            br#"{"imp_uid":"i","merchant_uid":"o","status":"new-status","extra":{"a":[1,null]}}"#,
            br#"{"imp_uid":12345,"merchant_uid":-7,"status":true,"cancellation_id":0}"#,
            br#"{"imp_uid":true,"merchant_uid":false,"cancellation_id":1.5}"#,
            br#"{"imp_uid":"imp\u005f1","merchant_uid":"o\"1\\\n\t\u0001","status":"p\u0061id"}"#,
            "{\"imp_uid\":\"결제 💳\",\"merchant_uid\":\"\\ud83d\\udcb3\",\"status\":\"\u{2028}\"}"
                .as_bytes(),
            br#"{"imp_uid":"a","merchant_uid":"b","status":null,"cancellation_id":null}"#,
            br#"{"imp_uid":"a","merchant_uid":"b","status":"","cancellation_id":"  "}"#,
            b"\xEF\xBB\xBF {\"imp_uid\":\"a\",\"merchant_uid\":\"b\"} \n",
            // Errors.
            br#"{"merchant_uid":"b"}"#,
            br#"{"imp_uid":"a"}"#,
            br#"{}"#,
            br#"{"imp_uid":null,"merchant_uid":"b"}"#,
            br#"{"imp_uid":{},"merchant_uid":"b"}"#,
            br#"{"imp_uid":"a","merchant_uid":[]}"#,
            br#"{"imp_uid":"a","merchant_uid":" "}"#,
            br#"{"imp_uid":"","merchant_uid":"b"}"#,
            br#"{"imp_uid":"a","merchant_uid":"b","status":{}}"#,
            br#"{"imp_uid":"a","merchant_uid":"b","cancellation_id":["c"]}"#,
            br#"{"imp_uid":"a","imp_uid":"b","merchant_uid":"c"}"#,
            br#"{"imp_uid":"a","merchant_uid":"b","status":"paid","status":"ready"}"#,
            br#"{"imp_uid":{},"merchant_uid":"b","extra":1}"#,
            b"[1]",
            b"\"imp_uid\"",
            b"null",
            b"",
            b"{",
            br#"{"imp_uid":"a",}"#,
            br#"{"imp_uid":"a","merchant_uid":"b"} x"#,
            br#"{"imp_uid":"a" "merchant_uid":"b"}"#,
            br#"{"imp_uid":"\ud800","merchant_uid":"b"}"#,
            b"{\"imp_uid\":\"a\tb\",\"merchant_uid\":\"b\"}",
        ];
        let outcomes: Vec<String> = bodies.iter().map(|body| outcome(body)).collect();
        expect![[r#"
            [
                "{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"order-1\",\"status\":\"paid\",\"cancellation_id\":null}",
                "{\"imp_uid\":\"i\",\"merchant_uid\":\"o\",\"status\":\"cancelled\",\"cancellation_id\":\"c-1\"}",
                "{\"imp_uid\":\"i\",\"merchant_uid\":\"o\",\"status\":\"new-status\",\"cancellation_id\":null}",
                "{\"imp_uid\":\"12345\",\"merchant_uid\":\"-7\",\"status\":\"true\",\"cancellation_id\":\"0\"}",
                "{\"imp_uid\":\"true\",\"merchant_uid\":\"false\",\"status\":null,\"cancellation_id\":\"1.5\"}",
                "{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"o\\\"1\\\\\\n\\t\\u0001\",\"status\":\"paid\",\"cancellation_id\":null}",
                "{\"imp_uid\":\"결제 💳\",\"merchant_uid\":\"💳\",\"status\":null,\"cancellation_id\":null}",
                "{\"imp_uid\":\"a\",\"merchant_uid\":\"b\",\"status\":null,\"cancellation_id\":null}",
                "{\"imp_uid\":\"a\",\"merchant_uid\":\"b\",\"status\":null,\"cancellation_id\":null}",
                "{\"imp_uid\":\"a\",\"merchant_uid\":\"b\",\"status\":null,\"cancellation_id\":null}",
                "MISSING_FIELD at `imp_uid`",
                "MISSING_FIELD at `merchant_uid`",
                "MISSING_FIELD at `imp_uid`",
                "INVALID_FIELD at `imp_uid`",
                "INVALID_FIELD at `imp_uid`",
                "INVALID_FIELD at `merchant_uid`",
                "INVALID_FIELD at `merchant_uid`",
                "INVALID_FIELD at `imp_uid`",
                "INVALID_FIELD at `status`",
                "INVALID_FIELD at `cancellation_id`",
                "INVALID_FIELD at `imp_uid`",
                "INVALID_FIELD at `status`",
                "INVALID_FIELD at `imp_uid`",
                "INVALID_INPUT at ``",
                "INVALID_INPUT at ``",
                "INVALID_INPUT at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at `imp_uid`",
                "INVALID_JSON at `imp_uid`",
            ]
        "#]].assert_debug_eq(&outcomes);
    }

    #[test]
    fn numbers_are_kept_as_written_and_broken_text_is_refused_anywhere() {
        let hook = parse_webhook_v1(br#"{"imp_uid":1.50,"merchant_uid":1e3}"#, None).unwrap();
        assert_eq!((&*hook.imp_uid, &*hook.merchant_uid), ("1.50", "1e3"));
        for body in [
            &br#"{"imp_uid":"a","merchant_uid":"b","x":"\udc00"}"#[..],
            b"{\"imp_uid\":\"a\",\"merchant_uid\":\"b\",\"x\":\"\xff\"}",
        ] {
            let e = parse_webhook_v1(body, None).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidJson);
        }
    }

    #[test]
    fn content_type_decides_and_sniffing_is_the_fallback() {
        assert!(is_json(b"x", Some("application/json; charset=utf-8")));
        assert!(is_json(b"x", Some("application/vnd.api+json")));
        assert!(!is_json(b"{", Some("Application/X-WWW-Form-Urlencoded")));
        assert!(is_json(b" \n{", None));
        assert!(is_json(b"\xEF\xBB\xBF{", Some("text/plain")));
        assert!(!is_json(b"imp_uid=1", None));
    }

    #[test]
    fn empty_values() {
        let hook =
            parse_webhook_v1(b"imp_uid=a&merchant_uid=b&status=&cancellation_id=", None).unwrap();
        assert_eq!((hook.status, hook.cancellation_id), (None, None));
        let e = parse_webhook_v1(b"imp_uid=&merchant_uid=b", None).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "imp_uid"));
        let e = parse_webhook_v1(br#"{"imp_uid":"a","merchant_uid":" "}"#, None).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InvalidField, "merchant_uid")
        );
    }
}
