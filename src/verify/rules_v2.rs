//! The checks that decide whether a V2 payment matches an order, on the few fields they read
//! ([`PaymentFactsV2`]), from a parsed [`Payment`] or straight from the values the reader kept.

use super::expected_v2::ExpectedV2;
use super::failures::{check_currency, optional_text, text, Failures};
use super::verdict::{FailureCode, Observed, PaidState, Verdict};
use crate::amount::Amount;
use crate::read::{Capture, Captures};
use crate::types::v2::{Payment, PaymentMethod};

/// The fields the V2 rules read. Every one is optional here: the rules fail closed on what
/// is missing, whatever the reader let through.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PaymentFactsV2<'a> {
    pub id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub store_id: Option<&'a str>,
    pub order_name: Option<&'a str>,
    pub total: Option<i64>,
    pub cancelled: Option<i64>,
    pub currency: Option<&'a str>,
    pub channel_type: Option<&'a str>,
    pub channel_group_for_test: Option<bool>,
    pub virtual_account_expired_at: Option<&'a str>,
}

impl Payment {
    pub(crate) fn facts(&self) -> PaymentFactsV2<'_> {
        PaymentFactsV2 {
            id: Some(self.id()),
            status: Some(self.status()),
            store_id: Some(self.store_id()),
            order_name: Some(self.order_name()),
            total: Some(self.amount().total),
            cancelled: Some(self.amount().cancelled),
            currency: Some(self.currency().as_str()),
            channel_type: self.channel().map(|c| c.channel_type.as_str()),
            channel_group_for_test: self.channel_group().map(|g| g.is_for_test),
            virtual_account_expired_at: match self.method() {
                Some(PaymentMethod::VirtualAccount(account)) => account.expired_at.as_deref(),
                _ => None,
            },
        }
    }
}

impl<'j> Captures<'j> {
    /// The V2 facts of a payment read by [`crate::read`].
    pub(crate) fn facts_v2(&self) -> PaymentFactsV2<'_> {
        PaymentFactsV2 {
            id: self.text(Capture::PaymentId),
            status: self.text(Capture::Status),
            store_id: self.text(Capture::StoreId),
            order_name: self.text(Capture::OrderName),
            total: self.int(Capture::TotalAmount),
            cancelled: self.int(Capture::CancelledAmount),
            currency: self.text(Capture::Currency),
            channel_type: self.text(Capture::ChannelType),
            channel_group_for_test: self.flag(Capture::ChannelGroupForTest),
            virtual_account_expired_at: self.text(Capture::VirtualAccountExpiredAt),
        }
    }
}

/// Runs every check and lists every failure; verified only when none fails.
pub(crate) fn judge(payment: &PaymentFactsV2<'_>, expected: &ExpectedV2) -> Verdict {
    let mut failures = Failures::default();
    let mut fail = |code, field: &str, want: Observed, got: Observed, message: &str| {
        failures.add(code, field, want, got, message);
    };

    let id_matches = payment.id == Some(expected.payment_id.as_str());
    if !id_matches {
        fail(
            FailureCode::PaymentIdMismatch,
            "id",
            text(&expected.payment_id),
            optional_text(payment.id),
            "the payment is not the one expected (another paymentId)",
        );
    }
    if let Some(store_id) = &expected.store_id {
        if payment.store_id != Some(store_id.as_str()) {
            fail(
                FailureCode::StoreIdMismatch,
                "storeId",
                text(store_id),
                optional_text(payment.store_id),
                "the payment belongs to another store",
            );
        }
    }
    if let Some(order_name) = &expected.order_name {
        if payment.order_name != Some(order_name.as_str()) {
            fail(
                FailureCode::OrderNameMismatch,
                "orderName",
                text(order_name),
                optional_text(payment.order_name),
                "the payment is for another order name",
            );
        }
    }
    let total = payment.total.map(Amount::from_i64);
    if total.as_ref() != Some(&expected.amount) {
        fail(
            FailureCode::AmountMismatch,
            "amount.total",
            Observed::Amount(expected.amount.clone()),
            total.clone().map_or(Observed::Absent, Observed::Amount),
            &match &total {
                Some(total) => format!(
                    "amount.total is {total}, the order costs {}",
                    expected.amount
                ),
                None => "amount.total is missing".to_owned(),
            },
        );
    }
    check_currency(payment.currency, &expected.currency, &mut fail);

    let mut state = PaidState::Paid;
    let status = payment.status.unwrap_or_default();
    match status {
        "PAID" => {}
        "VIRTUAL_ACCOUNT_ISSUED" if expected.allow_virtual_account_issued => {
            let expired_at = payment.virtual_account_expired_at;
            match deposit_deadline(expired_at, expected.now_ms) {
                Deadline::Open => state = PaidState::VirtualAccountIssued,
                Deadline::Passed => fail(
                    FailureCode::VirtualAccountExpired,
                    "method.expiredAt",
                    Observed::Absent,
                    optional_text(expired_at),
                    "the virtual account's deposit deadline has passed",
                ),
                Deadline::Unknown(why) => fail(
                    FailureCode::IncompletePayment,
                    "method.expiredAt",
                    Observed::Absent,
                    optional_text(expired_at),
                    why,
                ),
            }
        }
        "CANCELLED" => fail(
            FailureCode::Cancelled,
            "status",
            text("PAID"),
            text(status),
            "the payment was cancelled",
        ),
        "PARTIAL_CANCELLED" => fail(
            FailureCode::PartiallyCancelled,
            "status",
            text("PAID"),
            text(status),
            "part of the payment was cancelled",
        ),
        other => fail(
            FailureCode::NotPaid,
            "status",
            text("PAID"),
            optional_text(payment.status),
            &not_paid_message(other),
        ),
    }

    match payment.cancelled {
        None => fail(
            FailureCode::IncompletePayment,
            "amount.cancelled",
            Observed::Absent,
            Observed::Absent,
            "amount.cancelled is missing, so cancellations cannot be ruled out",
        ),
        Some(cancelled) if cancelled < 0 => fail(
            FailureCode::IncompletePayment,
            "amount.cancelled",
            Observed::Amount(Amount::zero()),
            Observed::Amount(Amount::from_i64(cancelled)),
            "amount.cancelled is negative",
        ),
        // The status already says so.
        Some(_) if matches!(status, "CANCELLED" | "PARTIAL_CANCELLED") => {}
        Some(cancelled) if cancelled > 0 => fail(
            FailureCode::PartiallyCancelled,
            "amount.cancelled",
            Observed::Amount(Amount::zero()),
            Observed::Amount(Amount::from_i64(cancelled)),
            &format!("{cancelled} of the payment was cancelled"),
        ),
        Some(_) => {}
    }

    if !expected.allow_test_channel {
        match payment.channel_type {
            Some("LIVE") => {}
            Some("TEST") => fail(
                FailureCode::SandboxPayment,
                "channel.type",
                text("LIVE"),
                text("TEST"),
                "a test-channel payment; no money moved",
            ),
            Some(other) => fail(
                FailureCode::IncompletePayment,
                "channel.type",
                text("LIVE"),
                text(other),
                &format!("unknown channel type {other:?}, so a test payment cannot be ruled out"),
            ),
            None => fail(
                FailureCode::IncompletePayment,
                "channel",
                text("LIVE"),
                Observed::Absent,
                "the payment names no channel, so a test payment cannot be ruled out",
            ),
        }
        if payment.channel_group_for_test == Some(true) {
            fail(
                FailureCode::SandboxPayment,
                "channelGroup.isForTest",
                Observed::Flag(false),
                Observed::Flag(true),
                "the payment's channel group is a test group; no money moved",
            );
        }
    }

    failures.verdict(state)
}

/// Whether an issued virtual account can still be paid into.
enum Deadline {
    Open,
    Passed,
    /// It cannot be told (fail closed).
    Unknown(&'static str),
}

fn deposit_deadline(expired_at: Option<&str>, now_ms: Option<i64>) -> Deadline {
    let Some(expired_at) = expired_at else {
        return Deadline::Unknown("the virtual account has no deposit deadline (method.expiredAt)");
    };
    let Some(deadline_ms) = super::rfc3339::epoch_ms(expired_at) else {
        return Deadline::Unknown(
            "the deposit deadline (method.expiredAt) is not an RFC 3339 time",
        );
    };
    let Some(now_ms) = now_ms else {
        return Deadline::Unknown(
            "the deposit deadline cannot be checked without the current time",
        );
    };
    if deadline_ms > now_ms {
        Deadline::Open
    } else {
        Deadline::Passed
    }
}

fn not_paid_message(status: &str) -> String {
    match status {
        "READY" => "the payment is not completed".to_owned(),
        "PAY_PENDING" => "the payment is waiting for approval".to_owned(),
        "VIRTUAL_ACCOUNT_ISSUED" => {
            "a virtual account was issued but nothing is deposited yet".to_owned()
        }
        "FAILED" => "the payment failed".to_owned(),
        "" => "the payment has no status".to_owned(),
        other => format!("unknown status {other:?} is not treated as paid"),
    }
}
