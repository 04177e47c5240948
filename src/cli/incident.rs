//! `bos incident`: validate, add (store), list, show, events, parse.

use std::path::PathBuf;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget};
use serde_json::{json, Value};

use super::intake::{check, intake, read_inputs, Item};
use super::{config, input, output, CliError, Settings};
use crate::incidents::reverse::string_to_incident;
use crate::incidents::store::{self, Filter, Outcome, Status, Store};
use crate::incidents::{self as inc, Call, Intake, Normalizer};

#[derive(Subcommand, Debug)]
pub enum IncidentCommand {
    /// Check incidents against the schema and normalize them against the sports data
    ///
    /// Reads JSON files (one incident, or an array), JSON lines (.jsonl, or any file whose
    /// lines are incidents) and folders of .json files; `-` reads stdin. Prints, per
    /// incident, its normalized unique string or why it is invalid. Exit code 0 only when
    /// every incident is valid.
    Validate(ValidateArgs),
    /// Validate, normalize and store incidents
    ///
    /// Like `validate`, then stores the valid incidents (in batches of one transaction).
    /// An incident already stored for the same provider counts as a duplicate, not an
    /// error. Prints a summary of stored, duplicate and rejected incidents with reasons;
    /// exit code 1 when any incident was rejected.
    Add(AddArgs),
    /// List stored incidents
    List(ListArgs),
    /// Show the stored incidents with this unique string (every provider)
    Show(ShowArgs),
    /// One line per event and call: the event's id on chain (as the last job saw it),
    /// status and why, the proposals it made or approved, expiration, incident and
    /// provider counts
    Events(EventsArgs),
    /// Turn a unique string back into an incident (the reverse parser)
    Parse(ParseArgs),
    /// Feed incidents through intake and the triggers, in order, one job each
    ///
    /// Prints a line per incident as its job finishes: the status its call reached
    /// and the operations proposed or approved; then a count by status (stderr). With
    /// `--json`, JSON lines: one object per incident {origin, unique_string, call,
    /// event_id, status, reason, operations} with the node-form operations of every
    /// transaction, approvals first. Memory stays flat however long the input; at a
    /// terminal a progress bar (stderr) shows the rate and the time left. Exit 1 when
    /// any input was not a valid incident (the others still ran).
    Replay(super::replay::ReplayArgs),
    /// Send incidents to `bos serve` (or bos-auto) endpoints, with retries
    ///
    /// POSTs each incident to `/trigger` of every `--to` URL, as data proxies do.
    /// Connection errors, 429 and 5xx answers are retried with backoff; 4xx answers
    /// are final. Prints one line per incident and endpoint; exit code 1 when any
    /// incident was not accepted everywhere. The token comes from --token-file or
    /// BOS_PROVIDER_TOKEN (--token works but shows in the process list).
    Send(SendArgs),
    /// Type an incident by hand (Couch Potato): menus fed only from bookiesports, or
    /// the same fields as flags; prints it (pipe it on), and stores it with --store
    New(super::couch::NewArgs),
    /// Per provider: incidents by call, and how often its results agreed with the
    /// result that was settled
    Providers(super::couch::ProvidersArgs),
}

impl IncidentCommand {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self {
            IncidentCommand::Validate(a) => a.run(g),
            IncidentCommand::Replay(a) => a.run(g),
            IncidentCommand::New(a) => a.run(g),
            IncidentCommand::Providers(a) => a.run(g),
            IncidentCommand::Add(a) => a.run(g),
            IncidentCommand::List(a) => a.run(g),
            IncidentCommand::Show(a) => a.run(g),
            IncidentCommand::Events(a) => a.run(g),
            IncidentCommand::Parse(a) => a.run(g),
            IncidentCommand::Send(a) => a.run(g),
        }
    }
}

/// [`check`], and what storing needs beyond the schema: a provider name. `validate` and
/// `add` both use it, so an incident `validate` calls ok is one `add` stores.
fn check_storable(intake: &Intake, item: Item) -> Result<inc::Incident, String> {
    let i = check(intake, item)?;
    if i.provider.as_deref().is_none_or(|p| p.trim().is_empty()) {
        return Err(
            "cannot store: no provider_info.name (incidents are unique by unique_string and provider)"
                .into(),
        );
    }
    Ok(i)
}

#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// Files (.json, .jsonl), folders of .json files, or - for stdin
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

impl ValidateArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let intake = intake(g)?;
        let mut invalid = 0usize;
        let mut results = Vec::new();
        let mut lines = Vec::new();
        let items = read_inputs(&self.files);
        let total = items.len();
        for (origin, item) in items {
            match check_storable(&intake, item) {
                Ok(i) => {
                    let computed = inc::format::unique_string(&i).ok();
                    if g.json {
                        let mut r = json!({"origin": origin, "valid": true,
                                           "unique_string": i.unique_string, "incident": i.to_json()});
                        if computed.is_some() && computed != i.unique_string {
                            r["computed_unique_string"] = json!(computed);
                        }
                        results.push(r);
                    } else {
                        let mut l = format!(
                            "ok     {origin}  {}",
                            i.unique_string.as_deref().unwrap_or("")
                        );
                        if computed.is_some() && computed != i.unique_string {
                            l.push_str(&format!(
                                "  (computed from the contents: {})",
                                computed.unwrap_or_default()
                            ));
                        }
                        lines.push(l);
                    }
                }
                Err(reason) => {
                    invalid += 1;
                    if g.json {
                        results.push(json!({"origin": origin, "valid": false, "error": reason}));
                    } else {
                        lines.push(format!("error  {origin}: {reason}"));
                    }
                }
            }
        }
        if g.json {
            output::json(&Value::Array(results), true);
        } else if !lines.is_empty() {
            output::line(&lines.join("\n"));
        }
        if total == 0 {
            return Err(CliError::Failed("no incidents in the input".into()));
        }
        if invalid > 0 {
            return Err(CliError::Failed(format!(
                "{invalid} of {total} incident(s) invalid"
            )));
        }
        Ok(())
    }
}

/// Incidents stored per transaction.
const BATCH: usize = 1000;
/// Inputs from this size on get a progress bar (on a terminal).
const PROGRESS_FROM: usize = 2000;

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// Files (.json, .jsonl), folders of .json files, or - for stdin
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

impl AddArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let intake = intake(g)?;
        let mut store = Store::open(&g.db_path()?)?;
        let clock = g.clock;
        let items = read_inputs(&self.files);
        let total = items.len();
        let bar = if total >= PROGRESS_FROM {
            let b = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Some(style) =
                output::bar_style("{bar:40} {pos}/{len} incidents  {rate}  ETA {eta}")
            {
                b.set_style(style);
            }
            b
        } else {
            ProgressBar::hidden()
        };
        let (mut stored, mut duplicate) = (0usize, 0usize);
        let mut rejected: Vec<(String, String)> = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        let flush = |batch: &mut Vec<inc::Incident>,
                     store: &mut Store|
         -> Result<(usize, usize), CliError> {
            let outcomes = store.insert_batch(batch, clock.now())?;
            batch.clear();
            let s = outcomes.iter().filter(|o| **o == Outcome::Stored).count();
            Ok((s, outcomes.len() - s))
        };
        for (origin, item) in items {
            match check_storable(&intake, item) {
                Ok(i) => batch.push(i),
                Err(reason) => rejected.push((origin, reason)),
            }
            if batch.len() >= BATCH {
                let (s, d) = flush(&mut batch, &mut store)?;
                stored += s;
                duplicate += d;
            }
            bar.inc(1);
        }
        if !batch.is_empty() {
            let (s, d) = flush(&mut batch, &mut store)?;
            stored += s;
            duplicate += d;
        }
        bar.finish_and_clear();
        if g.json {
            let r: Vec<Value> = rejected
                .iter()
                .map(|(o, r)| json!({"origin": o, "reason": r}))
                .collect();
            output::json(
                &json!({"stored": stored, "duplicate": duplicate, "rejected": r, "db": store.path()}),
                true,
            );
        } else {
            let mut lines: Vec<String> = rejected
                .iter()
                .map(|(o, r)| format!("rejected  {o}: {r}"))
                .collect();
            lines.push(format!(
                "stored {stored}, duplicate {duplicate}, rejected {} (of {total}) in {}",
                rejected.len(),
                store.path().display()
            ));
            output::line(&lines.join("\n"));
        }
        if !rejected.is_empty() {
            return Err(CliError::Failed(format!(
                "{} of {total} incident(s) rejected",
                rejected.len()
            )));
        }
        Ok(())
    }
}

/// The id strings of the stored events that are chain event `id` (1.22.N): same sport
/// and event group (their bookiesports identifiers on chain), same start time, and both
/// teams in the event's name.
fn chain_event_id_strings(g: &Settings, store: &Store, id: &str) -> Result<Vec<String>, CliError> {
    use crate::sync::view::lang;
    super::node::runtime()?.block_on(async {
        let c = super::node::client(g)?;
        let object = |id: String| {
            let c = c.clone();
            async move {
                let v = c.db("get_objects", json!([[id.clone()]])).await?;
                match v.get(0).filter(|o| !o.is_null()) {
                    Some(o) => Ok(o.clone()),
                    None => Err(CliError::Failed(format!("{id} is not on chain"))),
                }
            }
        };
        let ev = object(id.to_string()).await?;
        let eg = object(
            ev["event_group_id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
        .await?;
        let sport = object(eg["sport_id"].as_str().unwrap_or_default().to_string()).await?;
        let start = ev["start_time"]
            .as_str()
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
            .map(|t| t.and_utc())
            .ok_or_else(|| CliError::Failed(format!("{id}: no start time on chain")))?;
        let (Some(sport_name), Some(eg_name)) = (
            lang(&sport["name"], "identifier").or_else(|| lang(&sport["name"], "en")),
            lang(&eg["name"], "identifier").or_else(|| lang(&eg["name"], "en")),
        ) else {
            return Err(CliError::Failed(format!(
                "{id}: its sport or event group has no name on chain"
            )));
        };
        let name = lang(&ev["name"], "en").unwrap_or_default().to_lowercase();
        let mut out = Vec::new();
        for ids in store.event_ids_at(sport_name, eg_name, start)? {
            let e = store.event_bounded(&ids, 0)?;
            let team = |k: &str| e["id"][k].as_str().unwrap_or_default().to_lowercase();
            let (home, away) = (team("home"), team("away"));
            if name.contains(&home) && name.contains(&away) {
                out.push(ids);
            }
        }
        Ok(out)
    })
}

fn call_arg(s: &str) -> Result<Call, String> {
    Call::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Call::ALL.iter().map(|c| c.as_str()).collect();
        format!("must be one of {}", all.join(", "))
    })
}

fn status_arg(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|c| c.as_str()).collect();
        format!("must be one of: {}", all.join("; "))
    })
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only this call
    #[arg(long, value_name = "C", value_parser = call_arg)]
    pub call: Option<Call>,
    /// Only incidents whose event call has this status (e.g. "unknown", "done")
    #[arg(long, value_name = "S", value_parser = status_arg)]
    pub status: Option<Status>,
    /// Only events starting at or after this time (RFC 3339)
    #[arg(long, value_name = "T", value_parser = config::time_arg)]
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Only events starting at or before this time (RFC 3339)
    #[arg(long, value_name = "T", value_parser = config::time_arg)]
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// Only this event: its id string, or its chain id (1.22.N, looked up on --node)
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// Only this provider (provider_info.name)
    #[arg(long, value_name = "P")]
    pub provider: Option<String>,
}

impl ListArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let store = Store::open(&g.existing_db_path()?)?;
        // An event given by its chain id (1.22.N) is looked up on the node.
        let events: Vec<Option<String>> = match &self.event {
            Some(e) if e.starts_with("1.22.") => {
                let ids = chain_event_id_strings(g, &store, e)?;
                if ids.is_empty() {
                    return Err(CliError::Failed(format!(
                        "event {e}: no incidents of it are stored"
                    )));
                }
                ids.into_iter().map(Some).collect()
            }
            other => vec![other.clone()],
        };
        let mut list = Vec::new();
        for event in events {
            list.extend(store.incidents(&Filter {
                call: self.call,
                status: self.status,
                since: self.since,
                until: self.until,
                event,
                provider: self.provider.clone(),
            })?);
        }
        if g.json {
            output::json(&Value::Array(list), true);
            return Ok(());
        }
        let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let rows = list
            .iter()
            .map(|i| {
                vec![
                    i.get("id")
                        .map(|id| s(id, "start_time"))
                        .unwrap_or_default(),
                    s(i, "call"),
                    i.get("provider_info")
                        .map(|p| s(p, "name"))
                        .unwrap_or_default(),
                    s(i, "unique_string"),
                ]
            })
            .collect();
        output::table(&["start time", "call", "provider", "unique string"], rows);
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The incident's unique string
    pub unique_string: String,
}

impl ShowArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let store = Store::open(&g.existing_db_path()?)?;
        let list = store.by_unique_string(&self.unique_string)?;
        if list.is_empty() {
            return Err(inc::Error::IncidentNotFound {
                unique_string: self.unique_string,
            }
            .into());
        }
        output::json(&Value::Array(list), g.json);
        Ok(())
    }
}

/// Why a call has its status, as the engine recorded it (`details`), or what a `done`
/// did (`proposed` / `approved`, and whether it reached the chain).
fn status_reason(s: &store::CallStatus) -> String {
    if let Some(d) = s.extra.get("details").and_then(Value::as_str) {
        return d.to_string();
    }
    let actions: Vec<&str> = s
        .extra
        .get("actions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if actions.is_empty() {
        return String::new();
    }
    let count = |what: &str| actions.iter().filter(|a| **a == what).count();
    let mut parts = Vec::new();
    for (what, word) in [("proposal", "proposed"), ("approval", "approved")] {
        if count(what) > 0 {
            parts.push(format!("{word} {}", count(what)));
        }
    }
    if s.extra.get("broadcast") == Some(&Value::Bool(false)) {
        parts.push("not broadcast (dry run)".into());
    }
    parts.join(", ")
}

/// The proposals a call's job made or approved (their chain ids; a dry run's are the
/// ids of transactions that were never sent).
fn status_chain_ids(s: &store::CallStatus) -> String {
    s.extra
        .get("proposals")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    /// Only this call
    #[arg(long, value_name = "C", value_parser = call_arg)]
    pub call: Option<Call>,
    /// Only this status
    #[arg(long, value_name = "S", value_parser = status_arg)]
    pub status: Option<Status>,
}

impl EventsArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let store = Store::open(&g.existing_db_path()?)?;
        let now = g.clock.now();
        let events = store.events(self.call.map(|c| c.as_str()), self.status)?;
        // The event's id on chain, as the last job of any of its calls saw it.
        let mut chain_ids: std::collections::HashMap<&str, &str> = Default::default();
        for e in &events {
            if let Some(id) = e.status.extra.get("event").and_then(Value::as_str) {
                chain_ids.insert(&e.id_string, id);
            }
        }
        let chain_id = |e: &store::EventCall| chain_ids.get(e.id_string.as_str()).copied();
        if g.json {
            let list: Vec<Value> = events
                .iter()
                .map(|e| {
                    json!({"id_string": e.id_string, "event_id": chain_id(e), "call": e.call, "status": store::status_json(&e.status),
                           "expired": e.status.expiration.map(|x| x < now),
                           "incidents": e.incidents, "providers": e.providers,
                           "updated": store::ts(e.updated)})
                })
                .collect();
            output::json(&Value::Array(list), true);
            return Ok(());
        }
        let rows = events
            .iter()
            .map(|e| {
                let exp = match e.status.expiration {
                    Some(x) if x < now => format!("{} (expired)", store::ts(x)),
                    Some(x) => store::ts(x),
                    None => String::new(),
                };
                vec![
                    e.id_string.clone(),
                    chain_id(e).unwrap_or_default().to_string(),
                    e.call.clone(),
                    e.status.name.to_string(),
                    status_reason(&e.status),
                    status_chain_ids(&e.status),
                    exp,
                    e.incidents.to_string(),
                    e.providers.to_string(),
                ]
            })
            .collect();
        output::table(
            &[
                "event",
                "on chain",
                "call",
                "status",
                "reason",
                "proposals",
                "expiration",
                "incidents",
                "providers",
            ],
            rows,
        );
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    /// A unique string (`2019-01-25t010000z__basketball__..__create__2019`)
    pub unique_string: String,
    /// Add provider_info with this name (pushed now)
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
}

impl ParseArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        // Normalization is best effort here: without sports data the slugs stay as they are.
        let normalizer = match g.sports_dir() {
            Ok(d) => Some(Normalizer::new(crate::sports::load(&d)?)),
            Err(_) => None,
        };
        let i = string_to_incident(
            &self.unique_string,
            self.provider.as_deref(),
            normalizer.as_ref(),
            &g.clock,
        )?;
        output::json(&i.to_json(), g.json);
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct SendArgs {
    /// Files (.json, .jsonl), folders of .json files, or - for stdin
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Endpoint: a base URL (http://127.0.0.1:8010) or its /trigger; repeat for several
    #[arg(long = "to", required = true, value_name = "URL")]
    pub to: Vec<String>,
    /// Set provider_info.name of every incident to NAME
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    /// File holding the provider's bearer token
    #[arg(long, value_name = "FILE", conflicts_with = "token")]
    pub token_file: Option<PathBuf>,
    /// The provider's bearer token (visible to other users: prefer --token-file or
    /// BOS_PROVIDER_TOKEN)
    #[arg(
        long,
        env = "BOS_PROVIDER_TOKEN",
        hide_env_values = true,
        value_name = "T"
    )]
    pub token: Option<String>,
    /// Attempts per incident and endpoint on connection errors, 429 and 5xx
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub retries: u32,
    /// Incidents in flight at once per endpoint
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub parallel: usize,
}

/// The `/trigger` URL of an endpoint given as a base URL or the full path.
pub fn trigger_url(to: &str) -> Result<String, CliError> {
    let t = to.trim().trim_end_matches('/');
    if !(t.starts_with("http://") || t.starts_with("https://")) {
        return Err(CliError::Usage(format!(
            "--to {to:?}: not an http:// or https:// URL"
        )));
    }
    Ok(if t.ends_with("/trigger") {
        t.to_string()
    } else {
        format!("{t}/trigger")
    })
}

/// One POST with retries; returns (HTTP status or 0, text).
async fn post_with_retries(
    c: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    body: String,
    attempts: u32,
) -> (u16, String) {
    let mut wait = std::time::Duration::from_millis(200);
    let mut last = (0u16, String::new());
    for attempt in 0..attempts.max(1) {
        if attempt > 0 {
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(std::time::Duration::from_secs(5));
        }
        let mut rq = c
            .post(url)
            .header("content-type", "application/json")
            .body(body.clone());
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        match rq.send().await {
            Ok(r) => {
                let code = r.status().as_u16();
                let reason = r
                    .headers()
                    .get("x-bos-reason")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let text = r.text().await.unwrap_or_default();
                let text = match reason {
                    Some(why) => format!("{}: {why}", text.trim()),
                    None => text,
                };
                last = (code, text);
                if code < 500 && code != 429 {
                    return last;
                }
            }
            Err(e) => last = (0, format!("no answer: {e}")),
        }
    }
    last
}

impl SendArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        use futures_util::stream::{self, StreamExt};
        let urls = self
            .to
            .iter()
            .map(|t| trigger_url(t))
            .collect::<Result<Vec<_>, _>>()?;
        let token = match (&self.token_file, &self.token) {
            (Some(f), _) => Some(input::read_text(Some(f.as_path()))?.trim().to_string()),
            (None, Some(t)) => {
                if std::env::var_os("BOS_PROVIDER_TOKEN").is_none() {
                    output::warn("--token is visible to other users in the process list; prefer --token-file or BOS_PROVIDER_TOKEN");
                }
                Some(t.trim().to_string())
            }
            (None, None) => None,
        };
        let mut bodies = Vec::new();
        let mut results = Vec::new();
        for (origin, item) in read_inputs(&self.files) {
            let v = match item {
                Item::Value(v) => Ok(v),
                Item::Text(t) => {
                    serde_json::from_str::<Value>(&t).map_err(|e| format!("not JSON: {e}"))
                }
                Item::Unreadable(r) => Err(r),
            };
            match v {
                Ok(mut v) => {
                    if let (Some(p), Value::Object(m)) = (&self.provider, &mut v) {
                        let pi = m.entry("provider_info").or_insert_with(|| json!({}));
                        if let Value::Object(pi) = pi {
                            pi.insert("name".into(), json!(p));
                        }
                    }
                    bodies.push((origin, v.to_string()));
                }
                Err(reason) => results.push(json!({"origin": origin, "to": null, "status": 0, "accepted": false, "answer": reason})),
            }
        }
        let rt = super::node::runtime()?;
        let sent: Vec<Value> = rt.block_on(async {
            let c = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .build()
                .map_err(|e| CliError::Failed(e.to_string()))?;
            let jobs = bodies
                .iter()
                .flat_map(|(o, b)| urls.iter().map(move |u| (o, b, u)));
            let out = stream::iter(jobs)
                .map(|(origin, body, url)| {
                    let c = c.clone();
                    let token = token.clone();
                    let retries = self.retries;
                    async move {
                        let (code, text) =
                            post_with_retries(&c, url, token.as_deref(), body.clone(), retries)
                                .await;
                        let answer =
                            serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text));
                        json!({"origin": origin, "to": url, "status": code,
                               "accepted": code == 200, "answer": answer})
                    }
                })
                .buffered(self.parallel.max(1))
                .collect::<Vec<_>>()
                .await;
            Ok::<_, CliError>(out)
        })?;
        results.extend(sent);
        let failed = results
            .iter()
            .filter(|r| r["accepted"] != json!(true))
            .count();
        let total = results.len();
        if g.json {
            output::json(&Value::Array(results), true);
        } else {
            let rows = results
                .iter()
                .map(|r| {
                    let answer = if r["accepted"] == json!(true) {
                        format!(
                            "processing (job {})",
                            r["answer"]["id"].as_str().unwrap_or("?")
                        )
                    } else {
                        match &r["answer"] {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        }
                    };
                    vec![
                        r["origin"].as_str().unwrap_or_default().to_string(),
                        r["to"].as_str().unwrap_or("-").to_string(),
                        r["status"].to_string(),
                        answer,
                    ]
                })
                .collect();
            output::table(&["incident", "to", "status", "answer"], rows);
        }
        if failed > 0 {
            return Err(CliError::Failed(format!(
                "{failed} of {total} deliveries were not accepted"
            )));
        }
        Ok(())
    }
}
