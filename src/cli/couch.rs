//! Couch Potato from the shell: `bos incident new` (an incident typed by a
//! person, from menus fed only by bookiesports, or from flags in scripts) and
//! `bos incident providers` (who sent what, and how often their results agreed
//! with what was settled).

use std::io::IsTerminal;

use serde_json::Value;

use super::{config, output, CliError, Settings};
use crate::incidents::intake::ByHand;
use crate::incidents::store::{Outcome, Store};
use crate::incidents::{Intake, Normalizer};
use crate::sports::{lang, Chain};

const CALLS: [&str; 5] = ["create", "in_progress", "finish", "result", "canceled"];

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// create, in_progress, finish, result or canceled
    #[arg(long, value_parser = CALLS)]
    pub call: Option<String>,
    /// Sport (name or alias from bookiesports)
    #[arg(long)]
    pub sport: Option<String>,
    /// Event group / league (name or alias)
    #[arg(long)]
    pub event_group: Option<String>,
    /// Home team (name or alias)
    #[arg(long)]
    pub home: Option<String>,
    /// Away team (name or alias)
    #[arg(long)]
    pub away: Option<String>,
    /// Start time, RFC 3339
    #[arg(long, value_parser = config::time_arg)]
    pub start: Option<chrono::DateTime<chrono::Utc>>,
    /// Season (create), e.g. 2018/2019; asked for when interactive
    #[arg(long)]
    pub season: Option<String>,
    /// Home score (result): a whole number
    #[arg(long, value_parser = super::input::score_arg)]
    pub home_score: Option<String>,
    /// Away score (result): a whole number
    #[arg(long, value_parser = super::input::score_arg)]
    pub away_score: Option<String>,
    /// The provider name the incident carries
    #[arg(long, env = "BOS_PROVIDER", default_value = "couch-potato")]
    pub provider: String,
    /// Also store it in the incident store (--db)
    #[arg(long)]
    pub store: bool,
}

/// Asks for what the flags left out, when a person is at a terminal.
struct Asker {
    interactive: bool,
}

impl Asker {
    fn pick(&self, what: &str, flag: &str, items: &[String]) -> Result<String, CliError> {
        if !self.interactive {
            return Err(CliError::Usage(format!(
                "missing --{flag} (and no terminal to ask on)"
            )));
        }
        if items.is_empty() {
            return Err(CliError::Failed(format!("bookiesports lists no {what}")));
        }
        let i = dialoguer::Select::new()
            .with_prompt(what)
            .items(items)
            .default(0)
            .interact()
            .map_err(|e| CliError::Failed(format!("{what}: {e}")))?;
        Ok(items[i].clone())
    }

    fn text(
        &self,
        what: &str,
        flag: &str,
        check: impl Fn(&String) -> Result<(), String>,
    ) -> Result<String, CliError> {
        if !self.interactive {
            return Err(CliError::Usage(format!(
                "missing --{flag} (and no terminal to ask on)"
            )));
        }
        dialoguer::Input::<String>::new()
            .with_prompt(what)
            .validate_with(|s: &String| check(s))
            .interact_text()
            .map_err(|e| CliError::Failed(format!("{what}: {e}")))
    }
}

fn sport_names(c: &Chain) -> Vec<String> {
    c.sports
        .iter()
        .map(|s| lang(&s.name, "en").unwrap_or(&s.identifier).to_string())
        .collect()
}

impl NewArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let chain = g.load_sports(None)?;
        let ask = Asker {
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        };
        let call = match self.call {
            Some(c) => c,
            None => ask.pick(
                "call",
                "call",
                &CALLS.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            )?,
        };
        let sport_name = match self.sport {
            Some(s) => s,
            None => ask.pick("sport", "sport", &sport_names(&chain))?,
        };
        let sport = chain.sports.iter().find(|s| {
            s.identifier == sport_name
                || s.name.iter().any(|(_, n)| *n == sport_name)
                || s.aliases.contains(&sport_name)
        });
        let eg_name = match (self.event_group, sport) {
            (Some(e), _) => e,
            (None, Some(s)) => ask.pick(
                "league",
                "event-group",
                &s.event_groups
                    .iter()
                    .map(|e| lang(&e.name, "en").unwrap_or(&e.identifier).to_string())
                    .collect::<Vec<_>>(),
            )?,
            (None, None) => {
                return Err(CliError::Usage(format!(
                    "sport {sport_name:?} is not in bookiesports ({})",
                    sport_names(&chain).join(", ")
                )))
            }
        };
        let teams: Vec<String> = sport
            .and_then(|s| {
                let eg = s.event_groups.iter().find(|e| {
                    e.identifier == eg_name
                        || e.name.iter().any(|(_, n)| *n == eg_name)
                        || e.aliases.contains(&eg_name)
                })?;
                s.participants.get(&eg.participants)
            })
            .map(|l| {
                l.iter()
                    .filter_map(|p| p.normalized().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let home = match self.home {
            Some(h) => h,
            None => ask.pick("home team", "home", &teams)?,
        };
        let away = match self.away {
            Some(a) => a,
            None => {
                let rest: Vec<String> = teams.iter().filter(|t| **t != home).cloned().collect();
                ask.pick("away team", "away", &rest)?
            }
        };
        let start = match self.start {
            Some(t) => t,
            None => {
                let t = ask.text(
                    "start time (RFC 3339, e.g. 2019-01-10T00:30:00Z)",
                    "start",
                    |s| config::time_arg(s).map(|_| ()),
                )?;
                config::time_arg(&t).map_err(CliError::Usage)?
            }
        };
        let mut hand = ByHand {
            call: call.clone(),
            sport: sport_name,
            event_group: eg_name,
            home,
            away,
            start,
            provider: self.provider,
            ..ByHand::default()
        };
        match call.as_str() {
            "create" => {
                hand.season = match self.season {
                    Some(s) => Some(s),
                    None if ask.interactive => {
                        Some(ask.text("season (e.g. 2018/2019)", "season", |_| Ok(()))?)
                    }
                    None => None,
                };
            }
            "result" => {
                let score = |s: &String| crate::incidents::validate::check_score(s);
                let h = match self.home_score {
                    Some(h) => h,
                    None => ask.text("home score", "home-score", score)?,
                };
                let a = match self.away_score {
                    Some(a) => a,
                    None => ask.text("away score", "away-score", score)?,
                };
                hand.scores = Some((h, a));
            }
            _ => {}
        }
        let now = g.clock.now();
        let inc = Intake::new(Normalizer::new(chain))
            .by_hand(&hand, now)
            .map_err(|e| {
                // Flags naming one team twice do not go together: a usage error.
                if e.contains("home and away are the same team") {
                    CliError::Usage(e)
                } else {
                    CliError::Failed(e)
                }
            })?;
        output::json(&inc.to_json(), g.json);
        if self.store {
            let mut st = Store::open(&g.db_path()?)?;
            let what = match st.insert(&inc, now)? {
                Outcome::Stored => "stored",
                Outcome::Duplicate => "already stored (duplicate)",
            };
            output::note(&format!(
                "{what}: {}",
                inc.unique_string.as_deref().unwrap_or_default()
            ));
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ProvidersArgs {}

impl ProvidersArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let st = Store::open(&g.existing_db_path()?)?;
        let records = crate::triggers::provider_records(&st)?;
        if g.json {
            output::json(
                &serde_json::to_value(&records).unwrap_or(Value::Null),
                false,
            );
            return Ok(());
        }
        if records.is_empty() {
            output::line("no incidents stored");
            return Ok(());
        }
        let rows = records
            .iter()
            .map(|r| {
                let calls: Vec<String> = r.calls.iter().map(|(c, n)| format!("{c} {n}")).collect();
                let agree = if r.results_settled == 0 {
                    "-".to_string()
                } else {
                    format!(
                        "{}/{} ({:.0}%)",
                        r.agreed,
                        r.results_settled,
                        100.0 * r.agreed as f64 / r.results_settled as f64
                    )
                };
                vec![
                    r.provider.clone(),
                    calls.join(", "),
                    agree,
                    r.results_open.to_string(),
                ]
            })
            .collect();
        output::table(
            &[
                "provider",
                "incidents by call",
                "results agreeing with settled",
                "results not settled",
            ],
            rows,
        );
        Ok(())
    }
}
