//! `bos propose` (manual intervention: bos-mint's cart from the shell) and the
//! `bos proposals` group (list, show, approve, withdraw).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use super::{config, node, output, CliError, Settings};
use crate::chain::{Chain, Outcome, Wait};
use crate::engine::manual::{Cart, ManualError};
use crate::incidents::store::Store;
use crate::protocol::operations::{Operation, ProposalUpdate};
use crate::protocol::types::{BettingMarketGroupStatus, EventStatus};
use crate::protocol::{ids::Id, JsonCx, TimePointSec};
use crate::rpc::Client;
use crate::sync::describe::Namer;

fn manual_err(e: ManualError) -> CliError {
    match e {
        ManualError::Refused(m) => CliError::Failed(format!("refused: {m}")),
        ManualError::Rpc(e) => CliError::Node(e),
        ManualError::Engine(e) => CliError::Failed(e.to_string()),
    }
}

fn event_status(s: &str) -> Result<EventStatus, String> {
    EventStatus::parse(s)
        .filter(|x| *x != EventStatus::Settled)
        .ok_or_else(|| format!("{s:?}: give upcoming, in_progress, frozen, finished or canceled"))
}

fn bmg_status(s: &str) -> Result<BettingMarketGroupStatus, String> {
    use BettingMarketGroupStatus as G;
    G::parse(s)
        .filter(|x| {
            matches!(
                x,
                G::Upcoming | G::InPlay | G::Frozen | G::Closed | G::Canceled
            )
        })
        .ok_or_else(|| format!("{s:?}: give upcoming, in_play, frozen, closed or canceled"))
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Several actions make one proposal: separate them with `--`, e.g.\n  \
    bos propose --proposer init0 event-status 1.22.0 finished --scores 2,1 -- resolve 1.24.0 --win 1.25.1\n\
    or put one per line in a --batch file. `0.0.N` names the object operation N (from 0) creates.\n\
    Each action is checked against the chain's state machines before anything is signed."
)]
pub struct ProposeArgs {
    /// Account that proposes and pays the proposal fee (a witness account)
    #[arg(long, global = true, env = "BOS_PROPOSER", value_name = "A")]
    pub proposer: Option<String>,
    /// Proposal lifetime in seconds
    #[arg(
        long = "proposal-expiration",
        alias = "proposal_expiration",
        global = true,
        value_name = "SECS",
        default_value_t = 86_400
    )]
    pub proposal_expiration: u32,
    /// Review period in seconds (BOS proposals need none)
    #[arg(
        long = "proposal-review",
        alias = "proposal_review",
        global = true,
        value_name = "SECS"
    )]
    pub proposal_review: Option<u32>,
    /// More actions, one per line as on the command line
    /// (`event-status 1.22.0 finished --scores 2,1`); `#` starts a comment
    #[arg(long, global = true, value_name = "FILE")]
    pub batch: Option<PathBuf>,
    /// Approve the new proposal as the proposer right away (bos-mint's automatic approval)
    #[arg(long, global = true)]
    pub approve: bool,
    #[command(subcommand)]
    pub action: Option<Action>,
}

/// One action; `-- ACTION ...` after it adds the next one to the same proposal.
#[derive(Subcommand, Debug, Clone)]
pub enum Action {
    /// Set an event's status (event_update_status)
    EventStatus {
        /// The event (1.22.N)
        event: String,
        /// upcoming, in_progress, frozen, finished or canceled
        #[arg(value_parser = event_status)]
        status: EventStatus,
        /// Scores, home first, whole numbers: --scores 2,1
        #[arg(long, value_delimiter = ',', value_name = "H,A", value_parser = super::input::score_arg)]
        scores: Vec<String>,
        /// The next action
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// Set a betting market group's status (betting_market_group_update)
    BmgStatus {
        /// The group (1.24.N)
        bmg: String,
        /// upcoming, in_play, frozen, closed or canceled
        #[arg(value_parser = bmg_status)]
        status: BettingMarketGroupStatus,
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// Resolve a closed group: one market wins, the others do not; or cancel all
    #[command(group(clap::ArgGroup::new("outcome").args(["win", "cancel"]).required(true)))]
    Resolve {
        /// The group (1.24.N)
        bmg: String,
        /// The winning market (1.25.N)
        #[arg(long, value_name = "BM_ID", conflicts_with = "cancel")]
        win: Option<String>,
        /// Cancel every market (bets refunded)
        #[arg(long)]
        cancel: bool,
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// An event with its groups and markets, named from bookiesports as the engine names them
    CreateEvent {
        /// Sport (name or alias from bookiesports)
        #[arg(long)]
        sport: String,
        /// Event group (name or alias)
        #[arg(long)]
        event_group: String,
        /// Home team (name or alias)
        #[arg(long)]
        home: String,
        /// Away team (name or alias)
        #[arg(long)]
        away: String,
        /// Start time, RFC 3339
        #[arg(long, value_parser = config::time_arg)]
        start: chrono::DateTime<chrono::Utc>,
        /// Season, e.g. 2018/2019
        #[arg(long)]
        season: Option<String>,
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// A free-text betting market group (futures, novelty markets)
    CreateBmg {
        /// The event (1.22.N, or 0.0.N for one created earlier in this proposal)
        event: String,
        /// Description: TEXT (English) or LANG=TEXT; repeat for more languages
        #[arg(long = "name", required = true, value_name = "[LANG=]TEXT")]
        names: Vec<String>,
        /// Rule: its id (1.23.N) or English name
        #[arg(long)]
        rules: String,
        /// Asset bets are made in: symbol or id
        #[arg(long)]
        asset: String,
        /// Never goes in play
        #[arg(long)]
        never_in_play: bool,
        /// Seconds between grading and settling
        #[arg(long, value_name = "SECS", default_value_t = 0)]
        delay_before_settling: u32,
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// A free-text betting market
    CreateBm {
        /// The group (1.24.N, or 0.0.N for one created earlier in this proposal)
        group: String,
        /// Description: TEXT (English) or LANG=TEXT; repeat for more languages
        #[arg(long = "name", required = true, value_name = "[LANG=]TEXT")]
        names: Vec<String>,
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
    /// Create or update the sports, event groups and rules of --sports the chain lacks
    /// or has differently (bookiesports sync)
    SyncSports {
        #[arg(last = true, value_name = "ACTION")]
        next: Vec<String>,
    },
}

impl Action {
    /// What clap cannot check on one action: `--scores` gives both scores or none.
    fn check(&self) -> Result<(), CliError> {
        match self {
            Action::EventStatus { event, scores, .. } if !(scores.is_empty() || scores.len() == 2) => {
                Err(CliError::Usage(format!(
                    "event-status {event}: --scores takes two scores, home first (--scores 2,1), not {}",
                    scores.len()
                )))
            }
            _ => Ok(()),
        }
    }

    /// The library's form of the action (what `Cart::apply` takes).
    fn to_library(&self) -> crate::engine::manual::Action {
        use crate::engine::manual::Action as A;
        match self.clone() {
            Action::EventStatus {
                event,
                status,
                scores,
                ..
            } => A::EventStatus {
                event,
                status,
                scores,
            },
            Action::BmgStatus { bmg, status, .. } => A::BmgStatus { bmg, status },
            Action::Resolve {
                bmg, win, cancel, ..
            } => A::Resolve { bmg, win, cancel },
            Action::CreateEvent {
                sport,
                event_group,
                home,
                away,
                start,
                season,
                ..
            } => A::CreateEvent {
                sport,
                event_group,
                home,
                away,
                start,
                season,
            },
            Action::CreateBmg {
                event,
                names,
                rules,
                asset,
                never_in_play,
                delay_before_settling,
                ..
            } => A::CreateBmg {
                event,
                names,
                rules,
                asset,
                never_in_play,
                delay_before_settling,
            },
            Action::CreateBm { group, names, .. } => A::CreateBm { group, names },
            Action::SyncSports { .. } => A::SyncSports,
        }
    }

    fn next(&self) -> &[String] {
        match self {
            Action::EventStatus { next, .. }
            | Action::BmgStatus { next, .. }
            | Action::Resolve { next, .. }
            | Action::CreateEvent { next, .. }
            | Action::CreateBmg { next, .. }
            | Action::CreateBm { next, .. }
            | Action::SyncSports { next } => next,
        }
    }
}

/// A chained action, parsed on its own.
#[derive(Parser, Debug)]
#[command(name = "bos propose", no_binary_name = true)]
struct Chained {
    #[command(subcommand)]
    action: Action,
}

fn parse_chunk(tokens: &[String], origin: &str) -> Result<Action, CliError> {
    Chained::try_parse_from(tokens)
        .map(|c| c.action)
        .map_err(|e| {
            let text = e.to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("bad action")
                .trim_start_matches("error: ")
                .to_string();
            CliError::Usage(format!("{origin}: {first}"))
        })
}

/// Splits a batch line like a shell: whitespace, 'single' and "double" quotes, `\` escapes.
pub fn split_line(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                any = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("unclosed '".into()),
                    }
                }
            }
            '"' => {
                any = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x) => cur.push(x),
                            None => return Err("trailing \\".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("unclosed \"".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(x) => {
                    any = true;
                    cur.push(x)
                }
                None => return Err("trailing \\".into()),
            },
            '#' if !any && cur.is_empty() => break,
            c if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn collect(first: Option<Action>, batch: Option<&Path>) -> Result<Vec<Action>, CliError> {
    let mut out = Vec::new();
    if let Some(path) = batch {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        for (n, line) in text.lines().enumerate() {
            let origin = format!("{}:{}", path.display(), n + 1);
            let tokens = split_line(line).map_err(|e| CliError::Usage(format!("{origin}: {e}")))?;
            if tokens.is_empty() {
                continue;
            }
            let mut a = parse_chunk(&tokens, &origin)?;
            loop {
                let next = a.next().to_vec();
                out.push(a);
                if next.is_empty() {
                    break;
                }
                a = parse_chunk(&next, &origin)?;
            }
        }
    }
    let mut cur = first;
    while let Some(a) = cur {
        let next = a.next().to_vec();
        out.push(a);
        cur = if next.is_empty() {
            None
        } else {
            Some(parse_chunk(&next, "after --")?)
        };
    }
    Ok(out)
}

/// Prints a transaction `-d` or `-x` kept from the node; true when it did.
pub async fn print_kept(g: &Settings, chain: &Chain, out: &Outcome) -> Result<bool, CliError> {
    match out {
        Outcome::Signed(_) | Outcome::Unsigned(_) => {
            let prefix = chain.prefix().await?.to_string();
            output::json(&out.to_json(&JsonCx { prefix: &prefix }), g.json);
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn approval(account: &str, proposal: &str, add: bool) -> Result<Operation, CliError> {
    let a = Id::parse(account).map_err(|e| CliError::Failed(format!("{account}: {e}")))?;
    let p = Id::parse(proposal)
        .map_err(|_| CliError::Usage(format!("{proposal:?} is not a proposal id (1.10.N)")))?;
    Ok(ProposalUpdate::active_approval(a, p, add).into())
}

impl ProposeArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let actions = collect(self.action.clone(), self.batch.as_deref())?;
        for a in &actions {
            a.check()?;
        }
        if actions.is_empty() {
            return Err(CliError::Usage(
                "nothing to propose: give an action (bos propose --help) or --batch FILE".into(),
            ));
        }
        let proposer = self.proposer.clone().ok_or_else(|| {
            CliError::Usage("give --proposer (or BOS_PROPOSER): the account that proposes".into())
        })?;
        let needs_sports = actions
            .iter()
            .any(|a| matches!(a, Action::CreateEvent { .. } | Action::SyncSports { .. }));
        let sports = if needs_sports {
            Some(g.load_sports(None)?)
        } else {
            None
        };
        let now = g.clock.now();
        node::runtime()?.block_on(async {
            let ch = node::chain(g)?;
            let mut cart = Cart::new(&ch);
            let client = ch.client().clone();
            let mut namer = Namer::new(&client);
            for a in &actions {
                if let Err(e) = cart.apply(&a.to_library(), sports.as_ref(), now).await {
                    // A refusal names the objects it is about.
                    return Err(match manual_err(e) {
                        CliError::Failed(m) => CliError::Failed(namer.named(&m).await),
                        other => other,
                    });
                }
            }
            let mut summary = Vec::new();
            for l in &cart.summary {
                summary.push(namer.named(l).await);
            }
            if cart.ops.is_empty() {
                for l in &summary {
                    output::line(l);
                }
                output::line("nothing to propose");
                return Ok(());
            }
            let pid = ch.account(&proposer).await?.id.to_string();
            let head = ch.head().await?;
            let op = cart
                .proposal(
                    &pid,
                    TimePointSec(head.time.0),
                    self.proposal_expiration,
                    self.proposal_review,
                )
                .map_err(manual_err)?;
            let sender = node::sender(g, &ch, &[&proposer], g.mode(false)).await?;
            let out = sender.send(vec![op], Wait::Block).await?.into_result()?;
            if matches!(out, Outcome::Signed(_) | Outcome::Unsigned(_)) && !g.json {
                // -d / -x: what the kept transaction would do, named, beside its JSON.
                for (i, l) in summary.iter().enumerate() {
                    output::note(&format!("{:>3}  {l}", i + 1));
                }
            }
            if print_kept(g, &ch, &out).await? {
                return Ok(());
            }
            let prefix = ch.prefix().await?.to_string();
            let v = out.to_json(&JsonCx { prefix: &prefix });
            // The proposed operations as broadcast (fees filled).
            let proposed: Vec<Value> = v["trx"]["operations"][0][1]["proposed_ops"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|w| w["op"].clone())
                .collect();
            let id = out.created_id(0).unwrap_or_default();
            let mut approved = None;
            if self.approve && !id.is_empty() {
                let op = approval(&pid, &id, true)?;
                let r = sender.send(vec![op], Wait::Block).await?.into_result()?;
                approved = Some(r.txid());
            }
            if g.json {
                output::json(
                    &json!({
                        "proposal": id,
                        "actions": summary,
                        "operations": proposed,
                        "transaction": v["id"],
                        "block_num": v["block_num"],
                        "approved": approved.is_some(),
                    }),
                    true,
                );
            } else {
                for (i, l) in summary.iter().enumerate() {
                    output::line(&format!("{:>3}  {l}", i + 1));
                }
                output::line(&format!(
                    "proposed {id} ({} operation(s)) in block {}{}",
                    proposed.len(),
                    v["block_num"],
                    if approved.is_some() {
                        format!(", approved by {proposer}")
                    } else {
                        String::new()
                    }
                ));
            }
            Ok(())
        })
    }
}

// ---- bos proposals ----------------------------------------------------------------

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProposalsArgs {
    /// Account whose pending proposals to list [default: witness-account]
    pub account: Option<String>,
    #[command(subcommand)]
    pub command: Option<ProposalsCommand>,
}

#[derive(Subcommand, Debug)]
pub enum ProposalsCommand {
    /// One proposal in full: operations named, approvals, expiration
    Show {
        /// The proposal (1.10.N)
        id: String,
    },
    /// Add ACCOUNT's approval to proposals
    Approve {
        /// Proposals (1.10.N)
        #[arg(required = true)]
        ids: Vec<String>,
        /// The approving account (a witness account)
        #[arg(long, env = "BOS_APPROVER", value_name = "A")]
        account: String,
    },
    /// Remove ACCOUNT's approval from proposals (bos-mint's "reject": a single
    /// witness cannot delete a BOS proposal)
    Withdraw {
        /// Proposals (1.10.N)
        #[arg(required = true)]
        ids: Vec<String>,
        /// The account whose approval to remove
        #[arg(long, env = "BOS_APPROVER", value_name = "A")]
        account: String,
    },
}

impl ProposalsArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self.command {
            None => list_proposals(g, self.account),
            Some(ProposalsCommand::Show { id }) => show(g, &id),
            Some(ProposalsCommand::Approve { ids, account }) => vote(g, &ids, &account, true),
            Some(ProposalsCommand::Withdraw { ids, account }) => vote(g, &ids, &account, false),
        }
    }
}

fn check_ids(ids: &[String]) -> Result<(), CliError> {
    for id in ids {
        if !id.starts_with("1.10.") || crate::protocol::ObjectId::parse(id).is_err() {
            return Err(CliError::Usage(format!(
                "{id:?} is not a proposal id (1.10.N)"
            )));
        }
    }
    Ok(())
}

fn show(g: &Settings, id: &str) -> Result<(), CliError> {
    check_ids(&[id.to_string()])?;
    node::runtime()?.block_on(async {
        let c = node::client(g)?;
        let v = c.db("get_objects", json!([[id]])).await?;
        let p = &v[0];
        if p.is_null() {
            return Err(CliError::Failed(format!(
                "no proposal {id}: never made, executed, or expired"
            )));
        }
        let store = existing_store(g);
        let d = describe(&c, p, store.as_ref()).await;
        if g.json {
            output::json(&d, true);
        } else {
            print_proposal(&d);
            if let Some(r) = p["fail_reason"].as_str().filter(|r| !r.is_empty()) {
                output::line(&format!("  last failure: {r}"));
            }
        }
        Ok(())
    })
}

fn vote(g: &Settings, ids: &[String], account: &str, add: bool) -> Result<(), CliError> {
    check_ids(ids)?;
    node::runtime()?.block_on(async {
        let ch = node::chain(g)?;
        let c = ch.client();
        let aid = ch.account(account).await?.id.to_string();
        let mut ops = Vec::new();
        let mut rows = Vec::new();
        for id in ids {
            let v = c.db("get_objects", json!([[id]])).await?;
            let p = &v[0];
            if p.is_null() {
                return Err(CliError::Failed(format!(
                    "no proposal {id}: never made, executed, or expired"
                )));
            }
            let has = p["available_active_approvals"]
                .as_array()
                .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(aid.as_str())));
            match (add, has) {
                (true, true) => rows.push((id.clone(), format!("already approved by {account}"))),
                (false, false) => {
                    return Err(CliError::Failed(format!(
                        "{account} has not approved {id}: nothing to withdraw (leaving it unapproved is the rejection)"
                    )))
                }
                _ => ops.push(approval(&aid, id, add)?),
            }
        }
        if !ops.is_empty() {
            let sender =
                node::sender(g, &ch, &[account], g.mode(false)).await?;
            let out = sender.send(ops, Wait::Block).await?.into_result()?;
            if print_kept(g, &ch, &out).await? {
                return Ok(());
            }
            for id in ids {
                if rows.iter().any(|(r, _)| r == id) {
                    continue;
                }
                let v = c.db("get_objects", json!([[id]])).await?;
                let what = if v[0].is_null() {
                    "approved; it had enough approvals and executed".to_string()
                } else if add {
                    let n = v[0]["available_active_approvals"]
                        .as_array()
                        .map_or(0, Vec::len);
                    match v[0]["fail_reason"].as_str().filter(|r| !r.is_empty()) {
                        Some(r) => format!("approved ({n} approval(s)); executing it failed: {r}"),
                        None => format!("approved ({n} approval(s) so far)"),
                    }
                } else {
                    format!("approval of {account} withdrawn")
                };
                rows.push((id.clone(), what));
            }
        }
        if g.json {
            let v: Vec<Value> = rows
                .iter()
                .map(|(id, r)| json!({"proposal": id, "result": r}))
                .collect();
            output::json(&Value::Array(v), true);
        } else {
            output::table(
                &["proposal", "result"],
                rows.into_iter().map(|(a, b)| vec![a, b]).collect(),
            );
        }
        Ok(())
    })
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
pub fn existing_store(g: &Settings) -> Option<Store> {
    let p = g.db_path().ok()?;
    if !p.exists() {
        return None;
    }
    Store::open(&p).ok()
}

/// Prints what [`describe`] made.
/// The strings of a JSON array (nothing for anything else).
fn texts(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

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
    let a = texts(&p["approved_by"]);
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
            let from = texts(&a["not_yet"]);
            output::line(&format!(
                "  needs {} more approval(s) of {}, from: {}",
                a["more_needed"],
                a["account"].as_str().unwrap_or_default(),
                from.join(", ")
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
pub fn list_proposals(g: &Settings, account: Option<String>) -> Result<(), CliError> {
    let who = account.unwrap_or_else(|| "witness-account".into());
    let rt = node::runtime()?;
    rt.block_on(async {
        let ch = node::chain(g)?;
        // A name the chain does not know is an error of its own, not the node's assert.
        ch.account(&who).await?;
        let c = ch.client();
        let ps = c.db("get_proposed_transactions", json!([who])).await?;
        let store = existing_store(g);
        let mut out = Vec::new();
        for p in ps.as_array().into_iter().flatten() {
            out.push(describe(c, p, store.as_ref()).await);
        }
        if g.json {
            output::json(&Value::Array(out), true);
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
