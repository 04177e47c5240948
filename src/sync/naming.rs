//! BMG and BM names (spec §5.8): bookiesports templates with `{teams.*}`,
//! `{handicaps.*}` and `{overunder.value}` substituted exactly as bos-sync's
//! `substitutions.py` does, numbers rendered with Python's `str()`.

use super::grading::{format_template, GradingError};
use super::pyvalue::PyValue;
use crate::protocol::types::I18n;
use crate::sports::Names;

/// Python's `str.capitalize()` for one word: first character upper, rest lower.
fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// bos-sync's team rendering in BMG/BM names: each space-separated word
/// capitalized ("LA Clippers" -> "La Clippers").
pub fn team_title(t: &str) -> String {
    t.split(' ').map(capitalize).collect::<Vec<_>>().join(" ")
}

/// The dynamic parameters of a BMG and the teams.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Home, away (normalized names, not yet capitalized).
    pub teams: [String; 2],
    /// Home, away handicaps (default int 0).
    pub handicaps: [PyValue; 2],
    /// The over/under line (default int 0).
    pub overunder: PyValue,
    /// `dynamic_allow_float` (default true).
    pub allow_float: bool,
    /// Result scores (home, away), as received.
    pub result: Option<[String; 2]>,
}

impl Params {
    pub fn new(home: &str, away: &str) -> Params {
        Params {
            teams: [home.to_string(), away.to_string()],
            handicaps: [PyValue::Int(0), PyValue::Int(0)],
            overunder: PyValue::Int(0),
            allow_float: true,
            result: None,
        }
    }

    /// `set_overunder`: floor(x) + 0.5.
    pub fn set_overunder(&mut self, x: f64) {
        self.overunder = PyValue::Float(x.floor() + 0.5);
    }

    /// `set_handicaps(home=h)`. `None` when bos-sync would crash (h == 0).
    pub fn set_handicap_home(&mut self, h: f64) -> Option<()> {
        if h == 0.0 {
            return None;
        }
        let home = if self.allow_float {
            PyValue::Float((h.abs().floor() + 0.5).copysign(h))
        } else {
            PyValue::Int(h.trunc() as i128)
        };
        let away = home.py_neg().ok()?;
        self.handicaps = [home, away];
        Some(())
    }

    /// `set_handicaps(away=a)`.
    pub fn set_handicap_away(&mut self, a: f64) -> Option<()> {
        let away = if self.allow_float {
            PyValue::Float((a.abs().floor() + 0.5).copysign(a))
        } else {
            PyValue::Float(a)
        };
        let home = away.py_neg().ok()?;
        self.handicaps = [home, away];
        Some(())
    }

    /// The text of a placeholder, as Python's `str.format` would insert it.
    pub fn var(&self, name: &str) -> Option<String> {
        let hs = |x: PyValue| -> PyValue {
            let f = x.as_f64();
            if self.allow_float {
                PyValue::Float(if f >= 0.0 { f } else { 0.0 })
            } else {
                let i = f.trunc() as i128;
                PyValue::Int(if i >= 0 { i } else { 0 })
            }
        };
        let r = self.result.clone().unwrap_or(["0".into(), "0".into()]);
        Some(match name {
            "teams.home" => team_title(&self.teams[0]),
            "teams.away" => team_title(&self.teams[1]),
            "handicaps.home" => self.handicaps[0].to_string(),
            "handicaps.away" => self.handicaps[1].to_string(),
            "handicaps.home_score" => hs(self.handicaps[1]).to_string(),
            "handicaps.away_score" => hs(self.handicaps[0]).to_string(),
            "overunder.value" => PyValue::Float(self.overunder.as_f64()).to_string(),
            "result.home" | "result.hometeam" => r[0].clone(),
            "result.away" | "result.awayteam" => r[1].clone(),
            "result.total" => {
                let t: f64 = r
                    .iter()
                    .map(|s| s.trim().parse::<f64>().ok())
                    .sum::<Option<f64>>()?;
                PyValue::Float(t).to_string()
            }
            _ => return None,
        })
    }

    /// Substitutes a template map, dropping languages that start with `_`.
    pub fn substitute(&self, scheme: &Names) -> Result<Vec<(String, String)>, GradingError> {
        scheme
            .iter()
            .filter(|(l, _)| !l.starts_with('_'))
            .map(|(l, t)| Ok((l.clone(), format_template(t, &|n| self.var(n))?)))
            .collect()
    }
}

/// Pairs to the chain's sorted list.
pub fn to_i18n(pairs: Vec<(String, String)>) -> I18n {
    pairs.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(pairs: &[(&str, &str)]) -> Names {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn capitalisation_quirk() {
        assert_eq!(team_title("LA Clippers"), "La Clippers");
        assert_eq!(team_title("atlanta hawks"), "Atlanta Hawks");
    }

    #[test]
    fn overunder_names() {
        let mut p = Params::new("Atlanta Hawks", "Boston Celtics");
        p.set_overunder(8.0);
        let n = p
            .substitute(&names(&[
                ("en", "Over/Under {overunder.value} pts"),
                ("_x", "dropped"),
            ]))
            .unwrap();
        assert_eq!(n, vec![("en".into(), "Over/Under 8.5 pts".into())]);
        p.set_overunder(8.5);
        assert_eq!(p.var("overunder.value").unwrap(), "8.5");
        p.set_overunder(9.0);
        assert_eq!(p.var("overunder.value").unwrap(), "9.5");
        assert_eq!(Params::new("a", "b").var("overunder.value").unwrap(), "0.0");
    }

    #[test]
    fn handicap_names_int_and_float() {
        let mut p = Params::new("Atlanta Hawks", "Boston Celtics");
        p.allow_float = false;
        p.set_handicap_home(-2.0).unwrap();
        assert_eq!(
            p.substitute(&names(&[("en", "{teams.home} ({handicaps.home})")]))
                .unwrap()[0]
                .1,
            "Atlanta Hawks (-2)"
        );
        assert_eq!(p.var("handicaps.away").unwrap(), "2");
        p.set_handicap_away(2.0).unwrap();
        assert_eq!(p.var("handicaps.away").unwrap(), "2.0");
        assert_eq!(p.var("handicaps.home").unwrap(), "-2.0");
        let mut f = Params::new("a", "b");
        f.set_handicap_home(-2.0).unwrap();
        assert_eq!(f.var("handicaps.home").unwrap(), "-2.5");
        assert_eq!(f.var("handicaps.away").unwrap(), "2.5");
        assert!(f.set_handicap_home(0.0).is_none());
        assert_eq!(Params::new("a", "b").var("handicaps.home").unwrap(), "0");
    }

    #[test]
    fn result_total_is_a_float() {
        let mut p = Params::new("a", "b");
        p.result = Some(["99".into(), "83".into()]);
        assert_eq!(p.var("result.total").unwrap(), "182.0");
        assert_eq!(p.var("result.home").unwrap(), "99");
    }
}
