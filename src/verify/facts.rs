//! The few fields a verdict needs, from a parsed payment or straight from the values the
//! canonical reader kept (no payment is built).

use crate::amount::Amount;
use crate::read::Capture;
use crate::read::Captures;
use crate::types::PaymentAnnotation;

/// A view of the fields verification reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PaymentFacts<'a> {
    pub imp_uid: &'a str,
    pub merchant_uid: &'a str,
    pub amount: &'a Amount,
    pub cancel_amount: Option<&'a Amount>,
    pub currency: Option<&'a str>,
    pub status: &'a str,
    pub sandbox: Option<bool>,
    pub pay_method: Option<&'a str>,
    pub vbank_num: Option<&'a str>,
    /// The virtual account's deposit deadline (UNIX seconds).
    pub vbank_date: Option<i64>,
}

impl PaymentAnnotation {
    pub(crate) fn facts(&self) -> PaymentFacts<'_> {
        PaymentFacts {
            imp_uid: &self.imp_uid,
            merchant_uid: &self.merchant_uid,
            amount: &self.amount,
            cancel_amount: self.cancel_amount.as_ref(),
            currency: self.currency.as_deref(),
            status: self.status.as_str(),
            sandbox: self.sandbox,
            pay_method: self.pay_method.as_ref().map(|m| m.as_str()),
            vbank_num: self.vbank_num.as_deref(),
            vbank_date: self.vbank_date,
        }
    }
}

impl<'j> Captures<'j> {
    /// The view of a payment read by [`crate::read`], which has already checked that
    /// the required fields are there.
    pub(crate) fn facts(&self) -> Option<PaymentFacts<'_>> {
        Some(PaymentFacts {
            imp_uid: self.text(Capture::ImpUid)?,
            merchant_uid: self.text(Capture::MerchantUid)?,
            amount: self.amount(Capture::Amount)?,
            cancel_amount: self.amount(Capture::CancelAmount),
            currency: self.text(Capture::Currency),
            status: self.text(Capture::Status)?,
            sandbox: self.flag(Capture::Sandbox),
            pay_method: self.text(Capture::PayMethod),
            vbank_num: self.text(Capture::VbankNum),
            vbank_date: self.int(Capture::VbankDate),
        })
    }
}
