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
        let mut v = ChainView {
            sports: arr(c.db("list_sports", json!([])).await?),
            ..ChainView::default()
        };
        if let Some(sid) = v.sport_id(sport) {
            v.event_groups = arr(c.db("list_event_groups", json!([sid])).await?);
            if let Some(gid) = v.event_group_id(&sid, event_group) {
                v.events = arr(c.db("list_events_in_group", json!([gid])).await?);
                for e in v.events.clone() {
                    if start.is_some_and(|t| e["start_time"].as_str() != Some(t)) {
                        continue;
                    }
                    let g = arr(c
                        .db("list_betting_market_groups", json!([id_of(&e)]))
                        .await?);
                    for bmg in &g {
                        v.bms.extend(arr(c
                            .db("list_betting_markets", json!([id_of(bmg)]))
                            .await?));
                    }
                    v.bmgs.extend(g);
                }
            }
        }
        let mut start = 0;
        loop {
            let ids: Vec<String> = (start..start + 100).map(|i| format!("1.23.{i}")).collect();
            let got = arr(c.db("get_objects", json!([ids])).await?);
            let n = got.iter().take_while(|r| !r.is_null()).count();
            v.rules.extend(got.into_iter().take(n));
            if n < 100 {
                break;
            }
            start += 100;
        }
        let symbols = crate::sports::ASSETS;
        let assets = arr(c.db("lookup_asset_symbols", json!([symbols])).await?);
        for (s, a) in symbols.iter().zip(assets) {
            if !a.is_null() {
                v.assets.insert(s.to_string(), id_of(&a));
            }
        }
        v.proposals = arr(c.db("get_proposed_transactions", json!(["1.2.1"])).await?);
        let sched = arr(c.db("get_objects", json!([["2.12.0"]])).await?);
        let wids = sched
            .first()
            .map(|s| s["current_shuffled_witnesses"].clone())
            .unwrap_or(json!([]));
        for w in arr(c.db("get_objects", json!([wids])).await?) {
            if let Some(a) = w["witness_account"].as_str() {
                v.witness_accounts.insert(a.to_string());
            }
        }
        let accts = arr(c.db("lookup_account_names", json!([names])).await?);
        for (n, a) in names.iter().zip(accts) {
            if !a.is_null() {
                v.accounts.insert(n.to_string(), id_of(&a));
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

fn arr(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}
