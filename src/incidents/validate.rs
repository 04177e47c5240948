//! Schema validation with the rules of bos-incidents' `incident-schema.json` (draft-04,
//! with the `date-time` format checked strictly): required keys, types, call values and
//! RFC 3339 times. Every failing path is reported, not just the first.

use serde_json::{Map, Value};

use super::error::{Error, SchemaProblem};
use super::incident::{Call, EventId, Incident};
use super::time::parse_rfc3339;

/// The largest incident accepted, in bytes of JSON (1 MiB).
pub const MAX_INCIDENT_BYTES: usize = 1 << 20;

/// Parses one incident from JSON text and validates it.
pub fn parse(text: &str) -> Result<Incident, Error> {
    if text.len() > MAX_INCIDENT_BYTES {
        return Err(Error::TooLarge {
            size: text.len(),
            limit: MAX_INCIDENT_BYTES,
        });
    }
    let v: Value = serde_json::from_str(text).map_err(|e| Error::NotJson {
        message: e.to_string(),
    })?;
    validate(v)
}

struct Problems(Vec<SchemaProblem>);

impl Problems {
    fn add(&mut self, path: &str, message: impl Into<String>) {
        self.0.push(SchemaProblem {
            path: path.to_string(),
            message: message.into(),
        });
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks an optional string (`null` allowed when `nullable`), with the date-time format
/// when `datetime`.
fn check_string(
    p: &mut Problems,
    m: &Map<String, Value>,
    key: &str,
    path: &str,
    nullable: bool,
    datetime: bool,
) {
    match m.get(key) {
        None => {}
        Some(Value::Null) if nullable => {}
        Some(Value::String(s)) if datetime && parse_rfc3339(s).is_none() => p.add(
            path,
            format!("{s:?} is not an RFC 3339 date-time with a zone, like 2019-01-25T01:00:00Z"),
        ),
        Some(Value::String(_)) => {}
        Some(other) => p.add(
            path,
            format!(
                "must be a string{}, not {}",
                if nullable { " or null" } else { "" },
                type_name(other)
            ),
        ),
    }
}

/// Checks a score as a result carries it: a whole non-negative number written in decimal
/// digits (`"2"`, `"101"`). Scores are compared and put on chain as the strings given, so
/// `"2-1"`, `"abc"`, `"-1"`, `"1.5"` or `" 2"` are refused rather than passed on.
pub fn check_score(s: &str) -> Result<(), String> {
    if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "{s:?} is not a score: a score is a whole number of points, like \"2\""
        ))
    }
}

/// Validates a parsed JSON value as an incident.
pub fn validate(v: Value) -> Result<Incident, Error> {
    let mut p = Problems(Vec::new());
    let Value::Object(doc) = v else {
        p.add(
            "(root)",
            format!("must be an object, not {}", type_name(&v)),
        );
        return Err(Error::Schema { problems: p.0 });
    };
    for key in ["id", "call", "arguments"] {
        if !doc.contains_key(key) {
            p.add(key, "required");
        }
    }
    let mut id = None;
    match doc.get("id") {
        None => {}
        Some(Value::Object(m)) => {
            for key in ["sport", "event_group_name", "start_time", "home", "away"] {
                if !m.contains_key(key) {
                    p.add(&format!("id.{key}"), "required");
                }
            }
            check_string(&mut p, m, "start_time", "id.start_time", true, true);
            let mut text = |key: &str| match m.get(key) {
                Some(Value::String(s)) => s.clone(),
                Some(other) => {
                    p.add(
                        &format!("id.{key}"),
                        format!("must be a string, not {}", type_name(other)),
                    );
                    String::new()
                }
                None => String::new(),
            };
            let (sport, event_group_name, home, away) = (
                text("sport"),
                text("event_group_name"),
                text("home"),
                text("away"),
            );
            if !home.is_empty() && home.trim().eq_ignore_ascii_case(away.trim()) {
                p.add("id.away", format!("{away:?} is the same team as id.home"));
            }
            id = Some(EventId {
                start_time: m
                    .get("start_time")
                    .and_then(Value::as_str)
                    .map(String::from),
                sport,
                event_group_name,
                home,
                away,
            });
        }
        Some(other) => p.add("id", format!("must be an object, not {}", type_name(other))),
    }
    let call = match doc.get("call") {
        None => None,
        Some(Value::String(s)) => {
            let c = Call::parse(s);
            if c.is_none() {
                let all: Vec<&str> = Call::ALL.iter().map(|c| c.as_str()).collect();
                p.add("call", format!("{s:?} is not one of {}", all.join(", ")));
            }
            c
        }
        Some(other) => {
            p.add(
                "call",
                format!("must be a string, not {}", type_name(other)),
            );
            None
        }
    };
    match doc.get("arguments") {
        None => {}
        Some(Value::Object(a)) => {
            for key in ["season", "home_score", "away_score", "reason"] {
                check_string(&mut p, a, key, &format!("arguments.{key}"), false, false);
            }
            for key in ["whistle_start_time", "whistle_end_time"] {
                check_string(&mut p, a, key, &format!("arguments.{key}"), true, true);
            }
            for key in ["home_score", "away_score"] {
                if let Some(Value::String(s)) = a.get(key) {
                    if let Err(e) = check_score(s) {
                        p.add(&format!("arguments.{key}"), e);
                    }
                }
            }
            match a.get("unsure") {
                None | Some(Value::Bool(_)) => {}
                Some(other) => p.add(
                    "arguments.unsure",
                    format!("must be a boolean, not {}", type_name(other)),
                ),
            }
            match a.get("bmgs") {
                None | Some(Value::Object(_)) => {}
                Some(other) => p.add(
                    "arguments.bmgs",
                    format!("must be an object, not {}", type_name(other)),
                ),
            }
        }
        Some(other) => p.add(
            "arguments",
            format!("must be an object, not {}", type_name(other)),
        ),
    }
    check_string(&mut p, &doc, "id_string", "id_string", false, false);
    check_string(&mut p, &doc, "unique_string", "unique_string", false, false);
    check_string(&mut p, &doc, "timestamp", "timestamp", false, true);
    if let Some(Value::Object(pi)) = doc.get("provider_info") {
        check_string(&mut p, pi, "name", "provider_info.name", false, false);
    }
    if !p.0.is_empty() {
        return Err(Error::Schema { problems: p.0 });
    }
    let (Some(id), Some(call)) = (id, call) else {
        // Unreachable: missing or invalid id/call were reported above.
        return Err(Error::Schema { problems: p.0 });
    };
    let s = |k: &str| doc.get(k).and_then(Value::as_str).map(String::from);
    Ok(Incident {
        id,
        call,
        unique_string: s("unique_string"),
        id_string: s("id_string"),
        provider: doc
            .get("provider_info")
            .and_then(|pi| pi.get("name"))
            .and_then(Value::as_str)
            .map(String::from),
        timestamp: s("timestamp"),
        doc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({"id": {"sport": "Basketball", "event_group_name": "NBA", "start_time": "2019-01-25T01:00:00Z",
                      "home": "WAS", "away": "GSW"},
               "call": "create", "arguments": {"season": "2019"}})
    }

    fn problems(v: Value) -> Vec<String> {
        match validate(v) {
            Err(Error::Schema { problems }) => problems.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected schema errors, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_incident() {
        let i = validate(base()).unwrap();
        assert_eq!(i.call, Call::Create);
        assert_eq!(i.id.home, "WAS");
    }

    #[test]
    fn every_failing_path_is_named() {
        let mut v = base();
        v["id"]["start_time"] = json!("2019-01-25 01:00:00");
        v["id"]["home"] = json!(7);
        v["call"] = json!("settle");
        v["arguments"]["unsure"] = json!("yes");
        v["timestamp"] = json!("2019-01-25T01:00:00");
        let p = problems(v);
        assert_eq!(p.len(), 5, "{p:?}");
        assert!(p[0].starts_with("id.start_time: \"2019-01-25 01:00:00\" is not an RFC 3339"));
        assert!(p[1].starts_with("id.home: must be a string, not a number"));
        assert!(p[2].starts_with("call: \"settle\" is not one of create, in_progress"));
        assert!(p[3].starts_with("arguments.unsure: must be a boolean"));
        assert!(p[4].starts_with("timestamp: "));
    }

    #[test]
    fn required_keys() {
        let p = problems(json!({"id": {"sport": "x"}}));
        assert!(p.contains(&"call: required".to_string()));
        assert!(p.contains(&"arguments: required".to_string()));
        assert!(p.contains(&"id.start_time: required".to_string()));
        assert_eq!(
            problems(json!([1]))[0],
            "(root): must be an object, not an array"
        );
    }

    #[test]
    fn scores_are_whole_numbers() {
        let mut v = base();
        v["call"] = json!("result");
        v["arguments"] = json!({"home_score": "2", "away_score": "101"});
        assert!(validate(v.clone()).is_ok());
        for bad in ["abc", "2-1", "-1", "1.5", " 2", "", "1e3"] {
            v["arguments"]["away_score"] = json!(bad);
            let p = problems(v.clone());
            assert_eq!(p.len(), 1, "{bad:?}: {p:?}");
            assert!(
                p[0].starts_with("arguments.away_score: ") && p[0].contains("whole number"),
                "{bad:?}: {p:?}"
            );
        }
        v["arguments"]["away_score"] = json!(3);
        assert!(problems(v)[0].contains("must be a string, not a number"));
    }

    #[test]
    fn home_equal_to_away_is_refused() {
        let mut v = base();
        v["id"]["away"] = json!("was ");
        let p = problems(v);
        assert_eq!(
            p,
            vec!["id.away: \"was \" is the same team as id.home".to_string()]
        );
    }

    #[test]
    fn null_start_time_passes_the_schema() {
        let mut v = base();
        v["id"]["start_time"] = json!(null);
        assert_eq!(validate(v).unwrap().id.start_time, None);
    }

    #[test]
    fn non_json_and_too_large() {
        assert!(matches!(parse("{nope"), Err(Error::NotJson { .. })));
        let big = format!("\"{}\"", "x".repeat(MAX_INCIDENT_BYTES));
        assert!(matches!(parse(&big), Err(Error::TooLarge { .. })));
    }
}
