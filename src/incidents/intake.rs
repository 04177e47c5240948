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

    /// Normalizes a schema-valid incident, then rounds and fills in its strings (see
    /// [`finish`]; a client's `id_string` or `unique_string` may also be the one of the
    /// incident as it was sent, before normalization, as some generators compute them).
    pub fn process(&self, mut inc: Incident) -> Result<Incident, Error> {
        let sent = (inc.unique_string.is_some() || inc.id_string.is_some()).then(|| inc.clone());
        self.normalizer.normalize(&mut inc)?;
        finish_checked(&mut inc, sent.as_ref())?;
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
/// strings computed from the normalized incident, as bos-incidents defines them.
///
/// A client's own `id_string` or `unique_string` is never trusted: the strings group
/// incidents into event calls and make them unique per provider, so a client that could
/// choose them could count its incident towards another event's provider threshold, or
/// vote twice for one result. A given string (rounded like the start time, BOS-204) that
/// differs from the computed one is refused with [`Error::StringMismatch`].
pub fn finish(inc: &mut Incident) -> Result<(), Error> {
    finish_checked(inc, None)
}

/// [`finish`], also accepting given strings that match the incident as it was `sent`
/// (before normalization).
fn finish_checked(inc: &mut Incident, sent: Option<&Incident>) -> Result<(), Error> {
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
    let us = unique_string(inc)?;
    let ids = id_string(&inc.id)?;
    if let Some(given) = inc.unique_string.as_deref() {
        let alt = sent.and_then(|s| unique_string(s).ok());
        check_given("unique_string", given, &us, alt.as_deref())?;
    }
    if let Some(given) = inc.id_string.as_deref() {
        let alt = sent.and_then(|s| id_string(&s.id).ok());
        check_given("id_string", given, &ids, alt.as_deref())?;
    }
    inc.set_unique_string(us);
    inc.set_id_string(ids);
    Ok(())
}

/// Accepts a client's string when, rounded like the start time, it equals the computed
/// one (or `alt`, the one of the incident as sent, rounded too).
fn check_given(
    field: &'static str,
    given: &str,
    computed: &str,
    alt: Option<&str>,
) -> Result<(), Error> {
    let rounded = |s: &str| round_minute_digit(field, s, STRING_MINUTE_DIGIT);
    let given_r = rounded(given).ok();
    if given_r.as_deref() == Some(computed) {
        return Ok(());
    }
    if let (Some(g), Some(a)) = (&given_r, alt.and_then(|a| rounded(a).ok())) {
        if *g == a {
            return Ok(());
        }
    }
    Err(Error::StringMismatch {
        field,
        given: given.to_string(),
        computed: computed.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn examples() -> Intake {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports");
        Intake::new(Normalizer::new(crate::sports::load(&dir).unwrap()))
    }

    fn result(home: &str, away: &str, extra: Value) -> Value {
        let mut v = json!({"id": {"sport": "Basketball", "event_group_name": "NBA",
                "start_time": "2019-01-10T00:33:00Z", "home": home, "away": away},
            "call": "result", "arguments": {"home_score": "100", "away_score": "90"},
            "provider_info": {"name": "p1"}});
        if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
            m.extend(e);
        }
        v
    }

    const ATL_BOS: &str =
        "2019-01-10t003000z__basketball__nba-regular-season__atlanta-hawks__boston-celtics";
    const GSW_WAS: &str = "2019-01-10t003000z__basketball__nba-regular-season__golden-state-warriors__washington-wizards";

    #[test]
    fn strings_are_computed_and_a_copied_id_string_is_refused() {
        let intake = examples();
        let i = intake
            .process_value(result("ATL", "boston celtics", json!({})))
            .unwrap();
        assert_eq!(i.id_string.as_deref(), Some(ATL_BOS));
        assert_eq!(
            i.unique_string.as_deref(),
            Some(format!("{ATL_BOS}__result__100-90").as_str())
        );
        // Another event's id string: refused, with both strings in the reason.
        let e = intake
            .process_value(result("ATL", "BOS", json!({"id_string": GSW_WAS})))
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::StringMismatch {
                    field: "id_string",
                    ..
                }
            ),
            "{e}"
        );
        let msg = e.to_string();
        assert!(msg.contains(GSW_WAS) && msg.contains(ATL_BOS), "{msg}");
        // A unique string of another result (a second vote under a new name): refused.
        let e = intake
            .process_value(result(
                "ATL",
                "BOS",
                json!({"unique_string": format!("{ATL_BOS}__result__90-100")}),
            ))
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::StringMismatch {
                    field: "unique_string",
                    ..
                }
            ),
            "{e}"
        );
        // Any other unique string, even one the event never had.
        for bad in [
            format!("{ATL_BOS}__result__100-90-x"),
            "2019-01-10t003000z-anything".into(),
        ] {
            let e = intake
                .process_value(result("ATL", "BOS", json!({"unique_string": bad})))
                .unwrap_err();
            assert!(matches!(e, Error::StringMismatch { .. }), "{e}");
        }
    }

    #[test]
    fn a_matching_client_string_is_accepted_and_replaced_by_the_computed_one() {
        let intake = examples();
        // The proxy's own strings, computed after its normalization before the
        // start-time rounding (minute 3 rounds to 0).
        let given =
            "2019-01-10t003300z__basketball__nba-regular-season__atlanta-hawks__boston-celtics";
        let i = intake
            .process_value(result(
                "ATL",
                "BOS",
                json!({"id_string": given, "unique_string": format!("{given}__result__100-90")}),
            ))
            .unwrap();
        assert_eq!(i.id_string.as_deref(), Some(ATL_BOS));
        assert_eq!(i.doc["id_string"], ATL_BOS);
        // Computed from the incident as sent (aliases, before normalization): accepted,
        // and the stored strings are the normalized ones.
        let raw = "2019-01-10t003300z__basketball__nba__atl__boston-celtics__result__100-90";
        let i = intake
            .process_value(result(
                "ATL",
                "boston celtics",
                json!({"unique_string": raw}),
            ))
            .unwrap();
        assert_eq!(
            i.unique_string.as_deref(),
            Some(format!("{ATL_BOS}__result__100-90").as_str())
        );
    }

    #[test]
    fn rounding_keeps_seconds() {
        let r = |s| to_string(round_start(parse_rfc3339(s).unwrap()));
        assert_eq!(r("2019-01-25T01:03:00Z"), "2019-01-25T01:00:00Z");
        assert_eq!(r("2019-01-25T01:09:30Z"), "2019-01-25T01:05:30Z");
        assert_eq!(r("2019-01-25T01:05:00Z"), "2019-01-25T01:05:00Z");
        assert_eq!(r("2019-01-25T00:04:59.5Z"), "2019-01-25T00:00:59.5Z");
    }
}
