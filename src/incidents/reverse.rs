//! The reverse parser (bos-incidents `string_to_incident`): a unique string back to an
//! incident, as MINT and the proxy's "manufacture" replays do.
//!
//! Parts split on `__`: 0..4 the id, 5 the call, 6.. the arguments (create: season;
//! in_progress / finish: one time, reformatted to RFC 3339; result: home and away scores;
//! canceled: reason; dynamic_bmgs and unknown: none). The incident is validated, normalized
//! leniently (unmatched names keep their slug), and its unique string recomputed.
//! Unlike the Python code, missing argument parts leave the argument out instead of failing,
//! fractions of any length are accepted in times, and a result's one `home-away` part is
//! split into the two scores (the Python parser expects two parts and fails).

use serde_json::{json, Map, Value};

use crate::clock::Clock;

use super::error::Error;
use super::format::{unique_string, DELIMITER};
use super::incident::{Call, Incident};
use super::normalize::Normalizer;
use super::time::{parse_slug_date, to_string};
use super::validate::validate;

fn bad(s: &str, reason: impl Into<String>) -> Error {
    Error::BadString {
        field: "unique_string",
        value: s.to_string(),
        reason: reason.into(),
    }
}

/// Parses `s` into an incident. `provider` becomes `provider_info {name, pushed: now}`;
/// `timestamp` is now, read from `clock`.
pub fn string_to_incident(
    s: &str,
    provider: Option<&str>,
    normalizer: Option<&Normalizer>,
    clock: &Clock,
) -> Result<Incident, Error> {
    let parts: Vec<&str> = s.split(DELIMITER).collect();
    if parts.len() < 6 {
        return Err(bad(
            s,
            format!(
                "has {} part(s) separated by __; a unique string has at least 6 (time, sport, event group, home, away, call)",
                parts.len()
            ),
        ));
    }
    let start = parse_slug_date(parts[0])
        .ok_or_else(|| bad(s, format!("{:?} is not a start time", parts[0])))?;
    let call =
        Call::parse(parts[5]).ok_or_else(|| bad(s, format!("{:?} is not a call", parts[5])))?;
    let args = &parts[6..];
    let mut arguments = Map::new();
    let mut put = |key: &str, i: usize| {
        if let Some(v) = args.get(i) {
            arguments.insert(key.to_string(), Value::String((*v).to_string()));
        }
    };
    match call {
        Call::Create => put("season", 0),
        Call::Result => match args {
            // The unique string writes a result as one part, `home-away`.
            [one] => {
                if let Some((h, a)) = one.split_once('-') {
                    arguments.insert("home_score".into(), Value::String(h.into()));
                    arguments.insert("away_score".into(), Value::String(a.into()));
                }
            }
            _ => {
                put("home_score", 0);
                put("away_score", 1);
            }
        },
        Call::Canceled => put("reason", 0),
        Call::InProgress | Call::Finish => {
            let key = if call == Call::InProgress {
                "whistle_start_time"
            } else {
                "whistle_end_time"
            };
            if let Some(v) = args.first() {
                let t = parse_slug_date(v).ok_or_else(|| bad(s, format!("{v:?} is not a time")))?;
                arguments.insert(key.into(), Value::String(to_string(t)));
            }
        }
        Call::DynamicBmgs => {
            arguments.insert("types".into(), Value::Array(Vec::new()));
        }
        Call::Unknown => {}
    }
    let now = to_string(clock.now());
    let mut doc = json!({
        "id": {
            "start_time": to_string(start),
            "sport": parts[1],
            "event_group_name": parts[2],
            "home": parts[3],
            "away": parts[4],
        },
        "call": call.as_str(),
        "arguments": Value::Object(arguments),
        "timestamp": now,
    });
    if let Some(name) = provider {
        doc["provider_info"] = json!({"name": name, "pushed": now});
    }
    let mut inc = validate(doc)?;
    if let Some(n) = normalizer {
        n.normalize_lenient(&mut inc);
    }
    // Dynamic types cannot be read back from their slug (`ou-2355-` lost the point), so the
    // given string is kept instead of recomputed.
    let us = if call == Call::DynamicBmgs {
        s.to_string()
    } else {
        unique_string(&inc)?
    };
    inc.set_unique_string(us);
    Ok(inc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::time::parse_rfc3339;

    fn clock() -> Clock {
        Clock::Fixed(parse_rfc3339("2020-01-01T00:00:00Z").unwrap())
    }

    #[test]
    fn bos_incidents_round_trip() {
        let s = "2018-03-22t230000z__basketball__nba-regular-season__charlotte-hornets__memphis-grizzlies__in_progress__2018-03-22t231045718z";
        let i = string_to_incident(s, Some("my_provider"), None, &clock()).unwrap();
        assert_eq!(
            i.to_json(),
            serde_json::json!({
                "id": {"start_time": "2018-03-22T23:00:00Z", "sport": "basketball",
                       "event_group_name": "nba-regular-season", "home": "charlotte-hornets",
                       "away": "memphis-grizzlies"},
                "call": "in_progress",
                "arguments": {"whistle_start_time": "2018-03-22T23:10:45.718Z"},
                "timestamp": "2020-01-01T00:00:00Z",
                "provider_info": {"name": "my_provider", "pushed": "2020-01-01T00:00:00Z"},
                "unique_string": s,
            })
        );
    }

    #[test]
    fn every_call() {
        let id = "2019-01-25t010000z__basketball__nba__wizards__warriors";
        for (tail, args) in [
            ("create__2019", serde_json::json!({"season": "2019"})),
            (
                "result__118-126",
                serde_json::json!({"home_score": "118", "away_score": "126"}),
            ),
            (
                "result__118__126",
                serde_json::json!({"home_score": "118", "away_score": "126"}),
            ),
            ("canceled", serde_json::json!({})),
            (
                "canceled__weather",
                serde_json::json!({"reason": "weather"}),
            ),
            (
                "finish__2019-01-25t031730z",
                serde_json::json!({"whistle_end_time": "2019-01-25T03:17:30Z"}),
            ),
            ("dynamic_bmgs__ou-2355-", serde_json::json!({"types": []})),
        ] {
            let i = string_to_incident(&format!("{id}__{tail}"), None, None, &clock()).unwrap();
            assert_eq!(i.doc["arguments"], args, "{tail}");
        }
        assert!(string_to_incident("a__b", None, None, &clock()).is_err());
        assert!(string_to_incident(&format!("{id}__settle"), None, None, &clock()).is_err());
        assert!(string_to_incident("x__a__b__c__d__create", None, None, &clock()).is_err());
    }
}
