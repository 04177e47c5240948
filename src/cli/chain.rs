//! `bos info`, `bos account`, `bos rpc`: read the chain through a node.

use clap::Args;
use serde_json::{json, Value};

use super::node::{client, runtime};
use super::{output, CliError, Settings};
use crate::rpc::{Api, Client};

fn print(g: &Settings, v: &Value) {
    output::json(v, g.json);
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// Block number, object id (1.2.7), public key, asset symbol (PPY, BTF), or account name
    pub objects: Vec<String>,
}

/// Prints what `info` found: a table of fields each (nested objects as dotted names,
/// lists as compact JSON, long values wrapped); `--json`: exactly one JSON value (the
/// object, or an array of them when several were asked for).
fn show(g: &Settings, found: &[Value]) {
    if g.json {
        match found {
            [one] => output::json(one, true),
            many => output::json(&Value::Array(many.to_vec()), true),
        }
        return;
    }
    let mut first = true;
    for v in found {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            if !first {
                output::line("");
            }
            first = false;
            let mut rows = Vec::new();
            flatten("", item, &mut rows);
            let rows: Vec<(&str, String)> =
                rows.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            output::pairs(&rows);
        }
    }
}

/// `(dotted name, text)` of each field of `v`.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, x, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

impl InfoArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let c = client(g)?;
            if self.objects.is_empty() {
                let v = c.db("get_dynamic_global_properties", json!([])).await?;
                show(g, &[v]);
                return Ok(());
            }
            let mut found = Vec::new();
            for obj in &self.objects {
                found.push(info_one(&c, obj).await?);
            }
            show(g, &found);
            Ok(())
        })
    }
}

async fn info_one(c: &Client, obj: &str) -> Result<Value, CliError> {
    if !obj.is_empty() && obj.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = obj
            .parse()
            .map_err(|_| CliError::Usage(format!("{obj}: block number too large")))?;
        let b = c.db("get_block", json!([n])).await?;
        if b.is_null() {
            return Err(CliError::Failed(format!("block {n} does not exist")));
        }
        return Ok(b);
    }
    if crate::protocol::ObjectId::parse(obj).is_ok() {
        let v = c.db("get_objects", json!([[obj]])).await?;
        let o = v.get(0).cloned().unwrap_or(Value::Null);
        if o.is_null() {
            return Err(CliError::Failed(format!("object {obj} does not exist")));
        }
        return Ok(o);
    }
    if crate::protocol::PublicKey::parse(obj).is_ok() {
        let refs = c.db("get_key_references", json!([[obj]])).await?;
        let ids = refs.get(0).cloned().unwrap_or(json!([]));
        if ids.as_array().is_none_or(|a| a.is_empty()) {
            return Err(CliError::Failed(format!(
                "public key {obj} is not known to any account"
            )));
        }
        let accounts = c.db("get_accounts", json!([ids])).await?;
        return Ok(accounts);
    }
    // Asset symbols are upper case (PPY, BTF, BTC.X); account names never are.
    if obj.starts_with(|c: char| c.is_ascii_uppercase())
        && obj
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
    {
        let v = c.db("lookup_asset_symbols", json!([[obj]])).await?;
        let mut a = v.get(0).cloned().unwrap_or(Value::Null);
        if a.is_null() {
            return Err(CliError::Failed(format!("asset {obj} does not exist")));
        }
        if let Some(d) = a["dynamic_asset_data_id"].as_str().map(str::to_string) {
            let dynamic = c.db("get_objects", json!([[d]])).await?;
            if let Some(x) = dynamic.get(0).filter(|x| !x.is_null()) {
                a["dynamic_asset_data"] = x.clone();
            }
        }
        return Ok(a);
    }
    let full = c.db("get_full_accounts", json!([[obj], false])).await?;
    match full.get(0).and_then(|p| p.get(1)) {
        Some(v) => Ok(v.clone()),
        None => Err(CliError::Failed(format!("account {obj} does not exist"))),
    }
}

#[derive(Args, Debug)]
pub struct AccountArgs {
    /// Account name or id (1.2.x)
    pub name: String,
}

impl AccountArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let c = client(g)?;
            let full = c
                .db("get_full_accounts", json!([[self.name], false]))
                .await?;
            let Some(v) = full.get(0).and_then(|p| p.get(1)) else {
                return Err(CliError::Failed(format!(
                    "account {} does not exist",
                    self.name
                )));
            };
            if g.json {
                print(g, v);
                return Ok(());
            }
            let a = &v["account"];
            let balance = v["balances"]
                .as_array()
                .and_then(|b| b.iter().find(|x| x["asset_type"] == "1.3.0"))
                .map_or("0".to_string(), |b| b["balance"].to_string());
            let keys = |auth: &Value| {
                auth["key_auths"]
                    .as_array()
                    .map(|k| {
                        k.iter()
                            .map(|p| format!("{} ({})", p[0].as_str().unwrap_or(""), p[1]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default()
            };
            output::pairs(&[
                ("name", a["name"].as_str().unwrap_or("").to_string()),
                ("id", a["id"].as_str().unwrap_or("").to_string()),
                (
                    "balance (satoshis of 1.3.0)",
                    balance.trim_matches('"').to_string(),
                ),
                ("owner keys", keys(&a["owner"])),
                ("active keys", keys(&a["active"])),
                (
                    "memo key",
                    a["options"]["memo_key"].as_str().unwrap_or("").to_string(),
                ),
                (
                    "lifetime member",
                    (a["membership_expiration_date"] == "2106-02-07T06:28:15").to_string(),
                ),
            ]);
            Ok(())
        })
    }
}

#[derive(Args, Debug)]
pub struct RpcArgs {
    /// Method name, e.g. get_objects
    pub method: String,
    /// Arguments, each one JSON value (a bare word that is not JSON is taken as a string)
    pub args: Vec<String>,
    /// API name or id: database, network_broadcast, history, bookie, devnet, ...
    #[arg(long, default_value = "database")]
    pub api: String,
}

impl RpcArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let args: Vec<Value> = self
            .args
            .iter()
            .map(|a| serde_json::from_str(a).unwrap_or_else(|_| Value::String(a.clone())))
            .collect();
        runtime()?.block_on(async {
            let c = client(g)?;
            let v = c
                .call(Api::parse(&self.api), &self.method, Value::Array(args))
                .await?;
            print(g, &v);
            Ok(())
        })
    }
}
