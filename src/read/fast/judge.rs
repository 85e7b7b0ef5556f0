//! One scalar value judged on its bytes by the reader's rules ([`scalar`]), the kept values
//! captured; anything unusual goes to the reader's own functions on the value's text.

use std::borrow::Cow;

use super::super::captures::{Captured, Captures};
use super::super::path::Path;
use super::super::reader::check_value;
use super::super::scalar::{scalar, Shape};
use super::super::schema::{Field, Kind};
use crate::amount::Amount;

/// Checks one known field's value by the reader's rules, keeping it when asked. `raw` is a
/// whole JSON value, checked as such and as UTF-8 by [`Scan::value`].
#[inline(always)]
pub(super) fn judge<'j>(
    field: &Field,
    raw: &'j [u8],
    escaped: bool,
    captures: &mut Captures<'j>,
) -> Option<()> {
    let first = *raw.first()?;
    match (field.kind, first) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, b'"') if !escaped => {
            if let Some(capture) = field.capture {
                let inner = raw.get(1..raw.len() - 1)?;
                let text = std::str::from_utf8(inner).ok()?;
                captures.keep(capture, Captured::Text(Cow::Borrowed(text)));
            }
            Some(())
        }
        // An identifier without escapes that is not blank (anything else goes to the reader).
        (Kind::Id, b'"') if !escaped => {
            let inner = std::str::from_utf8(raw.get(1..raw.len() - 1)?).ok()?;
            if inner.trim().is_empty() {
                return None;
            }
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        // The common cases, settled on the bytes: any string, number or boolean is a text
        // (a code is read as one); a plain integer of up to 18 digits fits an `i64`; an empty
        // list or `null` is empty; any value is an `Any`.
        (Kind::Text | Kind::Code, b'"' | b'-' | b'0'..=b'9' | b't' | b'f')
            if field.capture.is_none() =>
        {
            Some(())
        }
        (Kind::Int, b'0'..=b'9') if raw.len() <= 18 && raw.iter().all(u8::is_ascii_digit) => {
            if let Some(capture) = field.capture {
                // At most 18 digits: below i64::MAX, so no overflow.
                let int = raw.iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
                captures.keep(capture, Captured::Int(int));
            }
            Some(())
        }
        (Kind::Flag, b't' | b'f') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Flag(first == b't'));
            }
            Some(())
        }
        // Two bytes of valid JSON starting with `[` are `[]`.
        (Kind::Texts | Kind::List(_), b'[') if raw.len() == 2 => Some(()),
        (
            Kind::Text | Kind::Id | Kind::Code | Kind::Texts | Kind::List(_) | Kind::Object(_),
            b'n',
        ) if !field.required => Some(()),
        (Kind::Int, b'n') if !field.required => Some(()),
        (Kind::Any, _) => Some(()),
        // A number amount, as the reader reads it.
        (Kind::Amount, b'-' | b'0'..=b'9') => {
            let amount = Amount::parse(std::str::from_utf8(raw).ok()?)?;
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Amount(amount));
            }
            Some(())
        }
        _ => judge_text(field, std::str::from_utf8(raw).ok()?, captures),
    }
}

/// The other cases, by the reader's own rules on the value's text.
#[inline(never)]
fn judge_text<'j>(field: &Field, raw: &'j str, captures: &mut Captures<'j>) -> Option<()> {
    match (field.kind, Shape::of(raw)) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, Shape::Str(inner)) if !inner.contains('\\') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        (Kind::Texts | Kind::List(_) | Kind::Object(_), _) => check_value(field, raw).ok(),
        _ => {
            let kept = scalar(field, raw, &Path::Root(""), None, field.capture.is_some()).ok()?;
            if let (Some(capture), Some(kept)) = (field.capture, kept) {
                captures.keep(capture, kept);
            }
            Some(())
        }
    }
}
