//! Manual intervention (`bos propose`, bos-mint's "cart"): actions a witness
//! collects into one proposal, each checked against the chain's state machines
//! (node spec §4.4, §4.5) before anything is signed, with `0.0.N` relative ids
//! between them.
//!
//! `create-event` names the event, its groups and markets with the engine's own
//! `create` (so other witnesses' BOS reproduces and approves it); `sync-sports`
//! builds what `bookiesports sync` / bos-mint's sync page would.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::EngineError;
use crate::chain::Chain;
use crate::incidents::Normalizer;
use crate::protocol::codec::FlatMap;
use crate::protocol::ids::Id;
use crate::protocol::operations::*;
use crate::protocol::types::{
    Asset, BettingMarketGroupStatus as G, BettingMarketResolution, EventStatus as E, I18n,
};
use crate::protocol::{ObjectId, TimePointSec};
use crate::rpc::Client;
use crate::sync::job::relative_index;
use crate::sync::names;
use crate::sync::states::Machine;
use crate::sync::view::{lang, pairs, ChainView, Objects};
use crate::triggers::{self, Context, Game, Settings};

/// Why an action cannot go into the proposal.
#[derive(Debug, thiserror::Error)]
pub enum ManualError {
    /// Refused before anything is signed: the message says what to do instead.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Rpc(#[from] crate::rpc::Error),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

type Result<T> = std::result::Result<T, ManualError>;

fn refused<T>(m: impl Into<String>) -> Result<T> {
    Err(ManualError::Refused(m.into()))
}

fn oid(id: &str) -> Result<ObjectId> {
    ObjectId::parse(id).or_else(|_| refused(format!("{id:?} is not an object id a.b.c")))
}

/// A text of the form `LANG=TEXT`, or plain `TEXT` for English.
pub fn parse_i18n(items: &[String]) -> Result<I18n> {
    let mut out = Vec::new();
    for i in items {
        let (l, t) = match i.split_once('=') {
            Some((l, t)) if !l.is_empty() && l.len() <= 12 && !l.contains(' ') => {
                (l.to_string(), t.to_string())
            }
            _ => ("en".to_string(), i.clone()),
        };
        if t.trim().is_empty() {
            return refused(format!("empty text for language {l:?}"));
        }
        if out.iter().any(|(x, _): &(String, String)| *x == l) {
            return refused(format!("language {l:?} given twice"));
        }
        out.push((l, t));
    }
    if out.is_empty() {
        return refused("give at least one name (TEXT or LANG=TEXT)");
    }
    Ok(out.into_iter().collect())
}

/// The proposal being collected.
pub struct Cart<'a> {
    chain: &'a Chain,
    client: &'a Client,
    /// The proposed operations, in order.
    pub ops: Vec<Operation>,
    /// One line per action, for the report.
    pub summary: Vec<String>,
    /// Statuses as they will be after the operations so far: the same state
    /// machines the engine checks its own proposals and approvals with.
    machine: Machine,
    objects: Objects<'a>,
}

impl<'a> Cart<'a> {
    pub fn new(chain: &'a Chain) -> Cart<'a> {
        let client = chain.client();
        Cart {
            chain,
            client,
            ops: Vec::new(),
            summary: Vec::new(),
            machine: Machine::new(),
            objects: Objects::new(client),
        }
    }

    async fn object(&mut self, id: &str, what: &str) -> Result<Value> {
        if ObjectId::parse(id).is_err() {
            return refused(format!(
                "{id:?} is not an object id: give the {what}'s id, like 1.22.0"
            ));
        }
        match self.objects.get(id).await? {
            Some(o) => Ok(o),
            None => refused(format!("{what} {id} is not on chain")),
        }
    }

    /// An op of this cart that `id` (`0.0.N`) names, if it has type `want`.
    fn cart_op(&self, id: &str, want: u64, what: &str) -> Result<usize> {
        let n = relative_index(id).unwrap_or(usize::MAX);
        match self.ops.get(n) {
            Some(op) if op.id() as u64 == want => Ok(n),
            Some(_) => refused(format!(
                "{id} is operation {n} of this proposal, which does not create {what}"
            )),
            None => refused(format!(
                "{id}: this proposal has {} operation(s) so far; relative ids name one of them",
                self.ops.len()
            )),
        }
    }

    /// The event's status as it will be after the operations so far; a chain event
    /// is read once, with its groups (they move with it).
    async fn event_status_now(&mut self, id: &str) -> Result<String> {
        if relative_index(id).is_some() {
            self.cart_op(id, 56, "an event")?;
            return Ok(self.machine.event_status(id).unwrap_or("upcoming").into());
        }
        if let Some(s) = self.machine.event_status(id) {
            return Ok(s.to_string());
        }
        let e = self.object(id, "event").await?;
        if !id.starts_with("1.22.") {
            return refused(format!("{id} is not an event (1.22.N)"));
        }
        let groups = self
            .client
            .db("list_betting_market_groups", json!([id]))
            .await?;
        for g in groups.as_array().into_iter().flatten() {
            self.machine.group(g);
        }
        self.machine.event(&e);
        Ok(self.machine.event_status(id).unwrap_or("upcoming").into())
    }

    /// `event-status EVENT upcoming|in_progress|frozen|finished|canceled [--scores]`.
    pub async fn event_status(&mut self, event: &str, to: E, scores: Vec<String>) -> Result<()> {
        if to == E::Settled {
            return refused("settled is never set by hand: the chain settles an event when its groups are resolved");
        }
        let from = self.event_status_now(event).await?;
        // Checked, and the groups moved along (§4.4), as the node will.
        self.machine
            .set_event(event, to, !scores.is_empty())
            .or_else(refused)?;
        let op = EventUpdateStatus {
            fee: Asset::core(0),
            event_id: Id::parse(event).or_else(|_| {
                refused(format!(
                    "{event}: event-status needs an event on chain (1.22.N)"
                ))
            })?,
            status: to,
            scores: scores.iter().map(|s| Score(s.clone())).collect(),
            extensions: Default::default(),
        };
        self.summary.push(format!(
            "event {event}: {from} -> {}{}",
            to,
            if scores.is_empty() {
                String::new()
            } else {
                format!(" (scores {})", scores.join(":"))
            }
        ));
        self.ops.push(op.into());
        Ok(())
    }

    async fn bmg_now(&mut self, id: &str) -> Result<(String, bool)> {
        if !id.starts_with("1.24.") {
            return refused(format!(
                "{id} is not a betting market group on chain (1.24.N)"
            ));
        }
        let g = self.object(id, "betting market group").await?;
        let nip = g["never_in_play"].as_bool().unwrap_or(false);
        self.machine.group(&g);
        Ok((
            self.machine.group_status(id).unwrap_or("upcoming").into(),
            nip,
        ))
    }

    /// `bmg-status BMG upcoming|in_play|frozen|closed|canceled`.
    pub async fn bmg_status(&mut self, bmg: &str, to: G) -> Result<()> {
        if matches!(to, G::Graded | G::Settled | G::ReGrading) {
            return refused(format!(
                "{to} is never set by hand: resolve the group (bos propose resolve) and the chain grades and settles it"
            ));
        }
        let (from, _) = self.bmg_now(bmg).await?;
        self.machine.set_group(bmg, to).or_else(refused)?;
        self.ops.push(
            BettingMarketGroupUpdate {
                fee: Asset::core(0),
                betting_market_group_id: Id::parse(bmg)
                    .or_else(|_| refused(format!("bad id {bmg}")))?,
                new_description: None,
                new_rules_id: None,
                status: Some(to),
                extensions: Default::default(),
            }
            .into(),
        );
        self.summary
            .push(format!("betting market group {bmg}: {from} -> {to}"));
        Ok(())
    }

    /// `resolve BMG --win BM` (the others `not_win`) or `--cancel` (all `cancel`).
    pub async fn resolve(&mut self, bmg: &str, win: Option<&str>, cancel: bool) -> Result<()> {
        self.bmg_now(bmg).await?;
        let markets = self.client.db("list_betting_markets", json!([bmg])).await?;
        let ids: Vec<String> = markets
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["id"].as_str().map(str::to_string))
            .collect();
        if ids.is_empty() {
            return refused(format!("betting market group {bmg} has no betting markets"));
        }
        let res: Vec<(String, BettingMarketResolution)> = match (win, cancel) {
            (Some(_), true) | (None, false) => {
                return refused("give exactly one of --win BM_ID and --cancel")
            }
            (None, true) => {
                self.machine.resolve(bmg, true).or_else(refused)?;
                ids.iter()
                    .map(|i| (i.clone(), BettingMarketResolution::Cancel))
                    .collect()
            }
            (Some(w), false) => {
                if !ids.iter().any(|i| i == w) {
                    return refused(format!(
                        "{w} is not a betting market of {bmg} (its markets: {})",
                        ids.join(", ")
                    ));
                }
                self.machine.resolve(bmg, false).map_err(|why| {
                    ManualError::Refused(format!(
                        "{why} (finish its event, or set it closed, first; in this proposal or an earlier one)"
                    ))
                })?;
                ids.iter()
                    .map(|i| {
                        let r = if i == w {
                            BettingMarketResolution::Win
                        } else {
                            BettingMarketResolution::NotWin
                        };
                        (i.clone(), r)
                    })
                    .collect()
            }
        };
        let mut pairs = Vec::new();
        for (i, r) in &res {
            pairs.push((
                Id::parse(i).or_else(|_| refused(format!("bad id {i}")))?,
                *r,
            ));
        }
        self.ops.push(
            BettingMarketGroupResolve {
                fee: Asset::core(0),
                betting_market_group_id: Id::parse(bmg)
                    .or_else(|_| refused(format!("bad id {bmg}")))?,
                resolutions: FlatMap::new(pairs),
                extensions: Default::default(),
            }
            .into(),
        );
        self.summary.push(match win {
            Some(w) => format!("resolve {bmg}: {w} wins"),
            None => format!("resolve {bmg}: cancel every market"),
        });
        Ok(())
    }

    /// `create-event`: the event with its groups and markets, named by the
    /// engine's `create` from bookiesports.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_event(
        &mut self,
        sports: &crate::sports::Chain,
        sport: &str,
        event_group: &str,
        home: &str,
        away: &str,
        start: DateTime<Utc>,
        season: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let normalizer = Normalizer::new(sports.clone());
        let start_rfc = start.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let id = normalizer
            .identify(sport, event_group, Some(&start_rfc), home, away)
            .or_else(|e| refused(format!("not in bookiesports: {e}")))?;
        if id.home == id.away {
            return refused(format!("home and away are the same team ({})", id.home));
        }
        let game = Game {
            sport: id.sport,
            event_group: id.event_group,
            home: id.home,
            away: id.away,
            start,
            season: season.map(str::to_string),
        };
        let start_s = start.format("%Y-%m-%dT%H:%M:%S").to_string();
        let view = ChainView::load(
            self.client,
            &game.sport,
            &game.event_group,
            Some(&start_s),
            &[],
        )
        .await?;
        let prefix = self
            .chain
            .prefix()
            .await
            .map_err(EngineError::from)?
            .to_string();
        let store = crate::incidents::store::Store::in_memory()
            .map_err(|e| ManualError::Engine(EngineError::Store(e)))?;
        let settings = Settings::default();
        let cx = Context {
            settings: &settings,
            sports,
            view: &view,
            store: &store,
            now,
            approver: "1.2.0",
            prefix: &prefix,
        };
        let v = triggers::plan_create(&cx, &game);
        if v.status != crate::incidents::store::Status::Done {
            return refused(format!(
                "cannot build the event: {} ({})",
                v.status, v.reason
            ));
        }
        if v.built.proposed.is_empty() {
            let pending: Vec<String> = v
                .built
                .marks
                .iter()
                .filter(|(_, m)| m.iter().any(|x| *x))
                .map(|(p, _)| p.clone())
                .collect();
            return refused(if pending.is_empty() {
                format!(
                    "{} @ {} at {start_s}: the chain already has the event with everything bookiesports lists",
                    game.away, game.home
                )
            } else {
                format!(
                    "{} @ {} at {start_s} is already proposed in {}: approve that instead (bos proposals approve)",
                    game.away,
                    game.home,
                    pending.join(", ")
                )
            });
        }
        let offset = self.ops.len();
        let n = v.built.proposed.len();
        for op in v.built.proposed {
            self.ops.push(shift(op, offset));
        }
        self.summary.push(format!(
            "create {} / {}: {} vs {} at {start_s} ({n} operations)",
            game.sport, game.event_group, game.home, game.away
        ));
        Ok(())
    }

    /// `create-bmg EVENT`: a free-text group (futures, novelty markets).
    pub async fn create_bmg(
        &mut self,
        event: &str,
        description: I18n,
        rules: &str,
        asset: &str,
        never_in_play: bool,
        delay: u32,
    ) -> Result<()> {
        if relative_index(event).is_some() {
            self.cart_op(event, 56, "an event")?;
        } else {
            let from = self.event_status_now(event).await?;
            if matches!(from.as_str(), "finished" | "canceled" | "settled") {
                return refused(format!("event {event} is {from}: no new groups"));
            }
        }
        let rules_id = if rules.starts_with("1.23.") {
            self.object(rules, "rule").await?;
            rules.to_string()
        } else if relative_index(rules).is_some() {
            self.cart_op(rules, 58, "a rule")?;
            rules.to_string()
        } else {
            let view = ChainView {
                rules: crate::sync::view::load_rules(self.client).await?,
                ..ChainView::default()
            };
            view.rule_id(rules).ok_or_else(|| {
                ManualError::Refused(format!(
                    "no rule named {rules:?} on chain (give its id 1.23.N or its English name)"
                ))
            })?
        };
        let asset_id = if asset.starts_with("1.3.") {
            self.object(asset, "asset").await?;
            asset.to_string()
        } else {
            let a = self
                .client
                .db("lookup_asset_symbols", json!([[asset]]))
                .await?;
            a[0]["id"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| ManualError::Refused(format!("no asset {asset:?} on chain")))?
        };
        let en = lang_of(&description);
        self.ops.push(
            BettingMarketGroupCreate {
                fee: Asset::core(0),
                description,
                event_id: oid(event)?,
                rules_id: oid(&rules_id)?,
                asset_id: Id::parse(&asset_id)
                    .or_else(|_| refused(format!("bad id {asset_id}")))?,
                never_in_play,
                delay_before_settling: delay,
                extensions: Default::default(),
            }
            .into(),
        );
        self.summary
            .push(format!("create group {en:?} under {event}"));
        Ok(())
    }

    /// `create-bm GROUP`: a free-text market.
    pub async fn create_bm(&mut self, group: &str, description: I18n) -> Result<()> {
        if relative_index(group).is_some() {
            self.cart_op(group, 60, "a betting market group")?;
        } else {
            let (from, _) = self.bmg_now(group).await?;
            if !matches!(from.as_str(), "upcoming" | "frozen" | "in_play") {
                return refused(format!(
                    "betting market group {group} is {from}: no new markets"
                ));
            }
        }
        let en = lang_of(&description);
        self.ops.push(
            BettingMarketCreate {
                fee: Asset::core(0),
                group_id: oid(group)?,
                description,
                payout_condition: FlatMap::default(),
                extensions: Default::default(),
            }
            .into(),
        );
        self.summary
            .push(format!("create market {en:?} in {group}"));
        Ok(())
    }

    /// `sync-sports`: create the sports, event groups and rules the chain lacks
    /// and update those it has differently (by `identifier`; rules by `en` name).
    pub async fn sync_sports(&mut self, sports: &crate::sports::Chain) -> Result<()> {
        let view = ChainView::load(self.client, "", "", None, &[]).await?;
        let before = self.ops.len();
        for sport in &sports.sports {
            let name = names::sport_name(sport);
            let sid = match view.sport_id(&sport.identifier) {
                Some(id) => {
                    let chain = view.sports.iter().find(|s| s["id"] == json!(id));
                    if chain.is_some_and(|s| pairs(&s["name"]) != set(&name)) {
                        self.ops.push(
                            SportUpdate {
                                fee: Asset::core(0),
                                sport_id: Id::parse(&id)
                                    .or_else(|_| refused(format!("bad id {id}")))?,
                                new_name: Some(name),
                                extensions: Default::default(),
                            }
                            .into(),
                        );
                        self.summary
                            .push(format!("update sport {}", sport.identifier));
                    }
                    id
                }
                None => {
                    self.ops.push(
                        SportCreate {
                            fee: Asset::core(0),
                            name,
                            extensions: Default::default(),
                        }
                        .into(),
                    );
                    self.summary
                        .push(format!("create sport {}", sport.identifier));
                    format!("0.0.{}", self.ops.len() - 1)
                }
            };
            let groups: Vec<Value> = if sid.starts_with("1.") {
                let g = self.client.db("list_event_groups", json!([sid])).await?;
                g.as_array().cloned().unwrap_or_default()
            } else {
                Vec::new()
            };
            for eg in &sport.event_groups {
                let name = names::event_group_name(eg);
                let chain = groups
                    .iter()
                    .find(|g| lang(&g["name"], "identifier") == Some(eg.identifier.as_str()));
                match chain {
                    Some(g) => {
                        if pairs(&g["name"]) != set(&name) {
                            let id = g["id"].as_str().unwrap_or_default();
                            self.ops.push(
                                EventGroupUpdate {
                                    fee: Asset::core(0),
                                    new_sport_id: None,
                                    new_name: Some(name),
                                    event_group_id: Id::parse(id)
                                        .or_else(|_| refused(format!("bad id {id}")))?,
                                    extensions: Default::default(),
                                }
                                .into(),
                            );
                            self.summary
                                .push(format!("update event group {}", eg.identifier));
                        }
                    }
                    None => {
                        self.ops.push(
                            EventGroupCreate {
                                fee: Asset::core(0),
                                name,
                                sport_id: oid(&sid)?,
                                extensions: Default::default(),
                            }
                            .into(),
                        );
                        self.summary
                            .push(format!("create event group {}", eg.identifier));
                    }
                }
            }
            for r in sport.rules.values() {
                let name = names::rule_name(r);
                let description = names::rule_description(r);
                let en = crate::sports::lang(&r.name, "en").unwrap_or(&r.identifier);
                match view
                    .rules
                    .iter()
                    .find(|x| lang(&x["name"], "en") == Some(en))
                {
                    Some(x) => {
                        if pairs(&x["name"]) != set(&name)
                            || pairs(&x["description"]) != set(&description)
                        {
                            let id = x["id"].as_str().unwrap_or_default();
                            self.ops.push(
                                BettingMarketRulesUpdate {
                                    fee: Asset::core(0),
                                    new_name: Some(name),
                                    new_description: Some(description),
                                    extensions: Default::default(),
                                    betting_market_rules_id: Id::parse(id)
                                        .or_else(|_| refused(format!("bad id {id}")))?,
                                }
                                .into(),
                            );
                            self.summary.push(format!("update rule {en:?}"));
                        }
                    }
                    None => {
                        self.ops.push(
                            BettingMarketRulesCreate {
                                fee: Asset::core(0),
                                name,
                                description,
                                extensions: Default::default(),
                            }
                            .into(),
                        );
                        self.summary.push(format!("create rule {en:?}"));
                    }
                }
            }
        }
        if self.ops.len() == before {
            self.summary
                .push("sports, event groups and rules: the chain matches bookiesports".into());
        }
        Ok(())
    }

    /// The `proposal_create` of everything collected (fees not yet filled).
    pub fn proposal(
        &self,
        proposer: &str,
        head_time: TimePointSec,
        lifetime: u32,
        review: Option<u32>,
    ) -> Result<Operation> {
        Ok(ProposalCreate {
            fee: Asset::core(0),
            fee_paying_account: Id::parse(proposer)
                .or_else(|_| refused(format!("bad account id {proposer}")))?,
            expiration_time: TimePointSec(head_time.0.saturating_add(lifetime)),
            proposed_ops: self.ops.iter().cloned().map(Into::into).collect(),
            review_period_seconds: review,
            extensions: Default::default(),
        }
        .into())
    }
}

fn set(v: &I18n) -> std::collections::BTreeSet<(String, String)> {
    v.iter().map(|(a, b)| (a.clone(), b.clone())).collect()
}

fn lang_of(v: &I18n) -> String {
    v.iter()
        .find(|(l, _)| l == "en")
        .or_else(|| v.iter().next())
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// Moves the relative ids of an operation built on its own (`0.0.k`) behind the
/// `offset` operations already in the cart.
fn shift(op: Operation, offset: usize) -> Operation {
    if offset == 0 {
        return op;
    }
    let bump = |id: &mut ObjectId| {
        if id.is_relative() {
            *id = ObjectId::new(0, 0, id.instance + offset as u64);
        }
    };
    match op {
        Operation::BettingMarketGroupCreate(mut b) => {
            bump(&mut b.event_id);
            b.into()
        }
        Operation::BettingMarketCreate(mut b) => {
            bump(&mut b.group_id);
            b.into()
        }
        other => other,
    }
}

/// One manual action, as `bos propose` and the console's cart take it.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `event_update_status` (scores home first).
    EventStatus {
        event: String,
        status: E,
        scores: Vec<String>,
    },
    /// `betting_market_group_update` of the status.
    BmgStatus { bmg: String, status: G },
    /// `betting_market_group_resolve`: one market wins, or every market is canceled.
    Resolve {
        bmg: String,
        win: Option<String>,
        cancel: bool,
    },
    /// An event with its groups and markets, named from bookiesports.
    CreateEvent {
        sport: String,
        event_group: String,
        home: String,
        away: String,
        start: DateTime<Utc>,
        season: Option<String>,
    },
    /// A free-text group; `names` are `[LANG=]TEXT`.
    CreateBmg {
        event: String,
        names: Vec<String>,
        rules: String,
        asset: String,
        never_in_play: bool,
        delay_before_settling: u32,
    },
    /// A free-text market; `names` are `[LANG=]TEXT`.
    CreateBm { group: String, names: Vec<String> },
    /// The sports, event groups and rules bookiesports has and the chain lacks.
    SyncSports,
}

impl Action {
    /// Whether the action reads bookiesports.
    pub fn needs_sports(&self) -> bool {
        matches!(self, Action::CreateEvent { .. } | Action::SyncSports)
    }
}

impl Cart<'_> {
    /// Adds one action (checked against the chain and the actions before it).
    /// `sports` is needed by `create-event` and `sync-sports`; `now` names the
    /// incident `create-event` builds.
    pub async fn apply(
        &mut self,
        a: &Action,
        sports: Option<&crate::sports::Chain>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let need = || {
            sports.ok_or_else(|| {
                ManualError::Refused("this action needs the bookiesports data (--sports)".into())
            })
        };
        match a {
            Action::EventStatus {
                event,
                status,
                scores,
            } => self.event_status(event, *status, scores.clone()).await,
            Action::BmgStatus { bmg, status } => self.bmg_status(bmg, *status).await,
            Action::Resolve { bmg, win, cancel } => {
                self.resolve(bmg, win.as_deref(), *cancel).await
            }
            Action::CreateEvent {
                sport,
                event_group,
                home,
                away,
                start,
                season,
            } => {
                self.create_event(
                    need()?,
                    sport,
                    event_group,
                    home,
                    away,
                    *start,
                    season.as_deref(),
                    now,
                )
                .await
            }
            Action::CreateBmg {
                event,
                names,
                rules,
                asset,
                never_in_play,
                delay_before_settling,
            } => {
                let d = parse_i18n(names)?;
                self.create_bmg(
                    event,
                    d,
                    rules,
                    asset,
                    *never_in_play,
                    *delay_before_settling,
                )
                .await
            }
            Action::CreateBm { group, names } => {
                let d = parse_i18n(names)?;
                self.create_bm(group, d).await
            }
            Action::SyncSports => self.sync_sports(need()?).await,
        }
    }
}
