//! The verify oracles' view of a payment body, read with `serde_json` (not the crate's reader),
//! and the expectations the verify targets check bodies against.

use std::collections::BTreeMap;

use portone_verify::{Amount, Expected, PaidState, PaymentAnnotation};
use serde_json::value::RawValue;

use crate::decimal;

pub type Members<'a> = BTreeMap<String, &'a RawValue>;

/// The members of the JSON object `text` (the last of a repeated key), raw.
fn members(text: &str) -> Option<Members<'_>> {
    serde_json::from_str(text).ok()
}

/// The payment object of a V1 body (bare or enveloped), by the documented rule: the top level
/// when it has a non-null `imp_uid` or neither `code` nor `response`, else `response`.
pub fn payment_object(body: &[u8]) -> Option<Members<'_>> {
    let text = std::str::from_utf8(body).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let top = members(text)?;
    let present = |key: &str| top.get(key).is_some_and(|raw| raw.get() != "null");
    if present("imp_uid") || (!present("code") && !present("response")) {
        return Some(top);
    }
    members(top.get("response")?.get())
}

/// A string member's text.
pub fn text(object: &Members<'_>, key: &str) -> Option<String> {
    serde_json::from_str::<String>(object.get(key)?.get()).ok()
}

/// A member's text as PortOne's tolerant text rule reads it: a string, or a number or boolean
/// as written.
pub fn loose_text(object: &Members<'_>, key: &str) -> Option<String> {
    let raw = object.get(key)?.get();
    match raw.as_bytes().first()? {
        b'"' => serde_json::from_str::<String>(raw).ok(),
        b'-' | b'0'..=b'9' | b't' | b'f' => Some(raw.to_owned()),
        _ => None,
    }
}

/// An amount member (a number, or a string holding one without escapes), by the reference.
pub fn amount(object: &Members<'_>, key: &str) -> Option<decimal::Decimal> {
    let raw = object.get(key)?.get();
    match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if !inner.contains('\\') => decimal::parse(inner.trim()),
        Some(_) => None,
        None => decimal::parse(raw),
    }
}

/// A flag member: `true`/`false`, or the string `"true"`/`"false"` in any case and spacing.
pub fn flag(object: &Members<'_>, key: &str) -> Option<bool> {
    let raw = object.get(key)?.get();
    match raw {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            let text = serde_json::from_str::<String>(raw).ok()?;
            match text.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }
        }
    }
}

/// The expected currency of flag bits 3-4 (both versions' `expected_for`): `KRW`, `USD`,
/// `" krw "` (trimmed and case-folded by the crate), or the body's own (`KRW` without one).
pub fn expected_currency(flags: u8, object: Option<&Members<'_>>) -> String {
    match (flags >> 3) & 0b11 {
        0 => "KRW".to_owned(),
        1 => "USD".to_owned(),
        2 => " krw ".to_owned(),
        _ => object
            .and_then(|o| loose_text(o, "currency"))
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "KRW".to_owned()),
    }
}

/// The expectation for a verify input: `flags` picks the options and where the order's id and
/// amount come from. Most picks take them from the body itself (read by `serde_json`), so that
/// bodies often verify and the "verified means matched" oracle has something to check.
pub fn expected_for(flags: u8, body: &[u8]) -> Expected {
    let object = payment_object(body);
    let from_body = flags & 0b1100_0000 != 0;
    let field = |key: &str| object.as_ref().and_then(|o| text(o, key));
    let merchant_uid = from_body
        .then(|| field("merchant_uid"))
        .flatten()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "order-1".to_owned());
    let body_amount = object.as_ref().and_then(|o| o.get("amount")).and_then(|raw| {
        let raw = raw.get().trim_matches('"').trim();
        Amount::parse(raw)
    });
    let amount = from_body
        .then_some(body_amount)
        .flatten()
        .filter(|a| !a.is_negative())
        .unwrap_or_else(|| Amount::from_i64(1004));
    let currency = expected_currency(flags, object.as_ref());
    let mut expected = Expected::new(merchant_uid, amount)
        .with_currency(currency)
        .allow_virtual_account_issued(flags & 1 != 0)
        .allow_sandbox(flags & 2 != 0);
    if flags & 4 != 0 {
        expected = expected.with_imp_uid(field("imp_uid").unwrap_or_else(|| "imp_1".to_owned()));
    }
    expected
}

/// Checks that `payment` (what `parse_payment` made of `body`) and the body itself, read by
/// `serde_json` and the reference decimal, really match `expected` in the `state` verified.
pub fn really_matches(
    body: &[u8],
    payment: &PaymentAnnotation,
    expected: &Expected,
    state: PaidState,
) -> Result<(), String> {
    let check = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("verified, but {what}: {payment:?} against {expected:?}"))
        }
    };
    // The parsed payment.
    check(payment.merchant_uid == expected.merchant_uid, "merchant_uid differs")?;
    if let Some(imp_uid) = &expected.imp_uid {
        check(&payment.imp_uid == imp_uid, "imp_uid differs")?;
    }
    let amount = decimal::parse(payment.amount.as_str());
    check(
        amount.is_some() && amount == decimal::parse(expected.amount.as_str()),
        "the amount differs",
    )?;
    let currency = payment.currency.as_deref().unwrap_or_default();
    check(
        !currency.trim().is_empty()
            && currency.trim().eq_ignore_ascii_case(expected.currency.trim()),
        "the currency differs",
    )?;
    let cancelled = payment.cancel_amount.as_ref().map(|c| decimal::parse(c.as_str()));
    check(
        cancelled.flatten().is_some_and(|c| c.is_zero()),
        "something was cancelled",
    )?;
    check(
        expected.allow_sandbox || payment.sandbox == Some(false),
        "it is a sandbox payment",
    )?;
    let status = payment.status.as_str();
    let vbank = expected.allow_virtual_account_issued
        && status == "ready"
        && payment.pay_method.as_ref().map(|m| m.as_str()) == Some("vbank")
        && payment.vbank_num.as_deref().is_some_and(|n| !n.trim().is_empty());
    match state {
        PaidState::Paid => check(status == "paid", "the status is not paid")?,
        PaidState::VirtualAccountIssued => check(vbank, "no issued virtual account")?,
    }

    // The body itself, read by serde_json (skipped where serde_json cannot read it, e.g.
    // nesting beyond its recursion limit).
    let Some(object) = payment_object(body) else {
        return Ok(());
    };
    let body_check = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("verified, but the body's {what} does not match {expected:?}"))
        }
    };
    body_check(
        text(&object, "merchant_uid").as_deref() == Some(&expected.merchant_uid),
        "merchant_uid",
    )?;
    body_check(
        amount.is_some() && self::amount(&object, "amount") == amount,
        "amount",
    )?;
    body_check(
        self::amount(&object, "cancel_amount").is_some_and(|c| c.is_zero()),
        "cancel_amount",
    )?;
    body_check(
        expected.allow_sandbox || flag(&object, "sandbox") == Some(false),
        "sandbox",
    )?;
    body_check(
        loose_text(&object, "currency")
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(expected.currency.trim())),
        "currency",
    )?;
    let status = loose_text(&object, "status");
    body_check(
        match state {
            PaidState::Paid => status.as_deref() == Some("paid"),
            PaidState::VirtualAccountIssued => status.as_deref() == Some("ready"),
        },
        "status",
    )
}
