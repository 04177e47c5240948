//! Times and durations of the track commands: timestamps are milliseconds since
//! the Unix epoch (UTC); durations are written `90s`, `15m`, `1h`, `30d`, `2w`
//! (or a bare number of seconds); a time is RFC 3339, `now`, or a duration back
//! from now (`7d` = seven days ago).

use chrono::{DateTime, TimeZone, Utc};

use super::error::{Result, TrackError};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// Parses `90s`, `15m`, `1h`, `30d`, `2w`, `500ms` or a bare number of seconds, into milliseconds (> 0).
pub fn parse_duration(text: &str) -> Result<Millis> {
    let bad = || TrackError::BadDuration {
        text: text.to_string(),
    };
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: i64 = num.parse().map_err(|_| bad())?;
    let unit_ms: i64 = match unit {
        "ms" => 1,
        "" | "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 7 * 86_400_000,
        _ => return Err(bad()),
    };
    match n.checked_mul(unit_ms) {
        Some(ms) if ms > 0 && ms <= 100 * 365 * 86_400_000 => Ok(ms),
        _ => Err(bad()),
    }
}

/// Parses a time: RFC 3339 with a zone, `now`, or a duration back from `now`.
pub fn parse_time(text: &str, now: Millis) -> Result<Millis> {
    let t = text.trim();
    if t == "now" {
        return Ok(now);
    }
    if let Some(d) = crate::incidents::time::parse_rfc3339(t) {
        return Ok(d.timestamp_millis());
    }
    match parse_duration(t) {
        Ok(d) => Ok(now - d),
        Err(_) => Err(TrackError::BadTime {
            text: text.to_string(),
        }),
    }
}

/// RFC 3339 in UTC with milliseconds when they are not zero (`2026-01-31T12:00:00Z`).
pub fn format(ms: Millis) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(t) if ms % 1000 == 0 => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        None => ms.to_string(),
    }
}

/// A duration in its shortest exact form (`1h`, `90s`, `1500ms`).
pub fn format_duration(ms: Millis) -> String {
    for (unit, size) in [
        ("w", 7 * 86_400_000),
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
    ] {
        if ms % size == 0 && ms >= size {
            return format!("{}{unit}", ms / size);
        }
    }
    format!("{ms}ms")
}

/// Milliseconds of a chrono time.
pub fn millis(t: DateTime<Utc>) -> Millis {
    t.timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30d").unwrap(), 30 * 86_400_000);
        assert_eq!(parse_duration("1h").unwrap(), 3_600_000);
        assert_eq!(parse_duration("90").unwrap(), 90_000);
        assert_eq!(parse_duration("2w").unwrap(), 14 * 86_400_000);
        assert_eq!(parse_duration("250ms").unwrap(), 250);
        for bad in ["", "0s", "-1h", "1y", "h", "99999999999999999999d", "1.5h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(3_600_000), "1h");
        assert_eq!(format_duration(90_000), "90s");
    }

    #[test]
    fn times() {
        let now = 1_700_000_000_000;
        assert_eq!(parse_time("now", now).unwrap(), now);
        assert_eq!(parse_time("1h", now).unwrap(), now - 3_600_000);
        assert_eq!(
            parse_time("2023-11-14T22:13:20Z", now).unwrap(),
            1_700_000_000_000
        );
        assert_eq!(format(1_700_000_000_000), "2023-11-14T22:13:20Z");
        assert!(parse_time("yesterday", now).is_err());
    }
}
