//! The loaded bookiesports data: a chain's sports, event groups, BMGs, rules and participants.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};

/// Localized strings in file order (`en: ...`, `sen: ...`).
pub type Names = Vec<(String, String)>;

/// The value of `lang` in `names`.
pub fn lang<'a>(names: &'a Names, lang: &str) -> Option<&'a str> {
    names
        .iter()
        .find(|(l, _)| l == lang)
        .map(|(_, v)| v.as_str())
}

/// A bookiesports chain folder (`bookiesports/<chain>/`).
#[derive(Debug, Clone)]
pub struct Chain {
    /// The folder name (`beatrice`), used in "not normalizable" keys.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// `chain_id` from `index.yaml` (hex, or `*` for any chain).
    pub chain_id: String,
    /// Sports in folder-name order.
    pub sports: Vec<Sport>,
}

/// A sport and everything below it.
#[derive(Debug, Clone)]
pub struct Sport {
    /// The folder name (equal to `identifier` in valid data).
    pub folder: String,
    pub identifier: String,
    pub name: Names,
    pub aliases: Vec<String>,
    /// The blockchain id (`1.20.x`), if known.
    pub id: Option<String>,
    /// The event groups listed in the sport's index, in that order.
    pub event_groups: Vec<EventGroup>,
    /// Betting market groups by file stem.
    pub bmgs: BTreeMap<String, Bmg>,
    /// Rules by file stem.
    pub rules: BTreeMap<String, Rule>,
    /// Participant lists by file stem.
    pub participants: BTreeMap<String, Vec<Participant>>,
}

/// An event group (league, season).
#[derive(Debug, Clone)]
pub struct EventGroup {
    /// The folder name (`NBA#RegSeas`).
    pub folder: String,
    pub identifier: String,
    pub name: Names,
    pub aliases: Vec<String>,
    pub id: Option<String>,
    /// The stem of the participants file.
    pub participants: String,
    /// Stems of the BMG files, in order.
    pub bmgs: Vec<String>,
    /// `eventscheme.name`: event name templates by language.
    pub eventscheme: Names,
    /// `leadtime_Max`, in days.
    pub leadtime_max: Option<f64>,
    pub start_date: Option<DateTime<Utc>>,
    pub finish_date: Option<DateTime<Utc>>,
}

impl EventGroup {
    /// Whether `t` is inside the event group's date window (inclusive). A missing bound is
    /// open on that side; with neither bound every time is inside.
    pub fn window_contains(&self, t: DateTime<Utc>) -> bool {
        self.start_date.is_none_or(|s| s <= t) && self.finish_date.is_none_or(|f| t <= f)
    }

    /// The earliest time an event starting at `start` may be created (`start - leadtime_Max days`).
    pub fn can_open_by(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        let days = self.leadtime_max.unwrap_or(0.0);
        start - Duration::milliseconds((days * 86_400_000.0) as i64)
    }

    /// Whether an event starting at `start` may be created at `now`.
    pub fn can_open(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= self.can_open_by(start)
    }
}

/// What kind of dynamic BMG this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dynamic {
    /// A fixed BMG (`dynamic: false`).
    No,
    /// `dynamic: true`: marked dynamic, but no incident type drives it.
    Inert,
    /// `dynamic: hc`: handicap.
    Handicap,
    /// `dynamic: ou`: over/under.
    OverUnder,
}

impl Dynamic {
    /// The YAML spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dynamic::No => "false",
            Dynamic::Inert => "true",
            Dynamic::Handicap => "hc",
            Dynamic::OverUnder => "ou",
        }
    }
}

/// A betting market group template.
#[derive(Debug, Clone)]
pub struct Bmg {
    pub stem: String,
    pub description: Names,
    pub asset: Vec<String>,
    pub dynamic: Dynamic,
    pub number_betting_markets: u64,
    pub is_live: bool,
    /// The stem of the rule file.
    pub rules: String,
    /// Each betting market's description.
    pub bettingmarkets: Vec<Names>,
    pub dynamic_allow_float: Option<bool>,
}

/// A grading rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub stem: String,
    pub identifier: String,
    pub id: Option<String>,
    pub name: Names,
    pub description: Names,
    pub metric: String,
    /// One map of outcome (`win`, `not_win`, `void`) to formula per betting market.
    pub resolutions: Vec<Names>,
}

/// A team or player.
#[derive(Debug, Clone)]
pub struct Participant {
    pub identifier: Option<String>,
    pub name: Names,
    pub aliases: Vec<String>,
}

impl Participant {
    /// The normalized name: `identifier`, falling back to `name.en`.
    pub fn normalized(&self) -> Option<&str> {
        self.identifier
            .as_deref()
            .or_else(|| lang(&self.name, "en"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn eg(start: Option<&str>, finish: Option<&str>) -> EventGroup {
        EventGroup {
            folder: "NBA#RegSeas".into(),
            identifier: "NBA Regular Season".into(),
            name: vec![],
            aliases: vec![],
            id: None,
            participants: String::new(),
            bmgs: vec![],
            eventscheme: vec![],
            leadtime_max: Some(14.0),
            start_date: start.map(t),
            finish_date: finish.map(t),
        }
    }

    #[test]
    fn windows_are_inclusive_and_open_when_absent() {
        let e = eg(Some("2020-01-01T00:00:00Z"), Some("2022-01-01T00:00:00Z"));
        assert!(e.window_contains(t("2020-01-01T00:00:00Z")));
        assert!(e.window_contains(t("2022-01-01T00:00:00Z")));
        assert!(!e.window_contains(t("2019-12-31T23:59:59Z")));
        assert!(!e.window_contains(t("2022-01-01T00:00:01Z")));
        assert!(eg(None, None).window_contains(t("1999-01-01T00:00:00Z")));
        assert!(eg(None, Some("2022-01-01T00:00:00Z")).window_contains(t("1999-01-01T00:00:00Z")));
    }

    #[test]
    fn leadtime_reads_the_given_now() {
        let e = eg(None, None);
        let start = t("2021-11-15T00:00:00Z");
        assert_eq!(e.can_open_by(start), t("2021-11-01T00:00:00Z"));
        assert!(e.can_open(start, t("2021-11-01T00:00:00Z")));
        assert!(!e.can_open(start, t("2021-10-31T23:59:59Z")));
    }
}
