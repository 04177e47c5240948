//! The node's APIs as the devnet serves them: database, network_broadcast,
//! history, bookie, login, and the `devnet` control api (control.rs).
//! Parameters are untrusted input: every bad one is an [`Error::BadParams`].

use std::collections::{BTreeSet, HashMap};

use serde_json::{json, Value};
use tokio::sync::oneshot;

use super::authority;
use super::chain::Chain;
use super::error::{Error, Result};
use super::evaluators::bet;
use crate::protocol::ids::*;
use crate::protocol::operations::Operation;
use crate::protocol::{Json, ObjectId, Path, PublicKey, Transaction};

/// The APIs a connection can reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKind {
    Database,
    Login,
    NetworkBroadcast,
    History,
    Bookie,
    Block,
    Devnet,
}

impl ApiKind {
    pub fn by_name(name: &str) -> Option<ApiKind> {
        Some(match name {
            "database" => ApiKind::Database,
            "network_broadcast" => ApiKind::NetworkBroadcast,
            "history" => ApiKind::History,
            "bookie" => ApiKind::Bookie,
            "block" => ApiKind::Block,
            "devnet" => ApiKind::Devnet,
            "login" => ApiKind::Login,
            _ => return None,
        })
    }
}

/// Per-connection state: api ids and subscriptions.
#[derive(Debug)]
pub struct Conn {
    pub apis: HashMap<u64, ApiKind>,
    pub next_api: u64,
    pub subscribe: Option<(Value, bool)>,
    pub subscribed: BTreeSet<ObjectId>,
    pub block_callback: Option<Value>,
    pub pending_callback: Option<Value>,
}

impl Default for Conn {
    fn default() -> Self {
        let mut apis = HashMap::new();
        apis.insert(0, ApiKind::Database);
        apis.insert(1, ApiKind::Login);
        apis.insert(2, ApiKind::Login);
        Conn {
            apis,
            next_api: 3,
            subscribe: None,
            subscribed: BTreeSet::new(),
            block_callback: None,
            pending_callback: None,
        }
    }
}

/// An answer now, or later (when a transaction is in a block).
pub enum Reply {
    Now(Value),
    Later(oneshot::Receiver<Value>),
    /// `null` now, and a `notice` to `callback` with the value once it comes.
    NowThenNotice {
        callback: Value,
        wait: oneshot::Receiver<Value>,
    },
}

impl Conn {
    /// Resolves the `api` of a call: an id, or a login-API accessor name.
    pub fn resolve(&mut self, api: &Value) -> Result<ApiKind> {
        match api {
            Value::Number(n) => n
                .as_u64()
                .and_then(|i| self.apis.get(&i).copied())
                .ok_or_else(|| Error::NoApi { api: n.to_string() }),
            Value::String(s) => match s.parse::<u64>() {
                Ok(i) => self
                    .apis
                    .get(&i)
                    .copied()
                    .ok_or_else(|| Error::NoApi { api: s.clone() }),
                Err(_) => ApiKind::by_name(s).ok_or_else(|| Error::NoApi { api: s.clone() }),
            },
            other => Err(Error::NoApi {
                api: other.to_string(),
            }),
        }
    }

    fn register(&mut self, kind: ApiKind) -> u64 {
        if let Some((id, _)) = self.apis.iter().find(|(id, k)| **k == kind && **id >= 3) {
            return *id;
        }
        let id = self.next_api;
        self.next_api += 1;
        self.apis.insert(id, kind);
        id
    }
}

fn bad(method: &str, reason: impl Into<String>) -> Error {
    Error::BadParams {
        method: method.to_string(),
        reason: reason.into(),
    }
}

fn arg<'a>(method: &str, args: &'a [Value], i: usize) -> Result<&'a Value> {
    args.get(i)
        .ok_or_else(|| bad(method, format!("missing argument {}", i + 1)))
}

fn str_arg<'a>(method: &str, args: &'a [Value], i: usize) -> Result<&'a str> {
    arg(method, args, i)?
        .as_str()
        .ok_or_else(|| bad(method, format!("argument {} must be a string", i + 1)))
}

fn u64_arg(method: &str, args: &[Value], i: usize) -> Result<u64> {
    let v = arg(method, args, i)?;
    crate::rpc::frame::number(v).ok_or_else(|| {
        bad(
            method,
            format!("argument {} must be a non-negative integer", i + 1),
        )
    })
}

fn parse<T: Json>(method: &str, v: &Value) -> Result<T> {
    T::from_json(v, &Path::ROOT).map_err(|e| bad(method, e.to_string()))
}

fn id_arg<const S: u8, const T: u8>(method: &str, args: &[Value], i: usize) -> Result<Id<S, T>> {
    Id::parse(str_arg(method, args, i)?).map_err(|e| bad(method, e))
}

fn account_json(chain: &Chain, id: u64) -> Value {
    chain
        .state
        .object_json(ObjectId::new(1, 2, id))
        .unwrap_or(Value::Null)
}

/// Dispatches one call.
pub fn call(
    chain: &mut Chain,
    conn: &mut Conn,
    api: ApiKind,
    method: &str,
    args: &[Value],
) -> Result<Reply> {
    let now = |v: Value| Ok(Reply::Now(v));
    match api {
        ApiKind::Login => match method {
            "login" => now(json!(true)),
            name => match ApiKind::by_name(name) {
                Some(ApiKind::Database) => now(json!(0)),
                Some(k) if k != ApiKind::Login => now(json!(conn.register(k))),
                _ => Err(Error::NoMethod {
                    method: method.into(),
                }),
            },
        },
        ApiKind::Database => database(chain, conn, method, args).map(Reply::Now),
        ApiKind::NetworkBroadcast => broadcast(chain, method, args),
        ApiKind::History => history(chain, method, args).map(Reply::Now),
        ApiKind::Bookie => match method {
            "get_binned_order_book" => {
                let bm: BettingMarketId = id_arg(method, args, 0)?;
                let precision = arg(method, args, 1)?.as_i64().unwrap_or(1) as i32;
                now(bet::binned_order_book(&chain.state, bm.0, precision))
            }
            "get_total_matched_bet_amount_for_betting_market_group" => {
                let g: BettingMarketGroupId = id_arg(method, args, 0)?;
                let amount = chain
                    .state
                    .bmgs
                    .get(&g.0)
                    .map_or(0, |g| g.total_matched_bets_amount);
                now(json!({"amount": amount, "asset_id": "1.3.0"}))
            }
            "get_objects" => {
                // Live objects, or the archived copy of a removed event or bet.
                let ids = arg(method, args, 0)?
                    .as_array()
                    .ok_or_else(|| bad(method, "argument 1 must be an array of ids"))?;
                let mut out = Vec::with_capacity(ids.len());
                for v in ids {
                    let id = v
                        .as_str()
                        .and_then(|s| ObjectId::parse(s).ok())
                        .ok_or_else(|| bad(method, format!("{v} is not an object id")))?;
                    let live = chain.state.object_json(id);
                    out.push(
                        live.or_else(|| chain.archive.get(&id).cloned())
                            .unwrap_or(Value::Null),
                    );
                }
                now(Value::Array(out))
            }
            "get_events_containing_sub_string" => {
                let text = str_arg(method, args, 0)?;
                let lang = str_arg(method, args, 1)?;
                let st = &chain.state;
                let hits: Vec<Value> = st
                    .events
                    .iter()
                    .filter(|(_, e)| e.name.iter().any(|(l, n)| l == lang && n.contains(text)))
                    .filter_map(|(i, _)| st.object_json(ObjectId::new(1, 22, *i)))
                    .collect();
                now(Value::Array(hits))
            }
            _ => Err(Error::NoMethod {
                method: method.into(),
            }),
        },
        ApiKind::Block => match method {
            "get_blocks" => {
                let from = u64_arg(method, args, 0)? as u32;
                let to = u64_arg(method, args, 1)? as u32;
                let cx = chain.state.cx();
                let blocks: Vec<Value> = (from..=to.min(from.saturating_add(1000)))
                    .filter_map(|n| chain.block(n).map(|b| b.json(&cx)))
                    .collect();
                now(Value::Array(blocks))
            }
            _ => Err(Error::NoMethod {
                method: method.into(),
            }),
        },
        ApiKind::Devnet => super::control::call(chain, method, args).map(Reply::Now),
    }
}

fn tx_arg(chain: &Chain, method: &str, args: &[Value], i: usize) -> Result<Transaction> {
    let _ = chain;
    parse(method, arg(method, args, i)?)
}

fn broadcast(chain: &mut Chain, method: &str, args: &[Value]) -> Result<Reply> {
    match method {
        "broadcast_transaction" | "broadcast_transaction_synchronous" => {
            let tx = tx_arg(chain, method, args, 0)?;
            chain.check_duplicate_proposals(&tx)?;
            let id = tx.id();
            chain.push_transaction(tx.clone())?;
            chain.announce_pending(&tx);
            if method == "broadcast_transaction" {
                automine(chain);
                return Ok(Reply::Now(Value::Null));
            }
            let (sender, rx) = oneshot::channel();
            chain.waiters.push((id, sender));
            automine(chain);
            Ok(Reply::Later(rx))
        }
        "broadcast_transaction_with_callback" => {
            let callback = arg(method, args, 0)?.clone();
            let tx = tx_arg(chain, method, args, 1)?;
            chain.check_duplicate_proposals(&tx)?;
            let id = tx.id();
            chain.push_transaction(tx.clone())?;
            chain.announce_pending(&tx);
            let (sender, wait) = oneshot::channel();
            chain.waiters.push((id, sender));
            automine(chain);
            Ok(Reply::NowThenNotice { callback, wait })
        }
        _ => Err(Error::NoMethod {
            method: method.into(),
        }),
    }
}

/// Under automine, the pending transactions go into a block now.
fn automine(chain: &mut Chain) {
    if chain.automine {
        chain.produce_blocks(1);
    }
}

/// Whether a JSON value names account `id` anywhere (the impacted accounts of an
/// operation: payer, receiver, bettor, approvals, authorities' members).
fn names_account(v: &Value, id: &str) -> bool {
    match v {
        Value::String(s) => s == id,
        Value::Array(a) => a.iter().any(|x| names_account(x, id)),
        Value::Object(m) => m.values().any(|x| names_account(x, id)),
        _ => false,
    }
}

/// The operation history of the blocks (1.11.x, numbered in block order) that
/// involves `account`, newest first. Virtual operations are not recorded.
fn account_history(chain: &Chain, account: u64, op_tag: Option<u32>) -> Vec<(u64, Value)> {
    let who = format!("1.2.{account}");
    let cx = chain.state.cx();
    let mut seq = 0u64;
    let mut out = Vec::new();
    for b in &chain.blocks {
        for (ti, p) in b.transactions.iter().enumerate() {
            for (oi, op) in p.tx.operations.iter().enumerate() {
                let id = seq;
                seq += 1;
                if op_tag.is_some_and(|t| t != op.id()) {
                    continue;
                }
                let j = op.to_json(&cx);
                if !names_account(&j, &who) {
                    continue;
                }
                out.push((
                    id,
                    json!({
                        "id": format!("1.11.{id}"),
                        "op": j,
                        "result": p.results.get(oi).cloned().unwrap_or(json!([0, {}])),
                        "block_num": b.num(),
                        "trx_in_block": ti,
                        "op_in_trx": oi,
                        "virtual_op": 0,
                    }),
                ));
            }
        }
    }
    out.reverse();
    out
}

fn history_id(method: &str, args: &[Value], i: usize) -> Result<u64> {
    match args.get(i) {
        None => Ok(0),
        Some(_) => {
            let id = ObjectId::parse(str_arg(method, args, i)?).map_err(|e| bad(method, e))?;
            Ok(id.instance)
        }
    }
}

fn history(chain: &Chain, method: &str, args: &[Value]) -> Result<Value> {
    match method {
        "get_account_history" | "get_account_history_operations" => {
            let who = str_arg(method, args, 0)?;
            let account = chain
                .state
                .find_account(who)
                .ok_or_else(|| Error::UnknownObject {
                    id: who.to_string(),
                })?;
            // (account, stop, limit, start) or (account, op_tag, start, stop, limit).
            let (op_tag, stop, limit, start) = if method == "get_account_history" {
                let limit = match args.get(2) {
                    Some(_) => u64_arg(method, args, 2)?,
                    None => 100,
                };
                (
                    None,
                    history_id(method, args, 1)?,
                    limit,
                    history_id(method, args, 3)?,
                )
            } else {
                let tag = u64_arg(method, args, 1)? as u32;
                let limit = match args.get(4) {
                    Some(_) => u64_arg(method, args, 4)?,
                    None => 100,
                };
                (
                    Some(tag),
                    history_id(method, args, 3)?,
                    limit,
                    history_id(method, args, 2)?,
                )
            };
            if limit > 100 {
                return Err(Error::assert("limit <= 100", ""));
            }
            // start 1.11.0 means the newest; stop is exclusive, except that stop
            // 1.11.0 still lets 1.11.0 itself through (the node's special case).
            let start = if start == 0 { u64::MAX } else { start };
            Ok(Value::Array(
                account_history(chain, account, op_tag)
                    .into_iter()
                    .filter(|(id, _)| *id <= start && (*id > stop || stop == 0))
                    .take(limit as usize)
                    .map(|(_, v)| v)
                    .collect(),
            ))
        }
        "get_relative_account_history" => {
            let who = str_arg(method, args, 0)?;
            chain
                .state
                .find_account(who)
                .ok_or_else(|| Error::UnknownObject {
                    id: who.to_string(),
                })?;
            // Decision: per-account sequence numbers are not kept.
            Ok(json!([]))
        }
        _ => Err(Error::NoMethod {
            method: method.into(),
        }),
    }
}

fn database(chain: &mut Chain, conn: &mut Conn, method: &str, args: &[Value]) -> Result<Value> {
    let st = &chain.state;
    let cx = st.cx();
    Ok(match method {
        "get_chain_id" => json!(hex::encode(st.chain_id)),
        "get_chain_properties" => st.chain_properties_json(),
        "get_config" => json!({
            "GRAPHENE_SYMBOL": st.assets.get(&0).map(|a| a.symbol.clone()),
            "GRAPHENE_ADDRESS_PREFIX": st.prefix,
            "GRAPHENE_DEFAULT_BLOCK_INTERVAL": st.params.block_interval,
            "GRAPHENE_BLOCKCHAIN_PRECISION": 100000,
            "GRAPHENE_BLOCKCHAIN_PRECISION_DIGITS": 5,
            "GRAPHENE_WITNESS_ACCOUNT": "1.2.1",
            "GRAPHENE_COMMITTEE_ACCOUNT": "1.2.0",
            "GRAPHENE_NULL_ACCOUNT": "1.2.3",
            "GRAPHENE_MAX_AUTHORITY_DEPTH": st.params.max_authority_depth,
        }),
        "get_dynamic_global_properties" => st.dynamic_json(),
        "get_global_properties" => st.global_properties_json(),
        "get_objects" => {
            let ids = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array of ids"))?;
            let mut out = Vec::with_capacity(ids.len());
            for v in ids {
                let id = v
                    .as_str()
                    .and_then(|s| ObjectId::parse(s).ok())
                    .ok_or_else(|| bad(method, format!("{v} is not an object id")))?;
                if conn.subscribe.is_some() {
                    conn.subscribed.insert(id);
                }
                let v = match (id.space, id.type_id) {
                    // Block summaries (python's keepalive reads 2.8.0).
                    (2, 8) => u16::try_from(id.instance).ok().map(|r| {
                        json!({"id": id.to_string(), "block_id": hex::encode(chain.block_summary(r))})
                    }),
                    _ => st.object_json(id),
                };
                out.push(v.unwrap_or(Value::Null));
            }
            Value::Array(out)
        }
        "get_block_header" => {
            let n = u64_arg(method, args, 0)? as u32;
            chain.block(n).map_or(Value::Null, |b| b.header_json())
        }
        "get_block_header_batch" => {
            let nums = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            Value::Array(
                nums.iter()
                    .map(|v| {
                        let n = crate::rpc::frame::number(v).unwrap_or(0) as u32;
                        json!([n, chain.block(n).map_or(Value::Null, |b| b.header_json())])
                    })
                    .collect(),
            )
        }
        "get_block" => {
            let n = u64_arg(method, args, 0)? as u32;
            chain.block(n).map_or(Value::Null, |b| b.json(&cx))
        }
        "get_transaction" => {
            let n = u64_arg(method, args, 0)? as u32;
            let i = u64_arg(method, args, 1)? as usize;
            chain
                .block(n)
                .and_then(|b| b.transactions.get(i))
                .map(|t| t.json(&cx))
                .ok_or_else(|| {
                    Error::assert("opt_block", format!("no transaction {i} in block {n}"))
                })?
        }
        "get_recent_transaction_by_id" => {
            let id = str_arg(method, args, 0)?;
            chain
                .blocks
                .iter()
                .rev()
                .take(1000)
                .flat_map(|b| b.transactions.iter())
                .find(|t| hex::encode(t.tx.id()) == id)
                .map_or(Value::Null, |t| t.json(&cx))
        }
        "get_account_by_name" => {
            let name = str_arg(method, args, 0)?;
            let found = st.names.get(name).copied();
            if let (Some(i), Some(_)) = (found, &conn.subscribe) {
                conn.subscribed.insert(ObjectId::new(1, 2, i));
            }
            found.map_or(Value::Null, |i| account_json(chain, i))
        }
        "lookup_account_names" | "get_accounts" => {
            let names = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            let by_id = method == "get_accounts";
            Value::Array(
                names
                    .iter()
                    .map(|v| {
                        let s = v.as_str().unwrap_or_default();
                        let found = if by_id {
                            st.find_account(s)
                        } else {
                            st.names.get(s).copied()
                        };
                        if let (Some(i), Some(_)) = (found, &conn.subscribe) {
                            conn.subscribed.insert(ObjectId::new(1, 2, i));
                        }
                        found.map_or(Value::Null, |i| account_json(chain, i))
                    })
                    .collect(),
            )
        }
        "get_full_accounts" => {
            let names = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            let subscribe = args.get(1).and_then(Value::as_bool).unwrap_or(false);
            let mut out = Vec::new();
            for v in names {
                let s = v.as_str().unwrap_or_default();
                if let Some(i) = st.find_account(s) {
                    if subscribe && conn.subscribe.is_some() {
                        conn.subscribed.insert(ObjectId::new(1, 2, i));
                        conn.subscribed.insert(ObjectId::new(2, 6, i));
                    }
                    let balances: Vec<Value> = st
                        .balances
                        .iter()
                        .filter(|(_, b)| b.owner == i)
                        .map(|(bi, b)| b.json(*bi, &cx))
                        .collect();
                    out.push(json!([s, {
                        "account": account_json(chain, i),
                        "statistics": st.object_json(ObjectId::new(2, 6, i)),
                        "registrar_name": st.accounts.get(&st.accounts[&i].registrar.0).map(|a| a.name.clone()),
                        "referrer_name": st.accounts.get(&st.accounts[&i].referrer.0).map(|a| a.name.clone()),
                        "lifetime_referrer_name": st.accounts.get(&st.accounts[&i].lifetime_referrer.0).map(|a| a.name.clone()),
                        "votes": [],
                        "balances": balances,
                        "vesting_balances": [],
                        "limit_orders": [],
                        "call_orders": [],
                        "settle_orders": [],
                        "proposals": proposals_for(chain, i),
                        "assets": [],
                        "withdraws": [],
                    }]));
                }
            }
            Value::Array(out)
        }
        "lookup_accounts" => {
            let lower = str_arg(method, args, 0)?;
            let limit = u64_arg(method, args, 1)?.min(1000) as usize;
            Value::Array(
                st.names
                    .range(lower.to_string()..)
                    .take(limit)
                    .map(|(n, i)| json!([n, format!("1.2.{i}")]))
                    .collect(),
            )
        }
        "get_account_count" => json!(st.accounts.len()),
        "get_account_balances" | "get_named_account_balances" => {
            let who = str_arg(method, args, 0)?;
            let i = st
                .find_account(who)
                .ok_or_else(|| Error::UnknownObject { id: who.into() })?;
            json!([{"amount": st.balance(i, 0), "asset_id": "1.3.0"}])
        }
        "get_key_references" => {
            let keys = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            let mut out = Vec::new();
            for k in keys {
                let key: PublicKey = parse(method, k)?;
                let ids: Vec<Value> = st
                    .accounts
                    .iter()
                    .filter(|(_, a)| {
                        a.owner.key_auths.iter().any(|(x, _)| *x == key)
                            || a.active.key_auths.iter().any(|(x, _)| *x == key)
                            || a.options.memo_key == key
                    })
                    .map(|(i, _)| json!(format!("1.2.{i}")))
                    .collect();
                out.push(Value::Array(ids));
            }
            Value::Array(out)
        }
        "get_assets" | "lookup_asset_symbols" => {
            let list = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            Value::Array(
                list.iter()
                    .map(|v| {
                        let s = v.as_str().unwrap_or_default();
                        let hit = st
                            .assets
                            .iter()
                            .find(|(i, a)| a.symbol == s || format!("1.3.{i}") == s);
                        hit.map_or(Value::Null, |(i, a)| a.json(*i, &cx))
                    })
                    .collect(),
            )
        }
        "get_witness_by_account" => {
            let who = str_arg(method, args, 0)?;
            let i = st
                .find_account(who)
                .ok_or_else(|| Error::assert("account", format!("no such account {who}")))?;
            st.witnesses
                .iter()
                .find(|(wi, w)| **wi != 0 && w.witness_account.0 == i)
                .map_or(Value::Null, |(wi, w)| w.json(*wi, &cx))
        }
        "get_witnesses" => {
            let ids = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array"))?;
            Value::Array(
                ids.iter()
                    .map(|v| {
                        v.as_str()
                            .and_then(|s| WitnessId::parse(s).ok())
                            .and_then(|w| st.witnesses.get(&w.0).map(|x| x.json(w.0, &cx)))
                            .unwrap_or(Value::Null)
                    })
                    .collect(),
            )
        }
        "lookup_witness_accounts" => {
            let lower = str_arg(method, args, 0)?;
            let limit = u64_arg(method, args, 1)?.min(1000) as usize;
            let mut list: Vec<(String, u64)> = st
                .witnesses
                .iter()
                .filter(|(i, _)| **i != 0)
                .filter_map(|(i, w)| {
                    st.accounts
                        .get(&w.witness_account.0)
                        .map(|a| (a.name.clone(), *i))
                })
                .filter(|(n, _)| n.as_str() >= lower)
                .collect();
            list.sort();
            Value::Array(
                list.into_iter()
                    .take(limit)
                    .map(|(n, i)| json!([n, format!("1.6.{i}")]))
                    .collect(),
            )
        }
        "get_witness_count" => json!(st.witnesses.len().saturating_sub(1)),
        "get_proposed_transactions" => {
            let who = str_arg(method, args, 0)?;
            let i = st
                .find_account(who)
                .ok_or_else(|| Error::UnknownObject { id: who.into() })?;
            Value::Array(proposals_for(chain, i))
        }
        "get_required_fees" => {
            let ops = arg(method, args, 0)?
                .as_array()
                .ok_or_else(|| bad(method, "argument 1 must be an array of operations"))?;
            if let Some(asset) = args.get(1).and_then(Value::as_str) {
                if asset != "1.3.0" && Some(asset) != st.assets.get(&0).map(|a| a.symbol.as_str()) {
                    return Err(Error::assert(
                        "asset == core",
                        format!("bos devnet only quotes fees in the core asset, not {asset}"),
                    ));
                }
            }
            let mut out = Vec::new();
            for v in ops {
                let op: Operation = parse(method, v)?;
                out.push(st.params.fees.required_json(&op));
            }
            Value::Array(out)
        }
        "get_potential_signatures" => {
            let tx: Transaction = parse(method, arg(method, args, 0)?)?;
            let keys = authority::potential_keys(st, &Chain::required(&tx));
            Value::Array(keys.iter().map(|k| k.to_json(&cx)).collect())
        }
        "get_required_signatures" => {
            let tx: Transaction = parse(method, arg(method, args, 0)?)?;
            let avail: Vec<PublicKey> = parse(method, arg(method, args, 1)?)?;
            let req = Chain::required(&tx);
            let potential = authority::potential_keys(st, &req);
            let mut chosen: Vec<PublicKey> = Vec::new();
            for k in avail.iter().filter(|k| potential.contains(k)) {
                if authority::verify(st, &req, &chosen, &[], &[], false).is_ok() {
                    break;
                }
                chosen.push(*k);
            }
            Value::Array(chosen.iter().map(|k| k.to_json(&cx)).collect())
        }
        "verify_authority" => {
            let tx: Transaction = parse(method, arg(method, args, 0)?)?;
            chain.verify_authority(&tx)?;
            json!(true)
        }
        "verify_account_authority" => {
            let who = str_arg(method, args, 0)?;
            let keys: Vec<PublicKey> = parse(method, arg(method, args, 1)?)?;
            let i = st
                .find_account(who)
                .ok_or_else(|| Error::UnknownObject { id: who.into() })?;
            let mut req = authority::Required::default();
            req.active.insert(Id(i));
            json!(authority::verify(st, &req, &keys, &[], &[], false).is_ok())
        }
        "validate_transaction" => {
            let tx: Transaction = parse(method, arg(method, args, 0)?)?;
            let snap = (
                chain.state.clone(),
                chain.pending.len(),
                chain.txids.clone(),
                chain.prior.clone(),
            );
            let r = chain.push_transaction(tx);
            chain.state = snap.0;
            chain.pending.truncate(snap.1);
            chain.txids = snap.2;
            chain.prior = snap.3;
            r?.json(&chain.state.cx())
        }
        "get_transaction_hex" => {
            let tx: Transaction = parse(method, arg(method, args, 0)?)?;
            json!(hex::encode(tx.signed_bytes()))
        }
        "list_sports" => Value::Array(
            st.sports
                .keys()
                .filter_map(|i| st.object_json(ObjectId::new(1, 20, *i)))
                .collect(),
        ),
        "list_event_groups" => {
            let parent: SportId = id_arg(method, args, 0)?;
            children(st, &st.event_groups, 21, |x| x.sport_id == parent)
        }
        "list_events_in_group" => {
            let parent: EventGroupId = id_arg(method, args, 0)?;
            children(st, &st.events, 22, |x| x.event_group_id == parent)
        }
        "list_betting_market_groups" => {
            let parent: EventId = id_arg(method, args, 0)?;
            children(st, &st.bmgs, 24, |x| x.event_id == parent)
        }
        "list_betting_markets" => {
            let parent: BettingMarketGroupId = id_arg(method, args, 0)?;
            children(st, &st.bms, 25, |x| x.group_id == parent)
        }
        "get_unmatched_bets_for_bettor" => {
            let m: BettingMarketId = id_arg(method, args, 0)?;
            let a: AccountId = id_arg(method, args, 1)?;
            Value::Array(
                st.bets
                    .iter()
                    .filter(|(_, b)| b.betting_market_id == m && b.bettor_id == a)
                    .map(|(i, b)| b.json(*i, &cx))
                    .collect(),
            )
        }
        "get_all_unmatched_bets_for_bettor" => {
            let a: AccountId = id_arg(method, args, 0)?;
            Value::Array(
                st.bets
                    .iter()
                    .filter(|(_, b)| b.bettor_id == a)
                    .map(|(i, b)| b.json(*i, &cx))
                    .collect(),
            )
        }
        "get_global_betting_statistics" => st.betting_statistics_json(),
        "set_subscribe_callback" => {
            let cb = arg(method, args, 0)?.clone();
            let notify = args.get(1).and_then(Value::as_bool).unwrap_or(false);
            conn.subscribe = Some((cb, notify));
            conn.subscribed.clear();
            Value::Null
        }
        "set_block_applied_callback" => {
            conn.block_callback = Some(arg(method, args, 0)?.clone());
            Value::Null
        }
        "set_pending_transaction_callback" => {
            conn.pending_callback = Some(arg(method, args, 0)?.clone());
            Value::Null
        }
        "cancel_all_subscriptions" => {
            conn.subscribe = None;
            conn.subscribed.clear();
            conn.block_callback = None;
            conn.pending_callback = None;
            Value::Null
        }
        _ => {
            return Err(Error::NoMethod {
                method: method.into(),
            })
        }
    })
}

/// Proposals where the account is a required approver or has approved.
fn proposals_for(chain: &Chain, account: u64) -> Vec<Value> {
    let st = &chain.state;
    let cx = st.cx();
    st.proposals
        .iter()
        .filter(|(_, p)| {
            let a = Id(account);
            p.required_active_approvals.contains(&a)
                || p.required_owner_approvals.contains(&a)
                || p.available_active_approvals.contains(&a)
        })
        .map(|(i, p)| p.json(*i, &cx))
        .collect()
}

/// The JSON of every object of `map` (type `1.TYPE.x`) whose parent matches: the
/// `list_*` calls of the database api.
fn children<T>(
    st: &crate::devnet::state::State,
    map: &std::collections::BTreeMap<u64, T>,
    type_id: u8,
    is_child: impl Fn(&T) -> bool,
) -> Value {
    Value::Array(
        map.iter()
            .filter(|(_, x)| is_child(x))
            .filter_map(|(i, _)| st.object_json(ObjectId::new(1, type_id, *i)))
            .collect(),
    )
}
