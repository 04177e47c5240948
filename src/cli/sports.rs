//! `bos sports`: check and list a bookiesports chain folder.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::{json, Value};

use super::{output, CliError, Settings};
use crate::incidents::time::to_string;
use crate::sports::{self, lang, Sport};

#[derive(Subcommand, Debug)]
pub enum SportsCommand {
    /// Validate a bookiesports chain folder and list every problem with its file and key
    ///
    /// Checks each file against bookiesports' schema (required keys, types, object ids,
    /// assets, dynamic kinds) and that every event group's BMGs and participants and every
    /// BMG's rule exist. Exit code 0 when the folder is valid.
    Check(CheckArgs),
    /// Show the sports, event groups, participants and BMGs as a tree
    List(ListArgs),
}

impl SportsCommand {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self {
            SportsCommand::Check(a) => a.run(g),
            SportsCommand::List(a) => a.run(g),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The chain folder (`bookiesports/<chain>/`) [default: --sports / BOS_SPORTS / config]
    pub dir: Option<PathBuf>,
}

impl CheckArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        match g.load_sports(self.dir.as_deref()) {
            Ok(c) => {
                let (egs, teams, bmgs) = counts(&c.sports);
                if g.json {
                    output::json(
                        &json!({"valid": true, "dir": c.dir, "chain_id": c.chain_id, "sports": c.sports.len(),
                                "event_groups": egs, "participants": teams, "bmgs": bmgs, "problems": []}),
                        true,
                    );
                } else {
                    output::line(&format!(
                        "{}: valid ({} sports, {egs} event groups, {teams} participants, {bmgs} BMGs)",
                        c.dir.display(),
                        c.sports.len()
                    ));
                }
                Ok(())
            }
            Err(CliError::Sports(sports::Error::Invalid { dir, problems })) => {
                if g.json {
                    let list: Vec<Value> = problems
                        .iter()
                        .map(|p| json!({"file": p.file, "key": p.key, "message": p.message}))
                        .collect();
                    output::json(&json!({"valid": false, "dir": dir, "problems": list}), true);
                } else {
                    for p in &problems {
                        output::line(&p.to_string());
                    }
                }
                Err(CliError::Failed(format!(
                    "{}: {} problem(s)",
                    dir.display(),
                    problems.len()
                )))
            }
            Err(e) => Err(e),
        }
    }
}

fn counts(sports: &[Sport]) -> (usize, usize, usize) {
    let egs = sports.iter().map(|s| s.event_groups.len()).sum();
    let teams = sports
        .iter()
        .flat_map(|s| s.participants.values())
        .map(Vec::len)
        .sum();
    let bmgs = sports.iter().map(|s| s.bmgs.len()).sum();
    (egs, teams, bmgs)
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// The chain folder [default: --sports / BOS_SPORTS / config]
    pub dir: Option<PathBuf>,
    /// Only this sport (identifier, name or alias, any case)
    #[arg(long, value_name = "NAME")]
    pub sport: Option<String>,
}

fn matches(s: &Sport, name: &str) -> bool {
    let k = name.trim().to_lowercase();
    std::iter::once(s.identifier.as_str())
        .chain(s.aliases.iter().map(String::as_str))
        .chain(s.name.iter().map(|(_, v)| v.as_str()))
        .any(|n| n.trim().to_lowercase() == k)
}

fn date(t: Option<chrono::DateTime<chrono::Utc>>) -> Value {
    t.map(|t| Value::String(to_string(t)))
        .unwrap_or(Value::Null)
}

fn sport_json(s: &Sport) -> Value {
    let egs: Vec<Value> = s
        .event_groups
        .iter()
        .map(|eg| {
            let teams: Vec<Value> = s
                .participants
                .get(&eg.participants)
                .into_iter()
                .flatten()
                .map(|p| json!(p.normalized()))
                .collect();
            let bmgs: Vec<Value> = eg
                .bmgs
                .iter()
                .map(|b| {
                    let bmg = s.bmgs.get(b);
                    json!({"name": b, "dynamic": bmg.map(|x| x.dynamic.as_str()),
                           "description": bmg.and_then(|x| lang(&x.description, "en")),
                           "rules": bmg.map(|x| x.rules.as_str())})
                })
                .collect();
            json!({"identifier": eg.identifier, "folder": eg.folder, "aliases": eg.aliases,
                   "start_date": date(eg.start_date), "finish_date": date(eg.finish_date),
                   "leadtime_max_days": eg.leadtime_max, "participants_file": eg.participants,
                   "participants": teams, "bmgs": bmgs})
        })
        .collect();
    json!({"identifier": s.identifier, "name": lang(&s.name, "en"), "aliases": s.aliases, "id": s.id,
           "event_groups": egs})
}

impl ListArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let c = g.load_sports(self.dir.as_deref())?;
        let sports: Vec<&Sport> = c
            .sports
            .iter()
            .filter(|s| self.sport.as_deref().is_none_or(|n| matches(s, n)))
            .collect();
        if let (Some(n), true) = (&self.sport, sports.is_empty()) {
            return Err(CliError::Failed(format!(
                "no sport {n:?} in {}",
                c.dir.display()
            )));
        }
        if g.json {
            output::json(
                &Value::Array(sports.iter().map(|s| sport_json(s)).collect()),
                true,
            );
            return Ok(());
        }
        let mut lines = vec![format!("{} (chain_id {})", c.dir.display(), c.chain_id)];
        for s in sports {
            let aliases = if s.aliases.is_empty() {
                String::new()
            } else {
                format!("  aliases: {}", s.aliases.join(", "))
            };
            lines.push(format!("{}{aliases}", s.identifier));
            for eg in &s.event_groups {
                let d = |t| match t {
                    Some(t) => to_string(t),
                    None => "open".into(),
                };
                lines.push(format!(
                    "  {} [{}]  {} .. {}  leadtime {} days",
                    eg.identifier,
                    eg.folder,
                    d(eg.start_date),
                    d(eg.finish_date),
                    eg.leadtime_max.map(|l| l.to_string()).unwrap_or("-".into())
                ));
                let teams: Vec<&str> = s
                    .participants
                    .get(&eg.participants)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.normalized())
                    .collect();
                lines.push(format!(
                    "    participants ({}, {}): {}",
                    eg.participants,
                    teams.len(),
                    teams.join(", ")
                ));
                for b in &eg.bmgs {
                    let (dynamic, desc) = s
                        .bmgs
                        .get(b)
                        .map(|x| (x.dynamic.as_str(), lang(&x.description, "en").unwrap_or("")))
                        .unwrap_or(("?", ""));
                    lines.push(format!("    bmg {b} (dynamic {dynamic}): {desc}"));
                }
            }
        }
        output::line(&lines.join("\n"));
        Ok(())
    }
}
