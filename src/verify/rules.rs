//! The checks that decide whether a payment matches an order.

use super::expected::Want;
use super::facts::PaymentFacts;
use super::failures::{amount, check_currency, text, Failures};
use super::verdict::{FailureCode, Observed, PaidState, Verdict};
use crate::amount::Amount;

/// Runs every check and lists every failure; verified only when none fails.
pub(crate) fn judge(payment: &PaymentFacts<'_>, expected: &Want<'_>) -> Verdict {
    let mut failures = Failures::default();
    let mut fail = |code, field: &str, want: Observed, got: Observed, message: &str| {
        failures.add(code, field, want, got, message);
    };

    if payment.merchant_uid != expected.merchant_uid {
        fail(
            FailureCode::MerchantUidMismatch,
            "merchant_uid",
            text(expected.merchant_uid),
            text(payment.merchant_uid),
            "the payment belongs to another order",
        );
    }
    if let Some(imp_uid) = expected.imp_uid {
        if payment.imp_uid != imp_uid {
            fail(
                FailureCode::ImpUidMismatch,
                "imp_uid",
                text(imp_uid),
                text(payment.imp_uid),
                "the payment is not the one expected",
            );
        }
    }
    if payment.amount != expected.amount {
        fail(
            FailureCode::AmountMismatch,
            "amount",
            amount(expected.amount),
            amount(payment.amount),
            &format!(
                "amount is {}, the order costs {}",
                payment.amount, expected.amount
            ),
        );
    }
    check_currency(payment.currency, expected.currency, &mut fail);

    let mut state = PaidState::Paid;
    match payment.status {
        "paid" => {}
        "ready" if expected.allow_virtual_account_issued && is_issued_virtual_account(payment) => {
            match deposit_deadline(payment.vbank_date, expected.now_ms) {
                Deadline::Open => state = PaidState::VirtualAccountIssued,
                Deadline::Passed(deadline) => fail(
                    FailureCode::VirtualAccountExpired,
                    "vbank_date",
                    Observed::Absent,
                    Observed::Text(deadline.to_string()),
                    "the virtual account's deposit deadline has passed",
                ),
                Deadline::Unknown(why) => fail(
                    FailureCode::IncompletePayment,
                    "vbank_date",
                    Observed::Absent,
                    payment
                        .vbank_date
                        .map_or(Observed::Absent, |d| Observed::Text(d.to_string())),
                    why,
                ),
            }
        }
        "cancelled" => fail(
            FailureCode::Cancelled,
            "status",
            text("paid"),
            text(payment.status),
            "the payment was cancelled",
        ),
        other => fail(
            FailureCode::NotPaid,
            "status",
            text("paid"),
            text(other),
            &not_paid_message(payment),
        ),
    }

    match payment.cancel_amount {
        None => fail(
            FailureCode::IncompletePayment,
            "cancel_amount",
            Observed::Absent,
            Observed::Absent,
            "cancel_amount is missing, so cancellations cannot be ruled out",
        ),
        Some(cancelled) if cancelled.is_negative() => fail(
            FailureCode::IncompletePayment,
            "cancel_amount",
            amount(&zero()),
            amount(cancelled),
            "cancel_amount is negative",
        ),
        Some(cancelled) if !cancelled.is_zero() && payment.status != "cancelled" => fail(
            FailureCode::PartiallyCancelled,
            "cancel_amount",
            amount(&zero()),
            amount(cancelled),
            &format!("{cancelled} of the payment was cancelled"),
        ),
        Some(_) => {}
    }

    if !expected.allow_sandbox {
        match payment.sandbox {
            Some(false) => {}
            Some(true) => fail(
                FailureCode::SandboxPayment,
                "sandbox",
                Observed::Flag(false),
                Observed::Flag(true),
                "a test-channel payment; no money moved",
            ),
            None => fail(
                FailureCode::IncompletePayment,
                "sandbox",
                Observed::Flag(false),
                Observed::Absent,
                "sandbox is missing, so a test payment cannot be ruled out",
            ),
        }
    }

    failures.verdict(state)
}

fn is_issued_virtual_account(payment: &PaymentFacts<'_>) -> bool {
    payment.pay_method == Some("vbank") && payment.vbank_num.is_some_and(|n| !n.trim().is_empty())
}

/// Whether an issued virtual account can still be paid into.
enum Deadline {
    Open,
    /// The deadline (UNIX seconds) is not after now.
    Passed(i64),
    /// It cannot be told (fail closed).
    Unknown(&'static str),
}

fn deposit_deadline(vbank_date: Option<i64>, now_ms: Option<i64>) -> Deadline {
    let Some(deadline) = vbank_date.filter(|&d| d > 0) else {
        return Deadline::Unknown("the virtual account has no deposit deadline (vbank_date)");
    };
    let Some(now_ms) = now_ms else {
        return Deadline::Unknown(
            "the deposit deadline cannot be checked without the current time",
        );
    };
    if deadline.saturating_mul(1000) > now_ms {
        Deadline::Open
    } else {
        Deadline::Passed(deadline)
    }
}

fn not_paid_message(payment: &PaymentFacts<'_>) -> String {
    match payment.status {
        "ready" if is_issued_virtual_account(payment) => {
            "a virtual account was issued but nothing is deposited yet".to_owned()
        }
        "ready" => "the payment is not completed".to_owned(),
        "failed" => "the payment failed".to_owned(),
        other => format!("unknown status {other:?} is not treated as paid"),
    }
}

fn zero() -> Amount {
    Amount::zero()
}
