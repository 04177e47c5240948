//! The BOS engine commands: `bos incident replay`, `bos approve`, `bos proposals`.
//! Arguments, the call into [`crate::sync::engine`], and the printing.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};

use super::incident::{check, intake, read_inputs};
use super::{chain, config, output, CliError, GlobalArgs};
use crate::devnet::{ClockMode, Config, Devnet};
use crate::incidents::store::Store;
use crate::protocol::{PrivateKey, PublicKey};
use crate::rpc::{Client, Options};
use crate::sync::engine::{self_approvals, Engine, EngineError, JobReport};
use crate::sync::view::{lang, ChainView};

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
    /// "Now" for each job: `incident` (the incident's timestamp) or an RFC 3339 time
    /// [default: --now, else the clock]
    #[arg(long = "at", value_name = "incident|TIME")]
    pub at: Option<String>,
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

/// The engine's client for one URL.
pub(crate) fn client(url: &str) -> Result<Client, CliError> {
    Ok(Client::new(
        vec![url.to_string()],
        Options {
            timeout: std::time::Duration::from_secs(30),
            max_lag: None,
            ..Options::default()
        },
    )?)
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
        let at_incident = self.at.as_deref() == Some("incident");
        let fixed: Option<DateTime<Utc>> = match self.at.as_deref() {
            None | Some("incident") => None,
            Some(t) => Some(config::time_arg(t).map_err(CliError::Usage)?),
        };
        let clock = config::clock(g);
        let mut store = match (&g.db, use_devnet) {
            (None, true) => Store::in_memory()?,
            _ => Store::open(&config::db_path(g)?)?,
        };
        let rt = chain::runtime()?;
        let reports = rt.block_on(async {
            let n = node(g, use_devnet).await?;
            let c = client(&n.url)?;
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
                    fixed.unwrap_or_else(|| clock.now())
                };
                let r = engine.process(&mut store, &inc, now).await.map_err(engine_err)?;
                let mut j = r.to_json();
                j["summary"] = json!(summary(&r));
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
    /// Proposer whose own proposals get the approver's approval (bos-auto's self-approval)
    #[arg(long, value_name = "A")]
    pub proposer: Option<String>,
    /// Account that approves [default: the proposer]
    #[arg(long, value_name = "A")]
    pub approver: Option<String>,
    /// Only these pending proposals (1.10.x) [default: all]
    pub ids: Vec<String>,
}

impl ApproveArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let proposer = self
            .proposer
            .clone()
            .ok_or_else(|| CliError::Usage("give --proposer (the witness account)".into()))?;
        let approver = self.approver.clone().unwrap_or_else(|| proposer.clone());
        let rt = chain::runtime()?;
        rt.block_on(async {
            let c = chain::client(g)?;
            let view = ChainView::load(&c, "", "", None, &[proposer.as_str(), approver.as_str()]).await?;
            let pid = view.accounts.get(&proposer).cloned().unwrap_or_default();
            let aid = view
                .accounts
                .get(&approver)
                .cloned()
                .ok_or_else(|| CliError::Failed(format!("account {approver:?} is not on chain")))?;
            let mut ops = self_approvals(&view, &pid, &aid);
            ops.retain(|o| match o {
                crate::protocol::Operation::ProposalUpdate(u) => {
                    self.ids.is_empty() || self.ids.contains(&u.proposal.to_string())
                }
                _ => false,
            });
            let approving: Vec<String> = ops
                .iter()
                .filter_map(|o| match o {
                    crate::protocol::Operation::ProposalUpdate(u) => Some(u.proposal.to_string()),
                    _ => None,
                })
                .collect();
            let mut rows = Vec::new();
            for p in &view.proposals {
                let id = p["id"].as_str().unwrap_or_default().to_string();
                if !self.ids.is_empty() && !self.ids.contains(&id) {
                    continue;
                }
                let why = if approving.contains(&id) {
                    "approved: made by the proposer, not yet approved by the approver".to_string()
                } else if p["available_active_approvals"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(aid.as_str())))
                {
                    "skipped: already approved".to_string()
                } else if p["proposer"].as_str() != Some(pid.as_str()) {
                    "skipped: another witness's proposal is approved only when an incident job reproduces every operation".to_string()
                } else {
                    "skipped".to_string()
                };
                rows.push((id, why));
            }
            if !ops.is_empty() {
                let keys = account_keys(g, &c, &[&approver]).await?;
                let c = chain::client(g)?;
                let engine = Engine {
                    client: c,
                    sports: crate::sports::Chain {
                        name: String::new(),
                        dir: PathBuf::new(),
                        chain_id: "*".into(),
                        sports: Vec::new(),
                    },
                    proposer: proposer.clone(),
                    approver: approver.clone(),
                    keys,
                    dry_run: false,
                    blocking: false,
                };
                engine.broadcast_ops(ops).await.map_err(engine_err)?;
            }
            if g.json {
                let v: Vec<Value> = rows.iter().map(|(id, why)| json!({"proposal": id, "result": why})).collect();
                output::json(&Value::Array(v), false);
            } else {
                output::table(&["proposal", "result"], rows.into_iter().map(|(a, b)| vec![a, b]).collect());
            }
            Ok(())
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct ProposalsArgs {
    /// Account whose pending proposals to list [default: witness-account]
    pub account: Option<String>,
}

/// Names of the objects an operation refers to.
async fn name_of(c: &Client, id: &str) -> String {
    if !crate::sync::job::valid_real(id) {
        return id.to_string();
    }
    match c.db("get_objects", json!([[id]])).await {
        Ok(v) => {
            let o = &v[0];
            let n = lang(&o["name"], "en")
                .or_else(|| lang(&o["description"], "en"))
                .or(o["name"].as_str())
                .or(o["symbol"].as_str());
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

impl ProposalsArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let who = self
            .account
            .clone()
            .unwrap_or_else(|| "witness-account".into());
        let rt = chain::runtime()?;
        rt.block_on(async {
            let c = chain::client(g)?;
            let ps = c.db("get_proposed_transactions", json!([who])).await?;
            let mut out = Vec::new();
            for p in ps.as_array().into_iter().flatten() {
                let mut ops = Vec::new();
                for o in p["proposed_transaction"]["operations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    ops.push(render(&c, o).await);
                }
                let mut approved = Vec::new();
                for a in p["available_active_approvals"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    approved.push(name_of(&c, a.as_str().unwrap_or_default()).await);
                }
                out.push(json!({
                    "id": p["id"],
                    "proposer": name_of(&c, p["proposer"].as_str().unwrap_or_default()).await,
                    "expiration_time": p["expiration_time"],
                    "operations": ops,
                    "approved_by": approved,
                    "proposal": p,
                }));
            }
            if g.json {
                output::json(&Value::Array(out), false);
            } else if out.is_empty() {
                output::line(&format!("no pending proposals for {who}"));
            } else {
                for p in &out {
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
                }
            }
            Ok(())
        })
    }
}
