//! RFC 3339 date-times (V2's `expiredAt`) as milliseconds since 1970, without a date library.

/// The instant `text` names (`2024-07-04T14:59:59Z`, `2024-07-04T23:59:59.5+09:00`), in
/// milliseconds since 1970-01-01T00:00:00Z; `None` for anything that is not an RFC 3339
/// date-time with an offset. A leap second (`:60`) counts as the second before it; digits
/// past milliseconds are dropped.
pub(crate) fn epoch_ms(text: &str) -> Option<i64> {
    let mut at = Cursor(text.as_bytes());
    let year = at.number(4)?;
    at.byte(b'-')?;
    let month = at.number(2)?;
    at.byte(b'-')?;
    let day = at.number(2)?;
    at.one_of(b"Tt ")?;
    let hour = at.number(2)?;
    at.byte(b':')?;
    let minute = at.number(2)?;
    at.byte(b':')?;
    let second = at.number(2)?;
    let mut millis = 0;
    if at.byte(b'.').is_some() {
        let mut digits = 0;
        while let Some(digit) = at.digit() {
            if digits < 3 {
                millis = millis * 10 + digit;
            }
            digits += 1;
        }
        if digits == 0 {
            return None;
        }
        for _ in digits..3 {
            millis *= 10;
        }
    }
    let offset = match at.one_of(b"Zz+-")? {
        b'Z' | b'z' => 0,
        sign => {
            let hours = at.number(2)?;
            at.byte(b':')?;
            let minutes = at.number(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
    };
    let valid = at.0.is_empty()
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 60;
    if !valid {
        return None;
    }
    let second = second.min(59);
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some(seconds * 1000 + millis)
}

/// The bytes left to read.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn next(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn byte(&mut self, want: u8) -> Option<()> {
        (self.0.first() == Some(&want)).then(|| self.0 = self.0.get(1..).unwrap_or_default())
    }

    fn one_of(&mut self, set: &[u8]) -> Option<u8> {
        self.0.first().filter(|b| set.contains(b))?;
        self.next()
    }

    fn digit(&mut self) -> Option<i64> {
        self.0.first().filter(|b| b.is_ascii_digit())?;
        self.next().map(|b| i64::from(b - b'0'))
    }

    /// Exactly `count` digits.
    fn number(&mut self, count: usize) -> Option<i64> {
        (0..count).try_fold(0, |value, _| Some(value * 10 + self.digit()?))
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::epoch_ms;

    #[test]
    fn reads_rfc3339_instants() {
        for (text, ms) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2024-07-04T14:59:59Z", 1_720_105_199_000),
            ("2024-07-04T23:59:59+09:00", 1_720_105_199_000),
            ("2024-07-04t14:59:59.5z", 1_720_105_199_500),
            ("2024-07-04T14:59:59.123456789Z", 1_720_105_199_123),
            ("2024-07-04 05:59:59-09:00", 1_720_105_199_000),
            ("2024-02-29T00:00:00Z", 1_709_164_800_000),
            ("2000-03-01T00:00:00Z", 951_868_800_000),
            ("1969-12-31T23:59:59Z", -1000),
            ("2016-12-31T23:59:60Z", 1_483_228_799_000),
        ] {
            assert_eq!(epoch_ms(text), Some(ms), "{text}");
        }
    }

    #[test]
    fn refuses_other_texts() {
        for text in [
            "",
            "2024-07-04",
            "2024-07-04T14:59:59",
            "2024-07-04T14:59Z",
            "2024-07-04T14:59:59.Z",
            "2024-07-04T14:59:59+0900",
            "2024-07-04T14:59:59+24:00",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-07-04T24:00:00Z",
            "2024-07-04T14:60:00Z",
            "2024-07-04T14:59:61Z",
            "2024-07-04T14:59:99Z",
            "2024-07-04T14:59:59Z ",
            "+2024-07-04T14:59:59Z",
            "２０２４-07-04T14:59:59Z",
            "1720105199",
        ] {
            assert_eq!(epoch_ms(text), None, "{text}");
        }
    }
}
