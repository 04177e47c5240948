//! `time_point_sec`: whole UTC seconds since 1970, written `YYYY-MM-DDTHH:MM:SS`.

use std::fmt;

/// Seconds since the Unix epoch, as the chain stores times (uint32).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TimePointSec(pub u32);

impl TimePointSec {
    /// The current time, truncated to whole seconds.
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        TimePointSec(secs.min(u32::MAX as u64) as u32)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS`, optionally followed by `Z` or a fraction of a
    /// second (dropped), as fc's ISO parser accepts.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.strip_suffix('Z').unwrap_or(text);
        let t = match t.find('.') {
            Some(dot) if t[dot + 1..].bytes().all(|b| b.is_ascii_digit()) => &t[..dot],
            _ => t,
        };
        let b = t.as_bytes();
        if b.len() != 19
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(format!("`{text}` is not YYYY-MM-DDTHH:MM:SS"));
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
            let s = &t[r];
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(format!("`{text}` is not YYYY-MM-DDTHH:MM:SS"));
            }
            s.parse::<i64>()
                .map_err(|_| format!("`{text}` is not YYYY-MM-DDTHH:MM:SS"))
        };
        let (y, mo, d, h, mi, s) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        );
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || s > 59
        {
            return Err(format!("`{text}` is not a valid date and time"));
        }
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
        u32::try_from(secs)
            .map(TimePointSec)
            .map_err(|_| format!("`{text}` is outside 1970-01-01T00:00:00 ... 2106-02-07T06:28:15"))
    }

    /// (year, month, day, hour, minute, second).
    pub fn civil(self) -> (i64, i64, i64, i64, i64, i64) {
        let secs = self.0 as i64;
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
    }
}

impl fmt::Display for TimePointSec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.civil();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip() {
        for (s, v) in [
            ("1970-01-01T00:00:00", 0u32),
            ("2015-06-16T23:59:59", 0x5580_b87f),
            ("2106-02-07T06:28:15", u32::MAX),
            ("2024-02-29T12:00:00", 1_709_208_000),
        ] {
            assert_eq!(TimePointSec::parse(s).unwrap(), TimePointSec(v));
            assert_eq!(TimePointSec(v).to_string(), s);
        }
        assert_eq!(
            TimePointSec::parse("2025-06-01T12:00:00Z")
                .unwrap()
                .to_string(),
            "2025-06-01T12:00:00"
        );
        for bad in [
            "2023-02-29T00:00:00",
            "2025-06-01 12:00:00",
            "2106-02-07T06:28:16",
            "1969-12-31T23:59:59",
            "x",
            "2025-13-01T00:00:00",
        ] {
            assert!(TimePointSec::parse(bad).is_err(), "{bad}");
        }
    }
}
