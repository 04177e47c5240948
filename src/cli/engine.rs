//! The BOS engine commands: `bos incident replay`, `bos approve`.
//! Arguments, the call into [`crate::engine`], and the printing.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};

use super::intake::{check, intake, read_inputs};
// `chain::` names the shared node helpers (super::node), as before they moved there.
use super::node::{self as chain, engine_client as client, engine_sender, node};
use super::{config, output, CliError, GlobalArgs};
use crate::chain::Chain;
use crate::engine::{Approver, EngineError, JobReport, JobRunner, Parts};
use crate::incidents::store::Store;
use crate::protocol::operations::{Operation, OPERATION_NAMES};
use crate::protocol::{Json, JsonCx};

/// Inputs from this size on get a progress bar.
const PROGRESS_FROM: usize = 2000;

pub(crate) fn engine_err(e: EngineError) -> CliError {
    match e {
        EngineError::Rpc(e) => CliError::Node(e),
        EngineError::Store(e) => CliError::Incidents(e),
        EngineError::Chain(e) => CliError::Chain(*e),
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

fn summary(r: &JobReport) -> String {
    let mut parts = Vec::new();
    for o in &r.operations {
        match o {
            Operation::ProposalUpdate(u) => parts.push(format!("approve {}", u.proposal)),
            Operation::ProposalCreate(p) => {
                let names: Vec<String> = p.proposed_ops.iter().map(|w| op_name(&w.op)).collect();
                parts.push(format!("propose [{}]", names.join(", ")));
            }
            other => parts.push(op_name(other)),
        }
    }
    if parts.is_empty() && !r.reason.is_empty() {
        return r.reason.clone();
    }
    parts.join("; ")
}

fn op_name(op: &Operation) -> String {
    OPERATION_NAMES.get(op.id() as usize).map_or_else(
        || op.id().to_string(),
        |n| n.trim_end_matches('*').to_string(),
    )
}

impl ReplayArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let intake = intake(g)?;
        let items = read_inputs(&self.files);
        // --dry-run and -x build without keys; -d signs without broadcasting.
        let mode = chain::mode(g, self.dry_run);
        let dry_run = !mode.broadcasts();
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
            let ch = Chain::new(client(g, &n)?);
            let proposer = match (&self.proposer, &n.devnet) {
                (Some(p), _) => p.clone(),
                (None, Some(_)) => "init0".to_string(),
                (None, None) => {
                    return Err(CliError::Usage("give --proposer (the witness account)".into()))
                }
            };
            let approver = self.approver.clone().unwrap_or_else(|| proposer.clone());
            let sender = engine_sender(g, &ch, &n, &[&proposer, &approver], None, mode).await?;
            let parts = Parts::new(super::config::load_sports(g, None)?, &proposer, &approver)
                .with_settings(crate::triggers::Settings {
                    checkers: config::checkers(&self.checkers)?,
                    ..Default::default()
                });
            let engine = JobRunner::new(sender, parts, true);
            let prefix = ch.prefix().await?.to_string();
            let cx = JsonCx { prefix: &prefix };
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
                let mut j = r.to_json(&cx);
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
    /// Decide and print, but sign and broadcast nothing (no wallet needed; the same
    /// as -x; -d signs and prints the transaction without broadcasting it)
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
        let mode = chain::mode(g, self.dry_run);
        // Other witnesses' proposals are re-derived from the stored incidents with
        // the sports data; without it only the proposer's own can be approved.
        let mut notes = Vec::new();
        let sports = match config::sports_dir(g) {
            Ok(d) => super::config::load_sports(g, Some(d))?,
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
            let ch = chain::chain(g)?;
            let sender =
                chain::sender(g, &ch, &[&approver], g.password_file.as_deref(), mode).await?;
            let parts = Parts::new(sports, &proposer, &approver).with_settings(
                config::trigger_settings(config::file_config()?, &self.checkers)?,
            );
            let report = Approver::new(sender, parts)
                .approve(&mut store, now, &self.ids)
                .await
                .map_err(engine_err)?;
            let prefix = ch.prefix().await?.to_string();
            if let Some(crate::chain::Outcome::Refused { refusal, .. }) = &report.sent {
                return Err(CliError::Chain(crate::chain::Error::Refused(
                    refusal.clone(),
                )));
            }
            Ok::<_, CliError>((report, prefix))
        })?;
        let (report, prefix) = report;
        let cx = JsonCx { prefix: &prefix };
        for n in notes.iter().chain(&report.notes) {
            output::warn(n);
        }
        // -d / -x: the transaction is the output, as on every command that broadcasts.
        if g.nobroadcast || g.unsigned {
            match &report.sent {
                Some(o) => output::json(&o.to_json(&cx), g.json),
                None => output::line("nothing to approve"),
            }
            return Ok(());
        }
        if g.json {
            let v = json!({
                "decisions": report.decisions.iter().map(|d| json!({
                    "proposal": d.proposal,
                    "proposer": d.proposer,
                    "approved": d.approved,
                    "reason": d.reason,
                })).collect::<Vec<_>>(),
                "operations": report.operations.iter().map(|o| o.to_json(&cx)).collect::<Vec<_>>(),
                "broadcast": report.sent.as_ref().map(|o| o.to_json(&cx)),
            });
            output::json(&v, true);
        } else if report.decisions.is_empty() {
            output::line("no pending witness proposals");
        } else {
            let verb = if mode.broadcasts() {
                "approved"
            } else {
                "would approve"
            };
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
