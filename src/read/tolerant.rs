//! PortOne's spellings of booleans and integers: the one place the tolerance rules for
//! scalar text live. [`super::scalar`] applies them to every field a schema reads.
//!
//! PortOne (and the mobile wrappers around its SDK) send `"true"` for `true`, numbers as
//! numeric strings and blank strings for unset times; these accept exactly those spellings.

/// `"true"`/`"false"` in any case, surrounding spaces ignored.
pub(crate) fn flag_from_text(text: &str) -> Option<bool> {
    match text.trim() {
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Below 1e15 (< 2^53) every whole number is exact in JavaScript and in an `f64`.
const MAX_WHOLE: i64 = 999_999_999_999_999;

/// An integer written as a JSON number: whole numbers in `i64`, or an exactly whole value
/// in decimal or exponent form below 1e15 (`1648344363.0`, `1e3`).
pub(crate) fn int_from_number(token: &str) -> Option<i64> {
    if let Ok(int) = token.parse::<i64>() {
        return Some(int);
    }
    if !token.contains(['.', 'e', 'E']) {
        return None; // a whole number beyond i64
    }
    crate::amount::Amount::parse(token)?
        .as_integer()
        .filter(|int| int.abs() <= MAX_WHOLE)
}

/// An integer held in a string: as [`int_from_number`], surrounding spaces and a leading
/// `+` allowed.
pub(crate) fn int_from_text(text: &str) -> Option<i64> {
    let trimmed = text.trim();
    let number = match trimmed.strip_prefix('+') {
        Some(rest) if rest.starts_with(['-', '+']) => return None,
        Some(rest) => rest,
        None => trimmed,
    };
    int_from_number(number)
}

/// The integer `text` spells in its one canonical form (`"7"`, not `"+7"` or `"07"`): numeric
/// codes are written back as numbers only when no spelling is lost.
pub(crate) fn canonical_int(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|n| n.to_string() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_portone_spellings() {
        assert_eq!(flag_from_text(" TRUE "), Some(true));
        assert_eq!(flag_from_text("false"), Some(false));
        assert_eq!(int_from_text("1648344363"), Some(1_648_344_363));
        assert_eq!(int_from_text(" +7 "), Some(7));
        assert_eq!(int_from_number("1648344363.0"), Some(1_648_344_363));
        assert_eq!(int_from_number("1e3"), Some(1000));
        assert_eq!(canonical_int("7"), Some(7));
    }

    #[test]
    fn rejects_other_spellings() {
        assert_eq!(flag_from_text("yes"), None);
        assert_eq!(flag_from_text("1"), None);
        assert_eq!(int_from_text("12a"), None);
        assert_eq!(int_from_text("+-1"), None);
        assert_eq!(int_from_number("1.5"), None);
        assert_eq!(int_from_number("99999999999999999999"), None);
        assert_eq!(int_from_number("1e16"), None);
        assert_eq!(canonical_int("+7"), None);
        assert_eq!(canonical_int("07"), None);
    }
}
