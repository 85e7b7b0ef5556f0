//! The failures list both rule sets (V1's `rules.rs`, V2's `rules_v2.rs`) build, the
//! observed values they quote, and the one rule they share word for word (the currency).
//! Kept out of line: each check in the rules is then one call, not an inlined `Vec` push with
//! its string copies (the two `judge`s were the largest functions of the wasm builds).

use super::verdict::{Failure, FailureCode, Observed, PaidState, Verdict};
use crate::amount::Amount;

/// The failures found so far, in the order the rules run.
#[derive(Debug, Default)]
pub(crate) struct Failures(Vec<Failure>);

impl Failures {
    /// Lists one failure.
    #[inline(never)]
    pub(crate) fn add(
        &mut self,
        code: FailureCode,
        field: &str,
        expected: Observed,
        actual: Observed,
        message: &str,
    ) {
        self.0.push(Failure {
            code,
            field: field.to_owned(),
            expected,
            actual,
            message: message.to_owned(),
        });
    }

    /// The verdict: `state` when nothing failed, else every failure.
    pub(crate) fn verdict(self, state: PaidState) -> Verdict {
        if self.0.is_empty() {
            Verdict::Verified { state }
        } else {
            Verdict::Rejected { failures: self.0 }
        }
    }
}

/// A text as observed.
#[inline(never)]
pub(crate) fn text(value: &str) -> Observed {
    Observed::Text(value.to_owned())
}

/// A text as observed, or absent.
#[inline(never)]
pub(crate) fn optional_text(value: Option<&str>) -> Observed {
    value.map_or(Observed::Absent, text)
}

/// An amount as observed.
#[inline(never)]
pub(crate) fn amount(value: &Amount) -> Observed {
    Observed::Amount(value.clone())
}

/// The currency rule of both rule sets: the payment's currency must be the order's, compared
/// without case and surrounding spaces; a missing one fails.
pub(crate) fn check_currency(
    found: Option<&str>,
    expected: &str,
    fail: &mut impl FnMut(FailureCode, &str, Observed, Observed, &str),
) {
    if found.is_some_and(|c| c.trim().eq_ignore_ascii_case(expected.trim())) {
        return;
    }
    fail(
        FailureCode::CurrencyMismatch,
        "currency",
        text(expected),
        optional_text(found),
        &format!(
            "currency is {}, the order is in {}",
            found.unwrap_or("missing"),
            expected
        ),
    );
}
