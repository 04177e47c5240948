//! The names and descriptions bos-sync writes to chain for sports, event groups
//! and rules (spec §5.1), and Python's `json.dumps(..., sort_keys=True)` that
//! puts a rule's grading into its description.
//!
//! Other witnesses find these objects by comparing these lists, so every byte
//! counts: the `identifier` entry, the stripped rule texts, the JSON separators
//! (`", "`, `": "`) and the `\uXXXX` escapes of `ensure_ascii`.

use serde_json::Value;

use crate::protocol::types::I18n;
use crate::sports::{EventGroup, Names, Rule, Sport};

/// `names` plus an `identifier` entry (which replaces one already in the map), as
/// an [`I18n`] (sorted by language, as python-peerplays encodes it).
fn with_identifier(names: &Names, identifier: &str) -> I18n {
    names
        .iter()
        .filter(|(k, _)| k != "identifier")
        .cloned()
        .chain(std::iter::once((
            "identifier".to_string(),
            identifier.to_string(),
        )))
        .collect()
}

/// A sport's chain name: the bookiesports `name` map plus `identifier`.
pub fn sport_name(s: &Sport) -> I18n {
    with_identifier(&s.name, &s.identifier)
}

/// An event group's chain name: the bookiesports `name` map plus `identifier`.
pub fn event_group_name(g: &EventGroup) -> I18n {
    with_identifier(&g.name, &g.identifier)
}

/// A rule's chain name: the `name` map plus `identifier`.
pub fn rule_name(r: &Rule) -> I18n {
    with_identifier(&r.name, &r.identifier)
}

/// The grading of a rule as bos-sync stores it: `json.dumps(grading, sort_keys=True)`.
pub fn grading_json(r: &Rule) -> String {
    let resolutions: Vec<Value> = r
        .resolutions
        .iter()
        .map(|m| {
            Value::Object(
                m.iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            )
        })
        .collect();
    let mut g = serde_json::Map::new();
    g.insert("metric".into(), Value::String(r.metric.clone()));
    g.insert("resolutions".into(), Value::Array(resolutions));
    py_json_dumps(&Value::Object(g))
}

/// A rule's chain description: the `description` map plus `grading`, each key
/// and value stripped of surrounding whitespace.
pub fn rule_description(r: &Rule) -> I18n {
    let grading = grading_json(r);
    r.description
        .iter()
        .filter(|(k, _)| k != "grading")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(std::iter::once(("grading", grading.as_str())))
        .map(|(k, v)| (py_strip(k).to_string(), py_strip(v).to_string()))
        .collect()
}

/// Python's `str.strip()` (whitespace as `str.isspace` knows it).
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Python's `json.dumps(v, sort_keys=True)` with the default separators and
/// `ensure_ascii=True`.
pub fn py_json_dumps(v: &Value) -> String {
    let mut out = String::new();
    dump(v, &mut out);
    out
}

fn dump(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => dump_str(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump_str(k, out);
                out.push_str(": ");
                dump(&o[k], out);
            }
            out.push('}');
        }
    }
}

fn dump_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> Rule {
        Rule {
            stem: "R_NBA_ML_1".into(),
            identifier: "R_NBA_ML_1".into(),
            id: None,
            name: vec![("en".into(), "R_NBA_ML_1".into())],
            description: vec![("en".into(), "  Who wins? “live”\n".into())],
            metric: "{result.awayteam} - {result.hometeam}".into(),
            resolutions: vec![vec![
                ("win".into(), "{metric} > 0".into()),
                ("not_win".into(), "{metric} < 0".into()),
                ("void".into(), "False".into()),
            ]],
        }
    }

    #[test]
    fn grading_is_python_sorted_json() {
        assert_eq!(
            grading_json(&rule()),
            r#"{"metric": "{result.awayteam} - {result.hometeam}", "resolutions": [{"not_win": "{metric} < 0", "void": "False", "win": "{metric} > 0"}]}"#
        );
    }

    #[test]
    fn rule_description_strips_and_adds_grading() {
        let d = rule_description(&rule());
        assert_eq!(
            d.get(&"en".to_string()).map(String::as_str),
            Some("Who wins? “live”")
        );
        assert!(d.get(&"grading".to_string()).is_some());
        let n = rule_name(&rule());
        assert_eq!(
            n.as_slice(),
            &[
                ("en".to_string(), "R_NBA_ML_1".to_string()),
                ("identifier".to_string(), "R_NBA_ML_1".to_string())
            ]
        );
    }

    #[test]
    fn ensure_ascii_escapes() {
        assert_eq!(
            py_json_dumps(&Value::String("“a”\u{1F600}\"\\\n".into())),
            r#""\u201ca\u201d\ud83d\ude00\"\\\n""#
        );
    }
}
