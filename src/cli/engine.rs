//! The BOS engine commands: `bos approve`, `bos proposals` (and the node and sender
//! `incident replay` shares).
//! Arguments, the call into [`crate::engine`], and the printing.

use std::path::PathBuf;

use serde_json::json;

// `chain::` names the shared node helpers (super::node), as before they moved there.
use super::node::{self as chain, engine_err};
use super::{output, CliError, Settings};
use crate::engine::{Approver, Parts};
use crate::incidents::store::Store;
use crate::protocol::{Json, JsonCx};

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
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
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
        let mode = g.mode(self.dry_run);
        // Other witnesses' proposals are re-derived from the stored incidents with
        // the sports data; without it only the proposer's own can be approved.
        let mut notes = Vec::new();
        let sports = match g.sports_dir() {
            Ok(d) => g.load_sports(Some(&d))?,
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
        let mut store = Store::open(&g.db_path()?)?;
        let now = g.clock.now();
        let rt = chain::runtime()?;
        let report = rt.block_on(async {
            let ch = chain::chain(g)?;
            let sender = chain::sender(g, &ch, &[&approver], mode).await?;
            let parts = Parts::new(sports, &proposer, &approver)
                .with_settings(g.trigger_settings(&self.checkers)?);
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
