//! `bos info`, `bos account`, `bos witness`, `bos rpc`: read the chain through a node.

use clap::Args;
use serde_json::{json, Value};

use super::{output, CliError, GlobalArgs};
use crate::chain::{Chain, Mode, Sender};
use crate::protocol::PublicKey;
use crate::rpc::{Api, Client, EventSink, Options};

/// The node URLs from `--node`/`BOS_NODE`, or the devnet default.
pub fn node_urls(g: &GlobalArgs) -> Vec<String> {
    let urls: Vec<String> = g
        .node
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if urls.is_empty() {
        vec!["ws://127.0.0.1:8090".to_string()]
    } else {
        urls
    }
}

/// A current-thread runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the async runtime: {e}")))
}

/// Client options for a command: the per-request timeout (`--node-timeout`,
/// the config file's `node_timeout`), and node events (a node down, a switch
/// to the next one) printed as warnings on stderr. A command run once does not
/// check staleness (reading an old chain is still useful); long-running
/// commands set `max_lag`.
pub fn client_options(g: &GlobalArgs) -> Result<Options, CliError> {
    Ok(Options {
        timeout: super::config::node_timeout(g)?,
        max_lag: None,
        events: Some(print_node_events()),
        ..Options::default()
    })
}

/// Node events as warning lines on stderr.
pub fn print_node_events() -> EventSink {
    EventSink::new(|e| output::warn(&e.message()))
}

/// A client for the configured nodes (see [`client_options`]).
pub fn client(g: &GlobalArgs) -> Result<Client, CliError> {
    Ok(Client::new(node_urls(g), client_options(g)?)?)
}

/// Typed chain access over the configured nodes (with failover).
pub fn chain(g: &GlobalArgs) -> Result<Chain, CliError> {
    Ok(Chain::new(client(g)?))
}

/// What `-d` and `-x` (and a command's own `--dry-run`) make of a transaction.
pub fn mode(g: &GlobalArgs, dry_run: bool) -> Mode {
    Mode::from_flags(g.nobroadcast, g.unsigned || dry_run)
}

/// The sender for `accounts`: in a mode that signs, with the wallet's keys of their
/// active authorities (asking for the wallet password: `password_file`,
/// `BOS_WALLET_PASSWORD`, `UNLOCK`, a prompt); under `-x` or a dry run, without keys
/// (no wallet needed).
pub async fn sender(
    g: &GlobalArgs,
    chain: &Chain,
    accounts: &[&str],
    password_file: Option<&std::path::Path>,
    mode: Mode,
) -> Result<Sender, CliError> {
    if !mode.signs() {
        return Ok(Sender::new(chain.clone(), mode, g.expiration, Vec::new()));
    }
    let have = super::wallet::wallet_public_keys(g)?;
    let mut active: Vec<PublicKey> = Vec::new();
    for a in accounts {
        let acct = chain.account(a).await?;
        active.extend(acct.active_keys);
    }
    let wanted: Vec<PublicKey> = have.into_iter().filter(|k| active.contains(k)).collect();
    if wanted.is_empty() {
        let prefix = chain.prefix().await?.to_string();
        return Err(CliError::Failed(format!(
            "the wallet holds no active key of {} ({}); add one with bos wallet add-key",
            accounts.join(", "),
            active
                .iter()
                .map(|k| k.to_string_with_prefix(&prefix))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let keys = super::wallet::wallet_keys_with(g, password_file, &wanted)?;
    Ok(Sender::new(chain.clone(), mode, g.expiration, keys))
}

fn print(g: &GlobalArgs, v: &Value) {
    output::json(v, g.json);
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// Block number, object id (1.2.7), public key, or account name
    pub objects: Vec<String>,
}

impl InfoArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let c = client(g)?;
            if self.objects.is_empty() {
                print(g, &c.db("get_dynamic_global_properties", json!([])).await?);
                return Ok(());
            }
            for obj in &self.objects {
                let v = info_one(&c, obj).await?;
                print(g, &v);
            }
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
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
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
pub struct WitnessArgs {
    /// Witness account name, account id (1.2.x) or witness id (1.6.x)
    pub name: String,
}

impl WitnessArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let c = client(g)?;
            let w = if self.name.starts_with("1.6.") {
                c.db("get_witnesses", json!([[self.name]]))
                    .await?
                    .get(0)
                    .cloned()
                    .unwrap_or(Value::Null)
            } else {
                c.db("get_witness_by_account", json!([self.name])).await?
            };
            if w.is_null() {
                return Err(CliError::Failed(format!("{} is not a witness", self.name)));
            }
            let gp = c.db("get_global_properties", json!([])).await?;
            let active = gp["active_witnesses"]
                .as_array()
                .is_some_and(|a| a.contains(&w["id"]));
            let account = c.db("get_objects", json!([[w["witness_account"]]])).await?;
            let name = account[0]["name"].as_str().unwrap_or("").to_string();
            if g.json {
                let mut out = w.clone();
                out["account_name"] = json!(name);
                out["active"] = json!(active);
                print(g, &out);
                return Ok(());
            }
            output::pairs(&[
                ("witness", w["id"].as_str().unwrap_or("").to_string()),
                (
                    "account",
                    format!("{name} ({})", w["witness_account"].as_str().unwrap_or("")),
                ),
                (
                    "signing key",
                    w["signing_key"].as_str().unwrap_or("").to_string(),
                ),
                ("url", w["url"].as_str().unwrap_or("").to_string()),
                (
                    "total missed",
                    w["total_missed"].to_string().trim_matches('"').to_string(),
                ),
                (
                    "last confirmed block",
                    w["last_confirmed_block_num"].to_string(),
                ),
                ("active", active.to_string()),
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
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
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
