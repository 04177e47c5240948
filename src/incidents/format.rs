//! `id_string` and `unique_string`, byte-identical to bos-incidents' `format.py`.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::error::Error;
use super::incident::{Call, EventId, Incident};

/// The delimiter between the parts of id and unique strings.
pub const DELIMITER: &str = "__";

/// Python's `str.isspace()` for ASCII (the only characters left after dropping non-ASCII).
fn is_py_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c' | '\x1d' | '\x1e' | '\x1f'
    )
}

/// bos-incidents' `slugify`: NFKD and drop non-ASCII; delete every character that is not a
/// word character, whitespace or `-`; trim; lowercase; each whitespace run becomes `-`.
pub fn slugify(s: &str) -> String {
    let keep = |c: &char| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || is_py_space(*c);
    // NFKD leaves ASCII as it is: most strings skip the decomposition.
    let kept: String = if s.is_ascii() {
        s.chars().filter(keep).collect()
    } else {
        s.nfkd().filter(|c| c.is_ascii()).filter(keep).collect()
    };
    let trimmed = kept.trim_matches(is_py_space);
    let mut out = String::with_capacity(trimmed.len());
    let mut in_space = false;
    for c in trimmed.chars() {
        if is_py_space(c) {
            if !in_space {
                out.push('-');
            }
            in_space = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_space = false;
        }
    }
    out
}

/// `start_time__sport__event_group_name__home__away`, before slugifying.
pub fn reconstruct(id: &EventId) -> Result<String, Error> {
    let start = id.start_time.as_deref().ok_or_else(|| Error::BadString {
        field: "id.start_time",
        value: "null".into(),
        reason: "an id string needs a start time".into(),
    })?;
    Ok([start, &id.sport, &id.event_group_name, &id.home, &id.away].join(DELIMITER))
}

/// The slugified id string of an event.
pub fn id_string(id: &EventId) -> Result<String, Error> {
    Ok(slugify(&reconstruct(id)?))
}

/// The unique string of an incident: id + call + serialized arguments, slugified.
pub fn unique_string(inc: &Incident) -> Result<String, Error> {
    let mut s = reconstruct(&inc.id)?;
    s.push_str(DELIMITER);
    s.push_str(inc.call.as_str());
    let args = serialize_arguments(inc.call, inc.arguments())?;
    if !args.is_empty() {
        s.push_str(DELIMITER);
        s.push_str(&args);
    }
    Ok(slugify(&s))
}

fn arg_str<'a>(
    args: &'a serde_json::Map<String, Value>,
    key: &'static str,
) -> Result<&'a str, Error> {
    args.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::BadString {
            field: "unique_string",
            value: String::new(),
            reason: format!("arguments.{key} must be a string to build the unique string"),
        })
}

/// The argument part of a unique string (before slugifying).
pub fn serialize_arguments(
    call: Call,
    args: &serde_json::Map<String, Value>,
) -> Result<String, Error> {
    match call {
        Call::Result => Ok(format!(
            "{}-{}",
            arg_str(args, "home_score")?,
            arg_str(args, "away_score")?
        )),
        Call::DynamicBmgs => {
            let bad = |reason: &str| Error::BadString {
                field: "unique_string",
                value: String::new(),
                reason: format!("arguments.types: {reason}"),
            };
            let Some(Value::Array(types)) = args.get("types") else {
                return Err(bad("must be a list of {type, value, participant?}"));
            };
            let mut parts = Vec::with_capacity(types.len());
            for (i, t) in types.iter().enumerate() {
                let field = |k: &str| t.get(k).and_then(Value::as_str);
                let (Some(ty), Some(value)) = (field("type"), field("value")) else {
                    return Err(bad(&format!("[{i}] needs string type and value")));
                };
                let participant = match t.get("participant") {
                    None => "",
                    Some(Value::String(p)) => p.as_str(),
                    Some(_) => return Err(bad(&format!("[{i}].participant must be a string"))),
                };
                parts.push((format!("{ty}{value}{participant}"), ty, value, participant));
            }
            parts.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(parts
                .iter()
                .map(|(_, t, v, p)| format!("{t}-{v}-{p}"))
                .collect::<Vec<_>>()
                .join("-"))
        }
        _ => Ok(args
            .values()
            .map(py_str)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")),
    }
}

/// Python's `str()` of a JSON value as `json.loads` would have made it.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => {
            if n.is_f64() {
                n.as_f64().map(py_float).unwrap_or_default()
            } else {
                n.to_string()
            }
        }
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, `.0` for whole numbers, exponent form
/// outside `1e-4 <= |x| < 1e16`.
fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let a = f.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let s = format!("{f:e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let (sign, digits) = match exp.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', exp),
        };
        return format!("{mant}e{sign}{digits:0>2}");
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// BOS-204 rounding of the minute digit in a string: at `index`, `1`-`4` become `0` and
/// `6`-`9` become `5`. Fails when that character is not a digit.
pub fn round_minute_digit(field: &'static str, s: &str, index: usize) -> Result<String, Error> {
    let b = s.as_bytes();
    match b.get(index) {
        Some(d @ b'0'..=b'9') => {
            let r = if *d < b'5' { b'0' } else { b'5' };
            let mut out = b.to_vec();
            out[index] = r;
            // Only an ASCII digit was replaced by an ASCII digit.
            String::from_utf8(out).map_err(|_| Error::BadString {
                field,
                value: s.into(),
                reason: "not UTF-8".into(),
            })
        }
        _ => Err(Error::BadString {
            field,
            value: s.to_string(),
            reason: format!("character {index} is not the minute digit of a start time"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn slugify_rules() {
        assert_eq!(slugify("2021-11-02T23:30:00Z"), "2021-11-02t233000z");
        assert_eq!(slugify("NBA Regular Season"), "nba-regular-season");
        assert_eq!(slugify("  A.B/C,D & E  "), "abcd-e");
        assert_eq!(slugify("under_score__x"), "under_score__x");
        assert_eq!(slugify("Atlético  Madrid"), "atletico-madrid");
        assert_eq!(slugify("Köln\t\n1.FC"), "koln-1fc");
        assert_eq!(slugify("2018/2019"), "20182019");
        assert_eq!(slugify("日本"), "");
        assert_eq!(slugify("a\x1fb"), "a-b");
    }

    #[test]
    fn python_str_of_values() {
        assert_eq!(py_str(&json!(true)), "True");
        assert_eq!(py_str(&json!(null)), "None");
        assert_eq!(py_str(&json!(2.0)), "2.0");
        assert_eq!(py_str(&json!(1e20)), "1e+20");
        assert_eq!(py_str(&json!(0.00001)), "1e-05");
        assert_eq!(py_str(&json!(3)), "3");
        assert_eq!(py_str(&json!(["a", 1])), "['a', 1]");
        assert_eq!(py_str(&json!({"k": "it's"})), "{'k': \"it's\"}");
    }

    #[test]
    fn minute_digit_rounding() {
        let r = |s: &str, i| round_minute_digit("x", s, i).unwrap();
        assert_eq!(r("2019-01-25T01:03:00Z", 15), "2019-01-25T01:00:00Z");
        assert_eq!(r("2019-01-25T01:04:59Z", 15), "2019-01-25T01:00:59Z");
        assert_eq!(r("2019-01-25T01:05:00Z", 15), "2019-01-25T01:05:00Z");
        assert_eq!(r("2019-01-25T01:59:00Z", 15), "2019-01-25T01:55:00Z");
        assert_eq!(r("2019-01-25T01:10:00Z", 15), "2019-01-25T01:10:00Z");
        assert_eq!(r("2019-01-25t010700z__x", 14), "2019-01-25t010500z__x");
        assert!(round_minute_digit("x", "2019-01-25", 14).is_err());
        assert!(round_minute_digit("x", "unknown-start-time", 14).is_err());
    }
}
