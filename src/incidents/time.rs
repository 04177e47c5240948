//! Times as bos-incidents reads and writes them: strict RFC 3339 in, `date_to_string` out.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// Parses a strict RFC 3339 date-time (`2019-01-25T01:00:00Z`, `...00.5+02:00`), as the
/// schema's `date-time` format checker does: uppercase `T` and `Z`, a zone is required.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (h, mi, se) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        let start = i + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start {
            return None;
        }
        let frac = &s[start..end.min(start + 9)];
        nanos = frac.parse::<u32>().ok()? * 10u32.pow(9 - frac.len() as u32);
        i = end;
    }
    let offset_s: i64 = match &b[i..] {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let oh = digits(i + 1..i + 3)? as i64;
            let om = digits(i + 4..i + 6)? as i64;
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    if h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let naive = NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_nano_opt(h, mi, se, nanos)?;
    Some(naive.and_utc() - chrono::Duration::seconds(offset_s))
}

/// Formats a time as bos-incidents' `date_to_string`: UTC, `Z`, and a fraction only when
/// there are microseconds, without trailing zeros (`2018-03-22T23:10:45.718Z`).
pub fn to_string(t: DateTime<Utc>) -> String {
    let mut out = seconds(t);
    let micros = t.nanosecond() / 1000 % 1_000_000;
    if micros != 0 {
        let f = format!("{micros:06}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// `%Y-%m-%dT%H:%M:%S` of `t`, without parsing a format string each time (this is on
/// every incident's path).
pub fn seconds(t: DateTime<Utc>) -> String {
    let y = t.year();
    // Years of other widths and leap seconds (`:60`) as chrono writes them.
    if !(0..=9999).contains(&y) || t.nanosecond() >= 1_000_000_000 {
        return t.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut b = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, v: u32, digits: usize| {
        let mut v = v;
        for i in (0..digits).rev() {
            b[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, y as u32, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    put(17, t.second(), 2);
    let mut s = String::with_capacity(32);
    s.extend(b.iter().map(|c| *c as char));
    s
}

/// Parses the date form found inside unique strings (`2018-03-22t231045718z`), and the
/// shorter `YYYYMMDD` and `YYYY-MM-DD` forms, as bos-incidents' `string_to_date` does;
/// any number of fraction digits is accepted.
pub fn parse_slug_date(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return NaiveDate::parse_from_str(s, "%Y%m%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc());
    }
    if b.len() == 10 {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc());
    }
    if b.len() < 18 || !matches!(b[10], b't' | b'T') || !matches!(b[b.len() - 1], b'z' | b'Z') {
        return parse_rfc3339(s);
    }
    let hms = &s[11..17];
    let frac = &s[17..s.len() - 1];
    if !hms.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut text = format!("{}T{}:{}:{}", &s[..10], &hms[..2], &hms[2..4], &hms[4..6]);
    if !frac.is_empty() {
        text.push('.');
        text.push_str(frac);
    }
    text.push('Z');
    parse_rfc3339(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_as_chrono_writes_them() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .unwrap()
            .and_utc();
        for t in [
            "2019-01-25T01:02:03Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            "2018-03-22T23:10:45.718Z",
        ]
        .iter()
        .map(|s| parse_rfc3339(s).unwrap())
        .chain([leap, DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC])
        {
            assert_eq!(seconds(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
        assert_eq!(
            to_string(parse_rfc3339("2018-03-22T23:10:45.718Z").unwrap()),
            "2018-03-22T23:10:45.718Z"
        );
    }

    #[test]
    fn strict_rfc3339() {
        let t = parse_rfc3339("2019-01-25T01:00:00Z").unwrap();
        assert_eq!(to_string(t), "2019-01-25T01:00:00Z");
        assert_eq!(
            parse_rfc3339("2019-01-25T03:00:00+02:00"),
            Some(t),
            "offsets convert to UTC"
        );
        for bad in [
            "2019-01-25 01:00:00",
            "2019-01-25T01:00:00",
            "2019-01-25t01:00:00z",
            "2019-02-30T01:00:00Z",
            "2019-01-25T24:00:00Z",
            "2019-01-25T01:00:00.Z",
            "2019-01-25T01:00:00+0200",
            "",
        ] {
            assert!(parse_rfc3339(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn date_to_string_fractions() {
        let t = parse_rfc3339("2018-03-22T23:10:45.718Z").unwrap();
        assert_eq!(to_string(t), "2018-03-22T23:10:45.718Z");
        let t = parse_rfc3339("2019-02-24T17:40:16.832033Z").unwrap();
        assert_eq!(to_string(t), "2019-02-24T17:40:16.832033Z");
        let t = parse_rfc3339("2019-02-24T17:40:16.000Z").unwrap();
        assert_eq!(to_string(t), "2019-02-24T17:40:16Z");
    }

    #[test]
    fn slug_dates() {
        let t = |s| to_string(parse_slug_date(s).unwrap());
        assert_eq!(t("2018-03-22t230000z"), "2018-03-22T23:00:00Z");
        assert_eq!(t("2018-03-22t231045718z"), "2018-03-22T23:10:45.718Z");
        assert_eq!(t("2019-02-24t174016832033z"), "2019-02-24T17:40:16.832033Z");
        assert_eq!(t("20180322"), "2018-03-22T00:00:00Z");
        assert_eq!(t("2018-03-22"), "2018-03-22T00:00:00Z");
        assert!(parse_slug_date("2018-03-22t23x000z").is_none());
    }
}
