//! The V2 verify oracles' view of a payment body, read with `serde_json` (not the crate's
//! reader), the expectations the V2 targets check bodies against, and a reference RFC 3339
//! reading (chrono) of the deposit deadline.

use portone_verify::types::v2::{Payment, PaymentMethod};
use portone_verify::{Amount, ExpectedV2, PaidState};

use crate::decimal;
use crate::payment::{expected_currency, flag, loose_text, text, Members};

/// 2024-04-25T10:00:00Z in milliseconds: the V2 targets' clock (`fuzz/seed.mjs`'s `NOW`).
pub const NOW_MS: i64 = 1_714_039_200_000;

/// The members of a V2 body (a bare object; a leading byte-order mark is allowed).
pub fn payment_object(body: &[u8]) -> Option<Members<'_>> {
    let text = std::str::from_utf8(body).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).ok()
}

/// The members of the object member `key` of `object`.
pub fn object<'a>(object: &Members<'a>, key: &str) -> Option<Members<'a>> {
    serde_json::from_str(object.get(key)?.get()).ok()
}

/// An integer member of a V2 body (`amount.total`), by the reference decimal: a number, or a
/// string holding one without escapes, where (as V2's integer rule reads strings) one leading
/// `+` is allowed.
pub fn integer(object: &Members<'_>, key: &str) -> Option<decimal::Decimal> {
    let raw = object.get(key)?.get();
    match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if !inner.contains('\\') => {
            let inner = inner.trim();
            decimal::parse(inner.strip_prefix('+').unwrap_or(inner))
        }
        Some(_) => None,
        None => decimal::parse(raw),
    }
}

/// The deposit deadline of an issued virtual account, as chrono reads RFC 3339, in
/// milliseconds since 1970: `method.expiredAt` when `method.type` is
/// `PaymentMethodVirtualAccount`.
pub fn deadline_ms(body: &Members<'_>) -> Option<i64> {
    let method = object(body, "method")?;
    if text(&method, "type").as_deref() != Some("PaymentMethodVirtualAccount") {
        return None;
    }
    rfc3339_ms(&text(&method, "expiredAt")?)
}

/// An RFC 3339 date-time in milliseconds since 1970, by chrono.
pub fn rfc3339_ms(text: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.timestamp_millis())
}

/// The expectation for a V2 verify input: `flags` picks the options and where the payment id,
/// amount and clock come from (bits 6–7: 0 = fixed values and no clock; otherwise the body's
/// own id and total, and the clock `NOW_MS`, just before the body's deposit deadline, or at
/// it). Bit 0 allows an issued virtual account, bit 1 a test channel, bit 2 requires the
/// store id and bit 5 the order name (the body's, or fixed ones), bits 3–4 pick the currency.
pub fn expected_for(flags: u8, body: &[u8]) -> ExpectedV2 {
    let object = payment_object(body);
    let field = |key: &str| object.as_ref().and_then(|o| text(o, key));
    let mode = flags >> 6;
    let from_body = mode != 0;
    let payment_id = from_body
        .then(|| field("id"))
        .flatten()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "payment-1".to_owned());
    let total = object
        .as_ref()
        .and_then(|o| self::object(o, "amount"))
        .and_then(|a| a.get("total").map(|raw| raw.get().trim_matches('"').trim().to_owned()))
        .and_then(|raw| Amount::parse(&raw))
        .filter(|a| !a.is_negative() && a.as_integer().is_some());
    let amount = from_body
        .then_some(total)
        .flatten()
        .unwrap_or_else(|| Amount::from_i64(1004));
    let currency = expected_currency(flags, object.as_ref());
    let mut expected = ExpectedV2::new(payment_id, amount)
        .with_currency(currency)
        .allow_virtual_account_issued(flags & 1 != 0)
        .allow_test_channel(flags & 2 != 0);
    if flags & 4 != 0 {
        let store = field("storeId").filter(|s| !s.is_empty());
        expected = expected.with_store_id(store.unwrap_or_else(|| "store-1".to_owned()));
    }
    if flags & 0b10_0000 != 0 {
        let name = field("orderName").filter(|s| !s.is_empty());
        expected = expected.with_order_name(name.unwrap_or_else(|| "Book".to_owned()));
    }
    let deadline = object.as_ref().and_then(deadline_ms);
    let now = match mode {
        0 => None,
        1 => Some(NOW_MS),
        2 => Some(deadline.map_or(NOW_MS, |d| d.saturating_sub(1))),
        _ => Some(deadline.unwrap_or(NOW_MS)),
    };
    if let Some(now) = now {
        expected = expected.now_ms(now);
    }
    if expected.validate().is_err() {
        return ExpectedV2::new("payment-1", Amount::from_i64(1004));
    }
    expected
}

/// Checks that `payment` (what `parse_payment_v2` made of `body`) and the body itself, read
/// by `serde_json`, the reference decimal and chrono, really match `expected` in the `state`
/// verified.
pub fn really_matches(
    body: &[u8],
    payment: &Payment,
    expected: &ExpectedV2,
    state: PaidState,
) -> Result<(), String> {
    let check = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("verified, but {what}: {payment:?} against {expected:?}"))
        }
    };
    let want = decimal::parse(expected.amount.as_str());
    // The parsed payment.
    check(payment.id() == expected.payment_id, "the id differs")?;
    check(
        want.is_some() && decimal::parse(&payment.amount().total.to_string()) == want,
        "amount.total differs",
    )?;
    let currency = payment.currency().as_str();
    check(
        !currency.trim().is_empty() && currency.trim().eq_ignore_ascii_case(expected.currency.trim()),
        "the currency differs",
    )?;
    check(payment.amount().cancelled == 0, "something was cancelled")?;
    if let Some(store_id) = &expected.store_id {
        check(payment.store_id() == store_id, "the store differs")?;
    }
    if let Some(order_name) = &expected.order_name {
        check(payment.order_name() == order_name, "the order name differs")?;
    }
    if !expected.allow_test_channel {
        check(
            payment.channel().is_some_and(|c| c.channel_type.as_str() == "LIVE"),
            "the channel is not LIVE",
        )?;
        check(
            payment.channel_group().is_none_or(|g| !g.is_for_test),
            "the channel group is for tests",
        )?;
    }
    match state {
        PaidState::Paid => check(matches!(payment, Payment::Paid(_)), "it is not PAID")?,
        PaidState::VirtualAccountIssued => {
            check(
                expected.allow_virtual_account_issued && matches!(payment, Payment::VirtualAccountIssued(_)),
                "it is no allowed VIRTUAL_ACCOUNT_ISSUED",
            )?;
            let deadline = match payment.method() {
                Some(PaymentMethod::VirtualAccount(account)) => account.expired_at.as_deref(),
                _ => None,
            };
            let deadline = deadline.and_then(rfc3339_ms);
            check(
                matches!((deadline, expected.now_ms), (Some(d), Some(now)) if d > now),
                "the deposit deadline has passed or is unknown (chrono)",
            )?;
        }
    }

    // The body itself, read by serde_json (skipped where serde_json cannot read it, e.g.
    // nesting beyond its recursion limit).
    let Some(body) = payment_object(body) else {
        return Ok(());
    };
    let body_check = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("verified, but the body's {what} does not match {expected:?}"))
        }
    };
    body_check(text(&body, "id").as_deref() == Some(&expected.payment_id), "id")?;
    let amounts = object(&body, "amount");
    body_check(
        want.is_some() && amounts.as_ref().and_then(|a| integer(a, "total")) == want,
        "amount.total",
    )?;
    body_check(
        amounts.as_ref().and_then(|a| integer(a, "cancelled")).is_some_and(|c| c.is_zero()),
        "amount.cancelled",
    )?;
    body_check(
        loose_text(&body, "currency")
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(expected.currency.trim())),
        "currency",
    )?;
    if let Some(store_id) = &expected.store_id {
        body_check(text(&body, "storeId").as_ref() == Some(store_id), "storeId")?;
    }
    if let Some(order_name) = &expected.order_name {
        body_check(text(&body, "orderName").as_ref() == Some(order_name), "orderName")?;
    }
    if !expected.allow_test_channel {
        let channel = object(&body, "channel");
        body_check(
            channel.as_ref().and_then(|c| text(c, "type")).as_deref() == Some("LIVE"),
            "channel.type",
        )?;
        let group = object(&body, "channelGroup");
        body_check(
            group.as_ref().and_then(|g| flag(g, "isForTest")) != Some(true),
            "channelGroup.isForTest",
        )?;
    }
    let status = text(&body, "status");
    match state {
        PaidState::Paid => body_check(status.as_deref() == Some("PAID"), "status")?,
        PaidState::VirtualAccountIssued => {
            body_check(status.as_deref() == Some("VIRTUAL_ACCOUNT_ISSUED"), "status")?;
            body_check(
                matches!((deadline_ms(&body), expected.now_ms), (Some(d), Some(now)) if d > now),
                "method.expiredAt (chrono)",
            )?;
        }
    }
    Ok(())
}
