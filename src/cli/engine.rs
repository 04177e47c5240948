//! The BOS engine commands: `bos approve`, `bos proposals` (and the node and sender
//! `incident replay` shares).
//! Arguments, the call into [`crate::engine`], and the printing.

use std::path::PathBuf;

use serde_json::{json, Value};

use super::{chain, config, output, CliError, GlobalArgs};
use crate::chain::{Chain, Mode, Sender};
use crate::devnet::{ClockMode, Config, Devnet};
use crate::engine::{Approver, EngineError, Parts};
use crate::incidents::store::Store;
use crate::protocol::{Json, JsonCx, PrivateKey};
use crate::rpc::Client;

pub(crate) fn engine_err(e: EngineError) -> CliError {
    match e {
        EngineError::Rpc(e) => CliError::Node(e),
        EngineError::Store(e) => CliError::Incidents(e),
        EngineError::Chain(e) => CliError::Chain(*e),
        other => CliError::Failed(other.to_string()),
    }
}

/// A node the engine talks to: given, or an in-process devnet (shared with `bos serve`).
pub(crate) struct Node {
    /// The node's URLs, in failover order.
    pub urls: Vec<String>,
    pub devnet: Option<Devnet>,
    /// The devnet's accounts and their keys (empty for a given node).
    pub keys: Vec<(String, PrivateKey)>,
}

/// The node of `--node`, or (with `devnet`) an in-process devnet with the `--sports` objects.
pub(crate) async fn node(g: &GlobalArgs, devnet: bool) -> Result<Node, CliError> {
    if !devnet {
        return Ok(Node {
            urls: chain::node_urls(g),
            devnet: None,
            keys: Vec::new(),
        });
    }
    let mut config = Config::for_tests("bos-replay", 1);
    // A block as soon as a transaction arrives: a job waiting for its proposal's
    // block does not wait for a slot.
    config.clock = ClockMode::Automine;
    config.sports = Some(super::sports::load(g, None)?);
    let d = Devnet::start(config).await?;
    let keys = d.with_chain(|c| {
        c.accounts
            .iter()
            .map(|a| (a.name.clone(), a.key.clone()))
            .collect()
    });
    Ok(Node {
        urls: vec![d.url()],
        devnet: Some(d),
        keys,
    })
}

/// The engine's client: the in-process devnet's URL, or the configured nodes
/// (with their failover).
pub(crate) fn client(g: &GlobalArgs, n: &Node) -> Result<Client, CliError> {
    let urls = match n.devnet {
        Some(_) => n.urls.clone(),
        None => chain::node_urls(g),
    };
    Ok(Client::new(urls, chain::client_options(g)?)?)
}

/// The sender of an engine command: dry without keys, a devnet's own keys, or the
/// wallet's keys of `accounts`.
pub(crate) async fn engine_sender(
    g: &GlobalArgs,
    chain: &Chain,
    node: &Node,
    accounts: &[&str],
    password_file: Option<&std::path::Path>,
    mode: Mode,
) -> Result<Sender, CliError> {
    if node.devnet.is_some() && mode.signs() {
        let keys: Vec<PrivateKey> = node
            .keys
            .iter()
            .filter(|(a, _)| accounts.contains(&a.as_str()))
            .map(|(_, k)| k.clone())
            .collect();
        return Ok(Sender::new(chain.clone(), mode, g.expiration, keys));
    }
    chain::sender(g, chain, accounts, password_file, mode).await
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
    /// Read the wallet password from this file (else BOS_WALLET_PASSWORD, UNLOCK, a prompt)
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
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
            let ch = chain::chain(g)?;
            let sender =
                chain::sender(g, &ch, &[&approver], self.password_file.as_deref(), mode).await?;
            let parts =
                Parts::new(sports, &proposer, &approver).with_settings(crate::triggers::Settings {
                    checkers: config::checkers(&self.checkers)?,
                    ..Default::default()
                });
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
            output::json(&v, false);
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

/// A pending proposal described ([`crate::sync::describe`]) with this store's
/// checker verdicts and hold mark.
pub async fn describe(c: &Client, p: &Value, store: Option<&Store>) -> Value {
    let mut d = crate::sync::describe::describe(c, p).await;
    if let Some(s) = store {
        crate::sync::describe::annotate(&mut d, s);
    }
    d
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
    for a in p["approvals"].as_array().into_iter().flatten() {
        if a["more_needed"].as_u64().unwrap_or(0) > 0 {
            output::line(&format!(
                "  needs {} more approval(s) of {}",
                a["more_needed"],
                a["account"].as_str().unwrap_or_default()
            ));
        }
    }
    if let Some(h) = p["held"].as_object() {
        output::line(&format!(
            "  HELD since {}: no approval routine approves it{}",
            h.get("at").and_then(Value::as_str).unwrap_or_default(),
            match h
                .get("note")
                .and_then(Value::as_str)
                .filter(|n| !n.is_empty())
            {
                Some(n) => format!(" ({n})"),
                None => String::new(),
            }
        ));
    }
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
