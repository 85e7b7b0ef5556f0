//! The values a reader keeps for its caller besides the canonical text: the few fields a
//! verdict, a token cache or a webhook needs, by [`Capture`] slot.

use std::borrow::Cow;

use crate::amount::Amount;

/// The values a caller reads from an object besides its canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Capture {
    ImpUid,
    MerchantUid,
    Amount,
    CancelAmount,
    Currency,
    Status,
    Sandbox,
    PayMethod,
    VbankNum,
    VbankDate,
    ErrorCode,
    ReportedSuccess,
    ReportedImpSuccess,
    /// V2: the payment's `id` (the merchant's payment id).
    PaymentId,
    /// V2: the payment's `storeId`.
    StoreId,
    /// V2: the payment's `orderName`.
    OrderName,
    /// V2: `amount.total` (an integer).
    TotalAmount,
    /// V2: `amount.cancelled` (an integer).
    CancelledAmount,
    /// V2: `channel.type` (`LIVE` or `TEST`).
    ChannelType,
    /// V2: `channelGroup.isForTest`.
    ChannelGroupForTest,
    /// V2: a virtual account's deposit deadline (`method.expiredAt`, RFC 3339).
    VirtualAccountExpiredAt,
}

impl Capture {
    /// How many slots there are (the last variant's, plus one).
    pub(crate) const COUNT: usize = Capture::VirtualAccountExpiredAt as usize + 1;
}

/// A value kept for the caller (see [`Capture`]).
#[derive(Clone, Debug)]
pub(crate) enum Captured<'j> {
    Text(Cow<'j, str>),
    Amount(Amount),
    Flag(bool),
    /// An integer ([`Kind::Int`](super::Kind::Int): V1's `vbank_date`, V2's int64 amounts).
    Int(i64),
}

/// The values of one object kept for the caller, by [`Capture`].
#[derive(Debug)]
pub(crate) struct Captures<'j>([Option<Captured<'j>>; Capture::COUNT]);

impl Default for Captures<'_> {
    fn default() -> Self {
        Captures([const { None }; Capture::COUNT])
    }
}

impl<'j> Captures<'j> {
    fn slot(&mut self, capture: Capture) -> Option<&mut Option<Captured<'j>>> {
        self.0.get_mut(capture as usize)
    }

    fn get(&self, capture: Capture) -> Option<&Captured<'j>> {
        self.0.get(capture as usize)?.as_ref()
    }

    /// Keeps the values `nested` (a nested object's) holds.
    pub(crate) fn merge(&mut self, nested: Captures<'j>) {
        for (slot, value) in self.0.iter_mut().zip(nested.0) {
            if value.is_some() {
                *slot = value;
            }
        }
    }

    /// Keeps `value` as `capture`.
    #[inline(always)]
    pub(crate) fn keep(&mut self, capture: Capture, value: Captured<'j>) {
        if let Some(slot) = self.slot(capture) {
            *slot = Some(value);
        }
    }

    /// A kept text (or `None` when absent or `null`).
    pub(crate) fn text(&self, capture: Capture) -> Option<&str> {
        match self.get(capture) {
            Some(Captured::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// A kept amount.
    pub(crate) fn amount(&self, capture: Capture) -> Option<&Amount> {
        match self.get(capture) {
            Some(Captured::Amount(amount)) => Some(amount),
            _ => None,
        }
    }

    /// A kept integer (or `None` when absent, `null` or blank).
    pub(crate) fn int(&self, capture: Capture) -> Option<i64> {
        match self.get(capture) {
            Some(Captured::Int(int)) => Some(*int),
            _ => None,
        }
    }

    /// A kept flag.
    pub(crate) fn flag(&self, capture: Capture) -> Option<bool> {
        match self.get(capture) {
            Some(Captured::Flag(flag)) => Some(*flag),
            _ => None,
        }
    }
}
