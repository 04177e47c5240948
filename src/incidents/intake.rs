//! The intake pipeline for one incident: validate -> normalize -> round -> id and unique strings.

use chrono::{Duration, Timelike};
use serde_json::Value;

use super::error::Error;
use super::format::{id_string, round_minute_digit, unique_string};
use super::incident::{IdField, Incident};
use super::normalize::Normalizer;
use super::time::{parse_rfc3339, to_string};
use super::validate;

/// Index of the minute-units digit in `id.start_time` (`2019-01-25T01:0[0]:00Z`).
pub const START_TIME_MINUTE_DIGIT: usize = 15;
/// Index of the minute-units digit in id and unique strings (`2019-01-25t010[0]00z`).
pub const STRING_MINUTE_DIGIT: usize = 14;

/// Validates and normalizes incidents against one chain's sports.
pub struct Intake {
    normalizer: Normalizer,
}

impl Intake {
    pub fn new(normalizer: Normalizer) -> Intake {
        Intake { normalizer }
    }

    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Runs the whole pipeline on JSON text.
    pub fn process_text(&self, text: &str) -> Result<Incident, Error> {
        self.process(validate::parse(text)?)
    }

    /// Runs the whole pipeline on a parsed JSON value.
    pub fn process_value(&self, v: Value) -> Result<Incident, Error> {
        self.process(validate::validate(v)?)
    }

    /// Normalizes a schema-valid incident, then rounds and fills in its strings.
    pub fn process(&self, mut inc: Incident) -> Result<Incident, Error> {
        self.normalizer.normalize(&mut inc)?;
        finish(&mut inc)?;
        Ok(inc)
    }
}

/// What a person types for one incident (Couch Potato: `bos incident new`, the console).
#[derive(Debug, Clone, Default)]
pub struct ByHand {
    pub call: String,
    pub sport: String,
    pub event_group: String,
    pub home: String,
    pub away: String,
    pub start: chrono::DateTime<chrono::Utc>,
    /// `create`: the season.
    pub season: Option<String>,
    /// `result`: the scores, as typed.
    pub scores: Option<(String, String)>,
    pub provider: String,
}

impl Intake {
    /// The incident a person typed, validated and normalized (names from bookiesports
    /// only); `now` stamps it. The error says what is wrong, in words.
    pub fn by_hand(
        &self,
        h: &ByHand,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Incident, String> {
        let mut args = serde_json::Map::new();
        if let ("create", Some(s)) = (h.call.as_str(), &h.season) {
            args.insert("season".into(), Value::String(s.clone()));
        }
        if h.call == "result" {
            let (hs, aws) = h
                .scores
                .clone()
                .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
                .ok_or("a result needs both scores")?;
            args.insert("home_score".into(), Value::String(hs));
            args.insert("away_score".into(), Value::String(aws));
        }
        let stamp = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let raw = serde_json::json!({
            "id": {"sport": h.sport, "event_group_name": h.event_group,
                   "start_time": h.start.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                   "home": h.home, "away": h.away},
            "call": h.call,
            "arguments": Value::Object(args),
            "timestamp": stamp,
            "provider_info": {"name": h.provider, "pushed": stamp},
        });
        let inc = self
            .process_value(raw)
            .map_err(|e| format!("not a valid incident: {e}"))?;
        if inc.id.home == inc.id.away {
            return Err(format!("home and away are the same team ({})", inc.id.home));
        }
        Ok(inc)
    }
}

/// Rounds a start time down to its 5-minute boundary in the minute field, keeping seconds
/// (BOS-204: minute digit 1-4 -> 0, 6-9 -> 5).
pub fn round_start(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    let off = i64::from(t.minute() % 5);
    t - Duration::minutes(off)
}

/// After normalization: the start time in canonical UTC form and rounded; the unique and id
/// strings rounded when given (the proxy's values are trusted) or computed when missing.
pub fn finish(inc: &mut Incident) -> Result<(), Error> {
    let raw = inc
        .id
        .start_time
        .clone()
        .ok_or_else(|| Error::NotStorable("id.start_time is null".into()))?;
    let t = parse_rfc3339(&raw).ok_or_else(|| Error::BadString {
        field: "id.start_time",
        value: raw.clone(),
        reason: "not RFC 3339".into(),
    })?;
    inc.set_id(IdField::StartTime, to_string(round_start(t)));
    let us = match inc.unique_string.as_deref() {
        Some(given) => round_minute_digit("unique_string", given, STRING_MINUTE_DIGIT)?,
        None => unique_string(inc)?,
    };
    inc.set_unique_string(us);
    let ids = match inc.id_string.as_deref() {
        Some(given) => round_minute_digit("id_string", given, STRING_MINUTE_DIGIT)?,
        None => id_string(&inc.id)?,
    };
    inc.set_id_string(ids);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_seconds() {
        let r = |s| to_string(round_start(parse_rfc3339(s).unwrap()));
        assert_eq!(r("2019-01-25T01:03:00Z"), "2019-01-25T01:00:00Z");
        assert_eq!(r("2019-01-25T01:09:30Z"), "2019-01-25T01:05:30Z");
        assert_eq!(r("2019-01-25T01:05:00Z"), "2019-01-25T01:05:00Z");
        assert_eq!(r("2019-01-25T00:04:59.5Z"), "2019-01-25T00:00:59.5Z");
    }
}
