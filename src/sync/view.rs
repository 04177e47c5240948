//! What the engine reads from the chain for one job: the BOS objects under the
//! incident's event group, the rules, the assets, the pending witness proposals
//! and the accounts of the scheduled witnesses, in node JSON form.
//!
//! A job works on one snapshot, as bos-sync's caches do within one job; the
//! comparators then read objects and proposed operations the same way.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::rpc::Client;

/// A chain snapshot for one job.
#[derive(Clone, Debug, Default)]
pub struct ChainView {
    pub sports: Vec<Value>,
    /// Event groups of the incident's sport.
    pub event_groups: Vec<Value>,
    /// Events of the incident's event group.
    pub events: Vec<Value>,
    /// BMGs of those events.
    pub bmgs: Vec<Value>,
    /// BMs of those BMGs.
    pub bms: Vec<Value>,
    pub rules: Vec<Value>,
    /// Asset symbol -> id.
    pub assets: BTreeMap<String, String>,
    /// Proposals pending for `witness-account` (1.2.1).
    pub proposals: Vec<Value>,
    /// Account ids of the witnesses in the current schedule.
    pub witness_accounts: BTreeSet<String>,
    /// Account name -> id, for the names asked for.
    pub accounts: BTreeMap<String, String>,
}

/// Chain objects read by id, each at most once (for code that follows ids from
/// object to object: `bos approve`, `bos propose`).
pub struct Objects<'a> {
    client: &'a Client,
    cache: std::collections::HashMap<String, Value>,
}

impl<'a> Objects<'a> {
    pub fn new(client: &'a Client) -> Objects<'a> {
        Objects {
            client,
            cache: Default::default(),
        }
    }

    /// The object `id`, or `None` when the node has no such object.
    pub async fn get(&mut self, id: &str) -> Result<Option<Value>, crate::rpc::Error> {
        if let Some(v) = self.cache.get(id) {
            return Ok(Some(v.clone()));
        }
        let v = self.client.db("get_objects", json!([[id]])).await?;
        let o = v[0].clone();
        if o.is_null() {
            return Ok(None);
        }
        self.cache.insert(id.to_string(), o.clone());
        Ok(Some(o))
    }
}

/// The `[lang, text]` pairs of a name or description list.
pub fn pairs(v: &Value) -> BTreeSet<(String, String)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// What a person calls a chain object: the English name or description of a BOS
/// object, an account's name, an asset's symbol.
pub fn display_name(o: &Value) -> Option<&str> {
    lang(&o["name"], "en")
        .or_else(|| lang(&o["description"], "en"))
        .or(o["name"].as_str())
        .or(o["symbol"].as_str())
}

/// The text of `lang` in a name or description list.
pub fn lang<'a>(v: &'a Value, lang: &str) -> Option<&'a str> {
    v.as_array()?
        .iter()
        .find(|p| p[0].as_str() == Some(lang))
        .and_then(|p| p[1].as_str())
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

impl ChainView {
    /// Loads what a job on `sport`/`event_group` (identifiers) needs: the groups'
    /// events, and the BMGs and BMs of those starting at `start` (`%Y-%m-%dT%H:%M:%S`;
    /// `None`: of every event). `names` are the accounts to resolve.
    pub async fn load(
        c: &Client,
        sport: &str,
        event_group: &str,
        start: Option<&str>,
        names: &[&str],
    ) -> Result<ChainView, crate::rpc::Error> {
        // The independent reads go out together (one websocket, many requests
        // in flight); only the event tree below needs its parents' ids first.
        let symbols = crate::sports::ASSETS;
        let (sports, rules, assets, proposals, witness_accounts, accounts) = tokio::try_join!(
            c.db("list_sports", json!([])),
            load_rules(c),
            c.db("lookup_asset_symbols", json!([symbols])),
            c.db("get_proposed_transactions", json!(["1.2.1"])),
            scheduled_witness_accounts(c),
            c.db("lookup_account_names", json!([names])),
        )?;
        let mut v = ChainView {
            sports: arr(sports),
            rules,
            proposals: arr(proposals),
            witness_accounts,
            ..ChainView::default()
        };
        for (s, a) in symbols.iter().zip(arr(assets)) {
            if !a.is_null() {
                v.assets.insert(s.to_string(), id_of(&a));
            }
        }
        for (n, a) in names.iter().zip(arr(accounts)) {
            if !a.is_null() {
                v.accounts.insert(n.to_string(), id_of(&a));
            }
        }
        if let Some(sid) = v.sport_id(sport) {
            v.event_groups = arr(c.db("list_event_groups", json!([sid])).await?);
            if let Some(gid) = v.event_group_id(&sid, event_group) {
                v.events = arr(c.db("list_events_in_group", json!([gid])).await?);
                let wanted: Vec<String> = v
                    .events
                    .iter()
                    .filter(|e| start.is_none_or(|t| e["start_time"].as_str() == Some(t)))
                    .map(id_of)
                    .collect();
                let groups = futures_util::future::try_join_all(
                    wanted
                        .iter()
                        .map(|e| c.db("list_betting_market_groups", json!([e]))),
                )
                .await?;
                let groups: Vec<Value> = groups.into_iter().flat_map(arr).collect();
                let markets = futures_util::future::try_join_all(
                    groups
                        .iter()
                        .map(|g| c.db("list_betting_markets", json!([id_of(g)]))),
                )
                .await?;
                v.bms = markets.into_iter().flat_map(arr).collect();
                v.bmgs = groups;
            }
        }
        Ok(v)
    }

    /// The sport whose name has `identifier` = `sport`.
    pub fn sport_id(&self, sport: &str) -> Option<String> {
        self.sports
            .iter()
            .find(|s| lang(&s["name"], "identifier") == Some(sport))
            .map(id_of)
    }

    /// The event group of sport `sport_id` whose name has `identifier` = `eg`.
    pub fn event_group_id(&self, sport_id: &str, eg: &str) -> Option<String> {
        self.event_groups
            .iter()
            .find(|g| {
                g["sport_id"].as_str() == Some(sport_id)
                    && lang(&g["name"], "identifier") == Some(eg)
            })
            .map(id_of)
    }

    /// The rule whose name has `en` = `name`.
    pub fn rule_id(&self, name: &str) -> Option<String> {
        self.rules
            .iter()
            .find(|r| lang(&r["name"], "en") == Some(name))
            .map(id_of)
    }

    /// An event by id.
    pub fn event(&self, id: &str) -> Option<&Value> {
        self.events.iter().find(|e| e["id"].as_str() == Some(id))
    }

    /// The BMGs of an event.
    pub fn bmgs_of<'a>(&'a self, event_id: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.bmgs
            .iter()
            .filter(move |g| g["event_id"].as_str() == Some(event_id))
    }

    /// The BMs of a BMG.
    pub fn bms_of<'a>(&'a self, group_id: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.bms
            .iter()
            .filter(move |m| m["group_id"].as_str() == Some(group_id))
    }
}

/// Every rule object (`1.23.x`), read in pages of 100 until one is short.
/// Whether a database read of [`ChainView::load`] returns what changes only by
/// a witness's hand, not by the BOS engine's proposals: the sports, the rules,
/// the asset and account lookups, the witness schedule and the witnesses. A live
/// replay shares these between jobs for a moment ([`Client::sharing_reads_of`]);
/// events, groups, markets and proposals are always read afresh.
pub fn slow_changing(method: &str, args: &Value) -> bool {
    match method {
        "list_sports"
        | "lookup_asset_symbols"
        | "lookup_account_names"
        | "get_chain_id"
        | "get_chain_properties"
        | "get_config" => true,
        "get_objects" => args[0].as_array().is_some_and(|ids| {
            !ids.is_empty()
                && ids.iter().all(|id| {
                    id.as_str().is_some_and(|id| {
                        id.starts_with("1.23.") || id == "2.12.0" || id.starts_with("1.6.")
                    })
                })
        }),
        _ => false,
    }
}

pub async fn load_rules(c: &Client) -> Result<Vec<Value>, crate::rpc::Error> {
    let mut rules = Vec::new();
    let mut start = 0;
    loop {
        let ids: Vec<String> = (start..start + 100).map(|i| format!("1.23.{i}")).collect();
        let got = arr(c.db("get_objects", json!([ids])).await?);
        let n = got.iter().take_while(|r| !r.is_null()).count();
        rules.extend(got.into_iter().take(n));
        if n < 100 {
            return Ok(rules);
        }
        start += 100;
    }
}

/// The account ids of the witnesses in the current schedule (`2.12.0`).
async fn scheduled_witness_accounts(c: &Client) -> Result<BTreeSet<String>, crate::rpc::Error> {
    let sched = arr(c.db("get_objects", json!([["2.12.0"]])).await?);
    let wids = sched
        .first()
        .map(|s| s["current_shuffled_witnesses"].clone())
        .unwrap_or(json!([]));
    let mut out = BTreeSet::new();
    for w in arr(c.db("get_objects", json!([wids])).await?) {
        if let Some(a) = w["witness_account"].as_str() {
            out.insert(a.to_string());
        }
    }
    Ok(out)
}

fn arr(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}
