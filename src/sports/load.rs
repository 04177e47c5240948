//! Loading and validating a bookiesports chain folder (bookiesports `__init__.py` + `schema/*.yaml`).
//!
//! Every file is read and checked; all problems are collected with their file and key, so one
//! run of `bos sports check` lists everything to fix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_norway::Value;

use super::error::{Error, Problem};
use super::model::*;

/// Second elements of `asset` that bookiesports accepts.
pub const ASSETS: &[&str] = &["PPY", "BTC", "BTCTEST", "BTF", "BTFUN", "TEST"];

/// Loads and validates a chain folder. Fails with every problem found.
pub fn load(dir: &Path) -> Result<Chain, Error> {
    let index = dir.join("index.yaml");
    if !dir.is_dir() {
        return Err(Error::NotAChain {
            path: dir.to_path_buf(),
            reason: "no such folder".into(),
        });
    }
    if !index.is_file() {
        return Err(Error::NotAChain {
            path: dir.to_path_buf(),
            reason: "no index.yaml with a chain_id".into(),
        });
    }
    let mut cx = Cx::default();
    let chain_id = cx
        .read(&index)
        .and_then(|v| cx.string(&index, &v, "chain_id", true))
        .unwrap_or_default();
    let mut sports = Vec::new();
    for folder in subdirs(dir)? {
        if let Some(s) = load_sport(&mut cx, &dir.join(&folder), &folder)? {
            sports.push(s);
        }
    }
    if sports.is_empty() && cx.problems.is_empty() {
        cx.problem(&index, "", "the chain folder has no sport folders");
    }
    if !cx.problems.is_empty() {
        return Err(Error::Invalid {
            dir: dir.to_path_buf(),
            problems: cx.problems,
        });
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Chain {
        name,
        dir: dir.to_path_buf(),
        chain_id,
        sports,
    })
}

fn load_sport(cx: &mut Cx, dir: &Path, folder: &str) -> Result<Option<Sport>, Error> {
    let index = dir.join("index.yaml");
    if !index.is_file() {
        cx.problem(dir, "", "sport folder without index.yaml");
        return Ok(None);
    }
    let Some(v) = cx.read(&index) else {
        return Ok(None);
    };
    let identifier = cx
        .string(&index, &v, "identifier", true)
        .unwrap_or_default();
    if !identifier.is_empty() && identifier != folder {
        cx.problem(
            &index,
            "identifier",
            &format!("{identifier:?} differs from the folder name {folder:?}"),
        );
    }
    let name = cx.names(&index, &v, "name", true);
    let aliases = cx.strings(&index, &v, "aliases", false);
    let id = cx.id(&index, &v);
    let eg_folders = cx.strings(&index, &v, "eventgroups", true);

    let bmgs = load_files(cx, &dir.join("bettingmarketgroups"), load_bmg)?;
    let rules = load_files(cx, &dir.join("rules"), load_rule)?;
    let participants = load_files(cx, &dir.join("participants"), load_participants)?;

    let mut event_groups = Vec::new();
    for (i, egf) in eg_folders.iter().enumerate() {
        let egdir = dir.join(egf);
        let egindex = egdir.join("index.yaml");
        if !egindex.is_file() {
            cx.problem(
                &index,
                &format!("eventgroups[{i}]"),
                &format!("no event group folder {egf:?} with an index.yaml"),
            );
            continue;
        }
        if let Some(eg) = load_event_group(cx, &egindex, egf) {
            for (j, b) in eg.bmgs.iter().enumerate() {
                if !bmgs.contains_key(b) {
                    cx.problem(
                        &egindex,
                        &format!("bettingmarketgroups[{j}]"),
                        &format!("no betting market group file bettingmarketgroups/{b}.yaml"),
                    );
                }
            }
            if !eg.participants.is_empty() && !participants.contains_key(&eg.participants) {
                cx.problem(
                    &egindex,
                    "participants",
                    &format!("no participants file participants/{}.yaml", eg.participants),
                );
            }
            event_groups.push(eg);
        }
    }
    for (stem, b) in &bmgs {
        if !b.rules.is_empty() && !rules.contains_key(&b.rules) {
            cx.problem(
                &dir.join("bettingmarketgroups").join(format!("{stem}.yaml")),
                "rules",
                &format!("no rule file rules/{}.yaml", b.rules),
            );
        }
    }
    Ok(Some(Sport {
        folder: folder.to_string(),
        identifier,
        name,
        aliases,
        id,
        event_groups,
        bmgs,
        rules,
        participants,
    }))
}

fn load_event_group(cx: &mut Cx, file: &Path, folder: &str) -> Option<EventGroup> {
    let v = cx.read(file)?;
    let identifier = cx.string(file, &v, "identifier", true).unwrap_or_default();
    let name = cx.names(file, &v, "name", true);
    let aliases = cx.strings(file, &v, "aliases", false);
    let id = cx.id(file, &v);
    let participants = cx
        .string(file, &v, "participants", true)
        .unwrap_or_default();
    let bmgs = cx.strings(file, &v, "bettingmarketgroups", true);
    let eventscheme = match v.get("eventscheme") {
        None | Some(Value::Null) => {
            cx.problem(file, "eventscheme", "required");
            Vec::new()
        }
        Some(es) => cx.names(file, es, "name", true),
    };
    let leadtime_max = match v.get("leadtime_Max") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => {
            cx.problem(file, "leadtime_Max", "must be a number of days");
            None
        }
    };
    let start_date = cx.date(file, &v, "start_date");
    let finish_date = cx.date(file, &v, "finish_date");
    if let (Some(s), Some(f)) = (start_date, finish_date) {
        if s > f {
            cx.problem(file, "finish_date", "is before start_date");
        }
    }
    Some(EventGroup {
        folder: folder.to_string(),
        identifier,
        name,
        aliases,
        id,
        participants,
        bmgs,
        eventscheme,
        leadtime_max,
        start_date,
        finish_date,
    })
}

fn load_bmg(cx: &mut Cx, file: &Path, stem: &str, v: &Value) -> Option<Bmg> {
    let description = cx.names(file, v, "description", true);
    let asset = match v.get("asset") {
        Some(Value::Sequence(items)) => {
            let asset: Vec<String> = items
                .iter()
                .map(|i| scalar(i).unwrap_or_default())
                .collect();
            match asset.get(1) {
                Some(a) if ASSETS.contains(&a.as_str()) => {}
                _ => cx.problem(
                    file,
                    "asset",
                    &format!("the second element must be one of {}", ASSETS.join(", ")),
                ),
            }
            asset
        }
        None | Some(Value::Null) => {
            cx.problem(file, "asset", "required");
            Vec::new()
        }
        Some(_) => {
            cx.problem(file, "asset", "must be a list like [TEST, BTF]");
            Vec::new()
        }
    };
    let dynamic = match v.get("dynamic") {
        None | Some(Value::Null) => {
            cx.problem(file, "dynamic", "required");
            Dynamic::No
        }
        Some(d) => match (yaml_bool(d), d.as_str()) {
            (Some(false), _) => Dynamic::No,
            (Some(true), _) => Dynamic::Inert,
            (None, Some("hc")) => Dynamic::Handicap,
            (None, Some("ou")) => Dynamic::OverUnder,
            _ => {
                cx.problem(file, "dynamic", "must be false, true, hc or ou");
                Dynamic::No
            }
        },
    };
    let number_betting_markets = match v.get("number_betting_markets") {
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        None | Some(Value::Null) => {
            cx.problem(file, "number_betting_markets", "required");
            0
        }
        Some(_) => {
            cx.problem(file, "number_betting_markets", "must be a whole number");
            0
        }
    };
    let is_live = cx.boolean(file, v, "is_live", true).unwrap_or(false);
    let rules = cx.string(file, v, "rules", true).unwrap_or_default();
    let mut bettingmarkets = Vec::new();
    match v.get("bettingmarkets") {
        Some(Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                let before = cx.problems.len();
                let d = cx.names(file, item, "description", true);
                if cx.problems.len() > before {
                    for p in &mut cx.problems[before..] {
                        p.key = format!("bettingmarkets[{i}].{}", p.key);
                    }
                }
                bettingmarkets.push(d);
            }
        }
        None | Some(Value::Null) => cx.problem(file, "bettingmarkets", "required"),
        Some(_) => cx.problem(file, "bettingmarkets", "must be a list"),
    }
    let dynamic_allow_float = cx.boolean(file, v, "dynamic_allow_float", false);
    Some(Bmg {
        stem: stem.to_string(),
        description,
        asset,
        dynamic,
        number_betting_markets,
        is_live,
        rules,
        bettingmarkets,
        dynamic_allow_float,
    })
}

fn load_rule(cx: &mut Cx, file: &Path, stem: &str, v: &Value) -> Option<Rule> {
    let identifier = cx.string(file, v, "identifier", true).unwrap_or_default();
    let id = cx.id(file, v);
    let name = cx.names(file, v, "name", true);
    let description = cx.names(file, v, "description", true);
    let mut metric = String::new();
    let mut resolutions = Vec::new();
    match v.get("grading") {
        Some(g @ Value::Mapping(_)) => {
            match g.get("metric").and_then(scalar) {
                Some(m) => metric = m,
                None => cx.problem(file, "grading.metric", "required"),
            }
            match g.get("resolutions") {
                Some(Value::Sequence(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::Mapping(m) => resolutions.push(
                                m.iter()
                                    .map(|(k, v)| {
                                        (
                                            scalar(k).unwrap_or_default(),
                                            scalar(v).unwrap_or_default(),
                                        )
                                    })
                                    .collect(),
                            ),
                            _ => cx.problem(
                                file,
                                &format!("grading.resolutions[{i}]"),
                                "must be a mapping of outcome to formula",
                            ),
                        }
                    }
                }
                _ => cx.problem(file, "grading.resolutions", "required list"),
            }
        }
        _ => cx.problem(
            file,
            "grading",
            "required mapping with metric and resolutions",
        ),
    }
    Some(Rule {
        stem: stem.to_string(),
        identifier,
        id,
        name,
        description,
        metric,
        resolutions,
    })
}

fn load_participants(cx: &mut Cx, file: &Path, _stem: &str, v: &Value) -> Option<Vec<Participant>> {
    let Some(Value::Sequence(items)) = v.get("participants") else {
        cx.problem(file, "participants", "required list");
        return None;
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let before = cx.problems.len();
        let identifier = cx.string(file, item, "identifier", false);
        let name = cx.names(file, item, "name", identifier.is_none());
        let aliases = cx.strings(file, item, "aliases", false);
        for p in &mut cx.problems[before..] {
            p.key = format!("participants[{i}].{}", p.key);
        }
        out.push(Participant {
            identifier,
            name,
            aliases,
        });
    }
    Some(out)
}

type FileLoader<T> = fn(&mut Cx, &Path, &str, &Value) -> Option<T>;

/// Loads every `*.yaml` in `dir` (a missing folder is empty), keyed by file stem.
fn load_files<T>(cx: &mut Cx, dir: &Path, f: FileLoader<T>) -> Result<BTreeMap<String, T>, Error> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut files: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && p.is_file())
        .collect();
    files.sort();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(v) = cx.read(&file) {
            if let Some(t) = f(cx, &file, &stem, &v) {
                out.insert(stem, t);
            }
        }
    }
    Ok(out)
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        out.push(entry.map_err(io)?.path());
    }
    Ok(out)
}

/// Sub-folder names, sorted, without hidden ones.
fn subdirs(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = read_dir(dir)?
        .into_iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.starts_with('.'))
        .collect();
    out.sort();
    Ok(out)
}

/// A YAML scalar as a string (numbers and booleans are written out as YAML would).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A YAML 1.1 boolean (`true`, `False`, `Yes`, `no`, `on`, `off`), as PyYAML reads it.
fn yaml_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A date as YAML or PyYAML would read it: RFC 3339, `YYYY-MM-DD[ HH:MM:SS]`; naive is UTC.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%:z") {
        return Some(t.with_timezone(&Utc));
    }
    None
}

/// Collects problems while reading.
#[derive(Default)]
struct Cx {
    problems: Vec<Problem>,
}

impl Cx {
    fn problem(&mut self, file: &Path, key: &str, message: &str) {
        self.problems.push(Problem {
            file: file.to_path_buf(),
            key: key.to_string(),
            message: message.to_string(),
        });
    }

    fn read(&mut self, file: &Path) -> Option<Value> {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                self.problem(file, "", &e.to_string());
                return None;
            }
        };
        match super::yaml::parse::<Value>(&text) {
            Ok(v @ Value::Mapping(_)) => Some(v),
            Ok(_) => {
                self.problem(file, "", "not a YAML mapping");
                None
            }
            Err(e) => {
                self.problem(file, "", &format!("not valid YAML: {e}"));
                None
            }
        }
    }

    fn string(&mut self, file: &Path, v: &Value, key: &str, required: bool) -> Option<String> {
        match v.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.problem(file, key, "required");
                }
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.problem(file, key, "must be a string");
                None
            }
        }
    }

    fn strings(&mut self, file: &Path, v: &Value, key: &str, required: bool) -> Vec<String> {
        match v.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.problem(file, key, "required");
                }
                Vec::new()
            }
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => self.problem(file, &format!("{key}[{i}]"), "must be a string"),
                    }
                }
                out
            }
            Some(_) => {
                self.problem(file, key, "must be a list of strings");
                Vec::new()
            }
        }
    }

    /// A mapping of language to text; `en` is required when the mapping is.
    fn names(&mut self, file: &Path, v: &Value, key: &str, required: bool) -> Names {
        match v.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.problem(file, key, "required");
                }
                Vec::new()
            }
            Some(Value::Mapping(m)) => {
                let mut out = Vec::new();
                for (k, val) in m {
                    let lang = scalar(k).unwrap_or_default();
                    match scalar(val) {
                        Some(s) => out.push((lang, s)),
                        None => self.problem(file, &format!("{key}.{lang}"), "must be a string"),
                    }
                }
                if required && !out.iter().any(|(l, _)| l == "en") {
                    self.problem(file, &format!("{key}.en"), "required");
                }
                out
            }
            Some(_) => {
                self.problem(file, key, "must be a mapping of language to text");
                Vec::new()
            }
        }
    }

    fn boolean(&mut self, file: &Path, v: &Value, key: &str, required: bool) -> Option<bool> {
        match v.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.problem(file, key, "required");
                }
                None
            }
            Some(b) => {
                let r = yaml_bool(b);
                if r.is_none() {
                    self.problem(file, key, "must be a boolean");
                }
                r
            }
        }
    }

    /// `id`: present (may be empty), matching `^\d*\.\d*\.\d*$`.
    fn id(&mut self, file: &Path, v: &Value) -> Option<String> {
        let Some(Value::Mapping(m)) = Some(v) else {
            return None;
        };
        if !m.contains_key("id") {
            self.problem(file, "id", "required (may be empty)");
            return None;
        }
        match v.get("id") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::String(s)) if is_object_id(s) => Some(s.clone()),
            Some(other) => {
                let shown = scalar(other).unwrap_or_else(|| "a non-string".into());
                self.problem(
                    file,
                    "id",
                    &format!("{shown:?} is not an object id like 1.20.3"),
                );
                None
            }
        }
    }

    fn date(&mut self, file: &Path, v: &Value, key: &str) -> Option<DateTime<Utc>> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                let d = parse_date(s);
                if d.is_none() {
                    self.problem(file, key, &format!("{s:?} is not a date"));
                }
                d
            }
            Some(_) => {
                self.problem(file, key, "must be a date like 2020-01-01T00:00:00Z");
                None
            }
        }
    }
}

/// `^\d*\.\d*\.\d*$`
fn is_object_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids() {
        assert!(is_object_id("1.20.3"));
        assert!(is_object_id(".."));
        assert!(!is_object_id("1.20"));
        assert!(!is_object_id("1.2a.3"));
    }

    #[test]
    fn dates() {
        let t = parse_date("2020-01-01T00:00:00Z").unwrap();
        assert_eq!(parse_date("2020-01-01"), Some(t));
        assert_eq!(parse_date("2020-01-01 00:00:00"), Some(t));
        assert!(parse_date("soon").is_none());
    }

    #[test]
    fn yaml_1_1_booleans() {
        assert_eq!(yaml_bool(&Value::String("Yes".into())), Some(true));
        assert_eq!(yaml_bool(&Value::String("False".into())), Some(false));
        assert_eq!(yaml_bool(&Value::String("hc".into())), None);
    }
}
