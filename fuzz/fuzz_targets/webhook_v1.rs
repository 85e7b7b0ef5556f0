//! Parsing a V1 webhook body. Input: one byte choosing the `Content-Type`, then the body.
//!
//! - an accepted webhook has a non-blank `imp_uid` and `merchant_uid`, and no blank
//!   `status` or `cancellation_id`;
//! - JSON bodies: the webhook is `WebhookV1::parse_json`'s with blanks dropped, and its
//!   canonical JSON reads back as itself;
//! - form bodies, against a reference reading (`application/x-www-form-urlencoded`, the last
//!   of a repeated parameter, values trimmed): accepted exactly when `imp_uid` and
//!   `merchant_uid` are there and not blank, with those values.
#![no_main]

use fuzz_support::{disagree, refusal};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::Wire;
use portone_verify::webhook::{parse_webhook_v1, WebhookV1};

const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("application/json"),
    Some("application/x-www-form-urlencoded"),
    Some("Application/JSON; charset=utf-8"),
    Some("application/x-www-form-urlencoded; charset=UTF-8"),
    Some("text/plain"),
    Some("application/vnd.portone+json"),
    Some(""),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(pick) % CONTENT_TYPES.len()];
    let parsed = parse_webhook_v1(body, content_type);
    if let Ok(hook) = &parsed {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&hook.imp_uid)
            || blank(&hook.merchant_uid)
            || hook.status.as_ref().is_some_and(|s| blank(s.as_str()))
            || hook.cancellation_id.as_deref().is_some_and(blank)
        {
            disagree!("a blank identifier was accepted: {hook:?}");
        }
    }

    let unmarked = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let media = content_type
        .and_then(|ct| ct.split(';').next())
        .map(|ct| ct.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let json = match media.as_str() {
        "application/x-www-form-urlencoded" => false,
        "application/json" => true,
        other if other.ends_with("+json") => true,
        _ => unmarked.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
    };

    if json {
        match (&parsed, WebhookV1::parse_json(unmarked)) {
            (Ok(hook), Ok(raw)) => {
                let kept = |s: Option<&str>| s.filter(|s| !s.trim().is_empty()).map(str::to_owned);
                if hook.imp_uid != raw.imp_uid
                    || hook.merchant_uid != raw.merchant_uid
                    || hook.status.as_ref().map(|s| s.as_str().to_owned())
                        != kept(raw.status.as_ref().map(|s| s.as_str()))
                    || hook.cancellation_id != kept(raw.cancellation_id.as_deref())
                {
                    disagree!("webhook {hook:?} from parse_json {raw:?}");
                }
                let canonical = hook.to_canonical_json();
                match parse_webhook_v1(canonical.as_bytes(), Some("application/json")) {
                    Ok(again) if again == *hook => {}
                    other => disagree!("canonical JSON {canonical} reads back as {other:?}"),
                }
            }
            (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
            (Err(_), Ok(raw)) if raw.imp_uid.trim().is_empty() || raw.merchant_uid.trim().is_empty() => {}
            (a, b) => disagree!("parse_webhook_v1 {a:?}, parse_json {b:?}"),
        }
    } else {
        let last = |name: &str| {
            form_urlencoded::parse(unmarked)
                .filter(|(k, _)| k == name)
                .last()
                .map(|(_, v)| v.trim().to_owned())
        };
        let (imp_uid, merchant_uid) = (last("imp_uid"), last("merchant_uid"));
        let usable = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        match &parsed {
            Ok(hook)
                if Some(&hook.imp_uid) == imp_uid.as_ref()
                    && Some(&hook.merchant_uid) == merchant_uid.as_ref() => {}
            Err(_) if !usable(&imp_uid) || !usable(&merchant_uid) => {}
            other => disagree!("form {imp_uid:?} {merchant_uid:?}, parser {other:?}"),
        }
    }
});
