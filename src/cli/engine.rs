//! The BOS engine commands: `bos incident replay`, `bos approve`, `bos proposals`.
//! Arguments, the call into [`crate::sync::engine`], and the printing.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};

use super::incident::{check, intake, read_inputs};
use super::{chain, config, output, CliError, GlobalArgs};
use crate::devnet::{ClockMode, Config, Devnet};
use crate::incidents::store::Store;
use crate::protocol::{PrivateKey, PublicKey};
use crate::rpc::Client;
use crate::sync::engine::{Engine, EngineError, JobReport};
use crate::sync::view::lang;

/// Inputs from this size on get a progress bar.
const PROGRESS_FROM: usize = 2000;

pub(crate) fn engine_err(e: EngineError) -> CliError {
    match e {
        EngineError::Rpc(e) => CliError::Node(e),
        EngineError::Store(e) => CliError::Incidents(e),
        other => CliError::Failed(other.to_string()),
    }
}

#[derive(clap::Args, Debug)]
pub struct ReplayArgs {
    /// Files (.json, .jsonl), folders of .json files, or - for stdin
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Start an in-process devnet (one witness, init0, whose approval suffices) with
    /// the sports of --sports and replay against it
    #[arg(long)]
    pub devnet: bool,
    /// Build and print, never sign or broadcast (no wallet needed; -d and -x do the
    /// same); without --node it runs against an in-process devnet holding only the
    /// --sports objects
    #[arg(long)]
    pub dry_run: bool,
    /// Account that proposes [default: init0 on a devnet]
    #[arg(long, value_name = "A")]
    pub proposer: Option<String>,
    /// Account that approves [default: the proposer]
    #[arg(long, value_name = "A")]
    pub approver: Option<String>,
    /// An approval checker: a shell command, an http(s) URL, or a JSON object
    /// {name, command|url, timeout, on_error, own}; repeat for more (all must agree)
    #[arg(long = "checker", value_name = "SPEC")]
    pub checkers: Vec<String>,
}

/// A node the engine talks to: given, or an in-process devnet (shared with `bos serve`).
pub(crate) struct Node {
    pub url: String,
    pub devnet: Option<Devnet>,
    /// The devnet's accounts and their keys (empty for a given node).
    pub keys: Vec<(String, PrivateKey)>,
}

/// The node of `--node`, or (with `devnet`) an in-process devnet with the `--sports` objects.
pub(crate) async fn node(g: &GlobalArgs, devnet: bool) -> Result<Node, CliError> {
    if !devnet {
        let urls = chain::node_urls(g);
        return Ok(Node {
            url: urls.first().cloned().unwrap_or_default(),
            devnet: None,
            keys: Vec::new(),
        });
    }
    let mut config = Config::for_tests("bos-replay", 1);
    config.clock = ClockMode::Real;
    config.sports = Some(super::sports::load(g, None)?);
    let d = Devnet::start(config).await?;
    let keys = d.with_chain(|c| {
        c.accounts
            .iter()
            .map(|a| (a.name.clone(), a.key.clone()))
            .collect()
    });
    Ok(Node {
        url: d.url(),
        devnet: Some(d),
        keys,
    })
}

/// The engine's client: the in-process devnet's URL, or the configured nodes
/// (with their failover).
pub(crate) fn client(g: &GlobalArgs, n: &Node) -> Result<Client, CliError> {
    let urls = match n.devnet {
        Some(_) => vec![n.url.clone()],
        None => chain::node_urls(g),
    };
    Ok(Client::new(urls, chain::client_options(g)?)?)
}

/// The wallet keys of the accounts' active authorities.
async fn account_keys(
    g: &GlobalArgs,
    c: &Client,
    names: &[&str],
) -> Result<Vec<PrivateKey>, CliError> {
    account_keys_with(g, None, c, names).await
}

/// [`account_keys`] with a `--password-file` of the calling command (`bos serve`).
pub(crate) async fn account_keys_with(
    g: &GlobalArgs,
    password_file: Option<&std::path::Path>,
    c: &Client,
    names: &[&str],
) -> Result<Vec<PrivateKey>, CliError> {
    let mut wanted: Vec<PublicKey> = Vec::new();
    let have = super::wallet::wallet_public_keys(g)?;
    for n in names {
        let a = c.db("get_account_by_name", json!([n])).await?;
        for k in a["active"]["key_auths"].as_array().into_iter().flatten() {
            if let Some(k) = k[0]
                .as_str()
                .and_then(|s| PublicKey::parse_with_prefix(s).ok().map(|(k, _)| k))
            {
                if have.contains(&k) && !wanted.contains(&k) {
                    wanted.push(k);
                }
            }
        }
    }
    if wanted.is_empty() {
        return Err(CliError::Failed(format!(
            "the wallet holds no active key of {}",
            names.join(", ")
        )));
    }
    super::wallet::wallet_keys_with(g, password_file, &wanted)
}

fn summary(r: &JobReport) -> String {
    let mut parts = Vec::new();
    for o in &r.operations {
        match o[0].as_u64() {
            Some(23) => parts.push(format!(
                "approve {}",
                o[1]["proposal"].as_str().unwrap_or("?")
            )),
            Some(22) => {
                let names: Vec<String> = o[1]["proposed_ops"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| op_name(&p["op"]))
                    .collect();
                parts.push(format!("propose [{}]", names.join(", ")));
            }
            _ => parts.push(op_name(o)),
        }
    }
    if parts.is_empty() && !r.reason.is_empty() {
        return r.reason.clone();
    }
    parts.join("; ")
}

fn op_name(op: &Value) -> String {
    op[0]
        .as_u64()
        .and_then(|i| crate::protocol::operations::OPERATION_NAMES.get(i as usize))
        .map_or_else(
            || op[0].to_string(),
            |n| n.trim_end_matches('*').to_string(),
        )
}

impl ReplayArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let intake = intake(g)?;
        let items = read_inputs(&self.files);
        // -d / -x: nothing is broadcast, so nothing needs signing either.
        let dry_run = self.dry_run || g.nobroadcast || g.unsigned;
        let no_node = g.node.iter().all(|n| n.trim().is_empty());
        let use_devnet = self.devnet || (dry_run && no_node);
        // `--now incident`: each job runs at its incident's timestamp.
        let at_incident = g.now == Some(config::NowArg::Incident);
        let clock = config::clock(g);
        let mut store = match (&g.db, use_devnet) {
            (None, true) => Store::in_memory()?,
            _ => Store::open(&config::db_path(g)?)?,
        };
        let rt = chain::runtime()?;
        let reports = rt.block_on(async {
            let n = node(g, use_devnet).await?;
            let c = client(g, &n)?;
            let proposer = match (&self.proposer, &n.devnet) {
                (Some(p), _) => p.clone(),
                (None, Some(_)) => "init0".to_string(),
                (None, None) => {
                    return Err(CliError::Usage("give --proposer (the witness account)".into()))
                }
            };
            let approver = self.approver.clone().unwrap_or_else(|| proposer.clone());
            let keys = if dry_run {
                Vec::new()
            } else if n.devnet.is_some() {
                n.keys
                    .iter()
                    .filter(|(a, _)| *a == proposer || *a == approver)
                    .map(|(_, k)| k.clone())
                    .collect()
            } else {
                account_keys(g, &c, &[&proposer, &approver]).await?
            };
            let engine = Engine {
                client: c,
                sports: super::sports::load(g, None)?,
                proposer,
                approver,
                keys,
                dry_run,
                blocking: true,
                settings: crate::triggers::Settings {
                    checkers: config::checkers(&self.checkers)?,
                    ..Default::default()
                },
            };
            let bar = if items.len() >= PROGRESS_FROM {
                let b = ProgressBar::with_draw_target(Some(items.len() as u64), ProgressDrawTarget::stderr());
                if let Ok(s) = ProgressStyle::with_template("{bar:40} {pos}/{len} incidents {per_sec} {eta}") {
                    b.set_style(s);
                }
                b
            } else {
                ProgressBar::hidden()
            };
            let mut reports = Vec::new();
            for (origin, item) in items {
                bar.inc(1);
                let inc = match check(&intake, item) {
                    Ok(i) => i,
                    Err(reason) => {
                        reports.push(json!({"unique_string": origin, "call": null, "status": "invalid", "operations": [], "reason": reason}));
                        continue;
                    }
                };
                let now = if at_incident {
                    inc.timestamp
                        .as_deref()
                        .and_then(|t| config::time_arg(t).ok())
                        .unwrap_or_else(|| clock.now())
                } else {
                    clock.now()
                };
                let r = engine.process(&mut store, &inc, now).await.map_err(engine_err)?;
                let mut j = r.to_json();
                let mut sum = summary(&r);
                for n in r.notes.iter().filter(|n| n.starts_with("not approving")) {
                    sum = if sum.is_empty() { n.clone() } else { format!("{sum}; {n}") };
                }
                j["summary"] = json!(sum);
                reports.push(j);
            }
            bar.finish_and_clear();
            if let Some(d) = n.devnet {
                d.stop().await;
            }
            Ok::<_, CliError>(reports)
        })?;
        if g.json {
            let out: Vec<Value> = reports
                .into_iter()
                .map(|mut r| {
                    if let Value::Object(m) = &mut r {
                        m.remove("summary");
                        m.remove("reason");
                    }
                    r
                })
                .collect();
            output::json(&Value::Array(out), false);
        } else {
            let rows = reports
                .iter()
                .map(|r| {
                    vec![
                        r["unique_string"].as_str().unwrap_or_default().to_string(),
                        r["status"].as_str().unwrap_or_default().to_string(),
                        r["summary"]
                            .as_str()
                            .or(r["reason"].as_str())
                            .unwrap_or_default()
                            .to_string(),
                    ]
                })
                .collect();
            output::table(&["incident", "status", "operations"], rows);
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ApproveArgs {
    /// The witness account this node proposes as; its own pending proposals get the
    /// approver's approval (bos-auto's self-approval)
    #[arg(long, value_name = "A")]
    pub proposer: Option<String>,
    /// Account that approves [default: the proposer]
    #[arg(long, value_name = "A")]
    pub approver: Option<String>,
    /// Decide and print, but broadcast nothing (no wallet needed; -d and -x do the same)
    #[arg(long)]
    pub dry_run: bool,
    /// An approval checker: a shell command, an http(s) URL, or a JSON object
    /// {name, command|url, timeout, on_error, own}; repeat for more (all must agree)
    #[arg(long = "checker", value_name = "SPEC")]
    pub checkers: Vec<String>,
    /// Only these pending proposals (1.10.x) [default: all]
    pub ids: Vec<String>,
}

impl ApproveArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let proposer = self
            .proposer
            .clone()
            .ok_or_else(|| CliError::Usage("give --proposer (the witness account)".into()))?;
        for id in &self.ids {
            if !id.starts_with("1.10.") || crate::protocol::ObjectId::parse(id).is_err() {
                return Err(CliError::Usage(format!(
                    "{id:?} is not a proposal id (1.10.N)"
                )));
            }
        }
        let approver = self.approver.clone().unwrap_or_else(|| proposer.clone());
        let dry_run = self.dry_run || g.nobroadcast || g.unsigned;
        // Other witnesses' proposals are re-derived from the stored incidents with
        // the sports data; without it only the proposer's own can be approved.
        let mut notes = Vec::new();
        let sports = match config::sports_dir(g) {
            Ok(d) => super::sports::load(g, Some(d))?,
            Err(_) => {
                notes.push(
                    "no sports folder (--sports): other witnesses' proposals cannot be re-derived"
                        .to_string(),
                );
                crate::sports::Chain {
                    name: String::new(),
                    dir: PathBuf::new(),
                    chain_id: "*".into(),
                    sports: Vec::new(),
                }
            }
        };
        let mut store = Store::open(&config::db_path(g)?)?;
        let now = config::clock(g).now();
        let rt = chain::runtime()?;
        let report = rt.block_on(async {
            let mut engine = Engine {
                client: chain::client(g)?,
                sports,
                proposer: proposer.clone(),
                approver: approver.clone(),
                keys: Vec::new(),
                dry_run: true,
                blocking: false,
                settings: crate::triggers::Settings {
                    checkers: config::checkers(&self.checkers)?,
                    ..Default::default()
                },
            };
            let mut report = engine
                .approve(&mut store, now, &self.ids)
                .await
                .map_err(engine_err)?;
            if !report.operations.is_empty() && !dry_run {
                engine.keys = account_keys(g, &engine.client, &[&approver]).await?;
                let ops = report.built.clone();
                report.broadcast = Some(engine.broadcast_ops(ops).await.map_err(engine_err)?);
            }
            Ok::<_, CliError>(report)
        })?;
        for n in notes.iter().chain(&report.notes) {
            output::warn(n);
        }
        if g.json {
            let v = json!({
                "decisions": report.decisions.iter().map(|d| json!({
                    "proposal": d.proposal,
                    "proposer": d.proposer,
                    "approved": d.approved,
                    "reason": d.reason,
                })).collect::<Vec<_>>(),
                "operations": report.operations,
                "broadcast": report.broadcast,
            });
            output::json(&v, false);
        } else if report.decisions.is_empty() {
            output::line("no pending witness proposals");
        } else {
            let verb = if dry_run { "would approve" } else { "approved" };
            output::table(
                &["proposal", "proposer", "result", "why"],
                report
                    .decisions
                    .iter()
                    .map(|d| {
                        vec![
                            d.proposal.clone(),
                            d.proposer.clone(),
                            if d.approved { verb } else { "skipped" }.to_string(),
                            d.reason.clone(),
                        ]
                    })
                    .collect(),
            );
        }
        Ok(())
    }
}

/// Names of the objects an operation refers to.
async fn name_of(c: &Client, id: &str) -> String {
    if !crate::sync::job::valid_real(id) {
        return id.to_string();
    }
    match c.db("get_objects", json!([[id]])).await {
        Ok(v) => {
            let o = &v[0];
            let n = crate::sync::view::display_name(o);
            n.map_or_else(|| id.to_string(), |n| format!("{id} ({n})"))
        }
        Err(_) => id.to_string(),
    }
}

async fn render(c: &Client, op: &Value) -> String {
    let body = &op[1];
    let mut parts = vec![op_name(op)];
    for k in ["name", "description", "new_name", "new_description"] {
        if let Some(en) = lang(&body[k], "en") {
            parts.push(format!("{en:?}"));
        }
    }
    for k in [
        "event_id",
        "group_id",
        "event_group_id",
        "sport_id",
        "rules_id",
        "asset_id",
        "betting_market_group_id",
    ] {
        if let Some(id) = body[k].as_str() {
            parts.push(format!("{k}={}", name_of(c, id).await));
        }
    }
    if let Some(s) = body["status"].as_str() {
        parts.push(format!("status={s}"));
    }
    if let Some(s) = body["scores"].as_array().filter(|s| !s.is_empty()) {
        parts.push(format!("scores={}", Value::Array(s.clone())));
    }
    if let Some(r) = body["resolutions"].as_array() {
        for p in r {
            parts.push(format!(
                "{}={}",
                name_of(c, p[0].as_str().unwrap_or_default()).await,
                p[1].as_str().unwrap_or_default()
            ));
        }
    }
    if let Some(t) = body["start_time"].as_str() {
        parts.push(format!("start={t}"));
    }
    parts.join(" ")
}

/// A pending proposal with its operations rendered with names and its approvers.
pub async fn describe(c: &Client, p: &Value, store: Option<&Store>) -> Value {
    let mut ops = Vec::new();
    for o in p["proposed_transaction"]["operations"]
        .as_array()
        .into_iter()
        .flatten()
    {
        ops.push(render(c, o).await);
    }
    let mut approved = Vec::new();
    for a in p["available_active_approvals"]
        .as_array()
        .into_iter()
        .flatten()
    {
        approved.push(name_of(c, a.as_str().unwrap_or_default()).await);
    }
    let checks = store
        .and_then(|s| s.checks(p["id"].as_str().unwrap_or_default()).ok())
        .unwrap_or_default();
    json!({
        "id": p["id"],
        "proposer": name_of(c, p["proposer"].as_str().unwrap_or_default()).await,
        "expiration_time": p["expiration_time"],
        "operations": ops,
        "approved_by": approved,
        "checks": checks,
        "proposal": p,
    })
}

/// The incident store, if there is one already (listings never create it).
pub fn existing_store(g: &GlobalArgs) -> Option<Store> {
    let p = config::db_path(g).ok()?;
    if !p.exists() {
        return None;
    }
    Store::open(&p).ok()
}

/// Prints what [`describe`] made.
pub fn print_proposal(p: &Value) {
    output::line(&format!(
        "{} by {} (expires {})",
        p["id"].as_str().unwrap_or_default(),
        p["proposer"].as_str().unwrap_or_default(),
        p["expiration_time"].as_str().unwrap_or_default()
    ));
    for (i, o) in p["operations"].as_array().into_iter().flatten().enumerate() {
        output::line(&format!("  {i:>3}  {}", o.as_str().unwrap_or_default()));
    }
    let a: Vec<&str> = p["approved_by"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    output::line(&format!(
        "  approved by: {}",
        if a.is_empty() {
            "nobody".to_string()
        } else {
            a.join(", ")
        }
    ));
    for c in p["checks"].as_array().into_iter().flatten() {
        let who = format!(
            "checker {} for {}",
            c["checker"].as_str().unwrap_or_default(),
            c["approver"].as_str().unwrap_or_default()
        );
        if c["approved"] == true {
            output::line(&format!(
                "  {who}: agreed ({})",
                c["at"].as_str().unwrap_or_default()
            ));
        } else {
            output::line(&format!(
                "  {who}: REFUSED: {} ({})",
                c["reason"].as_str().unwrap_or_default(),
                c["at"].as_str().unwrap_or_default()
            ));
        }
    }
}

/// `bos proposals [ACCOUNT]`: pending proposals with their operations named.
pub fn list_proposals(g: &GlobalArgs, account: Option<String>) -> Result<(), CliError> {
    let who = account.unwrap_or_else(|| "witness-account".into());
    let rt = chain::runtime()?;
    rt.block_on(async {
        let c = chain::client(g)?;
        let ps = c.db("get_proposed_transactions", json!([who])).await?;
        let store = existing_store(g);
        let mut out = Vec::new();
        for p in ps.as_array().into_iter().flatten() {
            out.push(describe(&c, p, store.as_ref()).await);
        }
        if g.json {
            output::json(&Value::Array(out), false);
        } else if out.is_empty() {
            output::line(&format!("no pending proposals for {who}"));
        } else {
            for p in &out {
                print_proposal(p);
            }
        }
        Ok(())
    })
}
