//! Chain access: the typed reads every command and the engine make of a node, the
//! one fee filler, and the one [`Sender`] that turns operations into a transaction
//! and signs and broadcasts it (or prints it signed, `-d`, or unsigned, `-x`).
//!
//! Why it exists: building a transaction (fees, TaPoS, expiration, chain id, key
//! prefix) and reading what a node refused are the same for a witness switching its
//! signing key, for `bos propose` and for the engine's proposals and approvals.
//! One implementation means one meaning of `-d`/`-x`/`-e`, one fee rule (top level
//! and proposed operations) and one typed answer ([`Outcome`], [`Refusal`]).
//!
//! What it must never do: print, log keys, or decide by a node's error text
//! anywhere but [`Refusal::classify`].

mod refusal;
mod sender;

use std::sync::Arc;

use serde_json::{json, Value};

pub use refusal::Refusal;
pub use sender::{sign_transaction, Mode, Outcome, Sender, Wait};

use crate::protocol::ids::{AccountId, AssetId, Id};
use crate::protocol::types::Asset;
use crate::protocol::{network, Json, JsonCx, Operation, Path, PublicKey, TimePointSec};
use crate::rpc::Client;

/// What chain access fails with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Rpc(#[from] crate::rpc::Error),
    /// The node refused a transaction (typed; see [`Refusal`]).
    #[error("the node refused the transaction: {0}")]
    Refused(Refusal),
    #[error("account {0:?} is not on chain")]
    UnknownAccount(String),
    #[error("asset {0:?} is not on chain")]
    UnknownAsset(String),
    #[error("the node answered {what} in an unexpected shape: {value}")]
    Shape { what: &'static str, value: String },
    /// Signing was asked for without a key.
    #[error("no key to sign with: {0}")]
    NoKeys(String),
    #[error(transparent)]
    Protocol(#[from] crate::protocol::Error),
}

impl Error {
    /// True when no node answered (as opposed to a node that refused).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Rpc(e) if !matches!(e, crate::rpc::Error::Remote { .. }))
    }
}

pub type Result<T> = std::result::Result<T, Error>;

fn shape(what: &'static str, v: &Value) -> Error {
    Error::Shape {
        what,
        value: v.to_string(),
    }
}

/// The head block: what a transaction references (TaPoS) and when it expires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    pub id: [u8; 20],
    pub num: u32,
    pub time: TimePointSec,
}

impl Head {
    /// Parses `get_dynamic_global_properties`.
    pub fn from_dgp(d: &Value) -> Result<Head> {
        let id = d["head_block_id"]
            .as_str()
            .and_then(|h| hex::decode(h).ok())
            .and_then(|b| <[u8; 20]>::try_from(b).ok())
            .ok_or_else(|| shape("head_block_id", d))?;
        let time = d["time"]
            .as_str()
            .and_then(|t| TimePointSec::parse(t).ok())
            .ok_or_else(|| shape("time", d))?;
        let num = d["head_block_number"]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| shape("head_block_number", d))?;
        Ok(Head { id, num, time })
    }
}

/// The chain a node serves: what signatures commit to and how keys are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkInfo {
    pub chain_id: [u8; 32],
    /// The public-key prefix (`PPY`, `TEST`, ...).
    pub prefix: String,
}

/// An account as the transaction pipeline needs it.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    /// The keys of its active authority.
    pub active_keys: Vec<PublicKey>,
    /// Its memo key (`options.memo_key`), unless it is the null key.
    pub memo_key: Option<PublicKey>,
}

/// An asset as amounts need it: its id, symbol and precision (decimal places).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetInfo {
    pub id: AssetId,
    pub symbol: String,
    pub precision: u8,
}

impl AssetInfo {
    /// `amount` satoshis written with the asset's decimal places (`150000` of a
    /// precision-5 asset: `1.50000`).
    pub fn format(&self, amount: i64) -> String {
        let p = u32::from(self.precision);
        let scale = 10i128.pow(p);
        let a = i128::from(amount);
        let (sign, a) = if a < 0 { ("-", -a) } else { ("", a) };
        if p == 0 {
            return format!("{sign}{a}");
        }
        format!(
            "{sign}{}.{:0width$}",
            a / scale,
            a % scale,
            width = p as usize
        )
    }

    /// A decimal amount (`1.5`, `20`) in satoshis of this asset; `None` when it has
    /// more decimal places than the asset, is not a plain decimal number, or is too large.
    pub fn parse(&self, text: &str) -> Option<i64> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty()
            || !digits(int)
            || !digits(frac)
            || frac.len() > usize::from(self.precision)
        {
            return None;
        }
        let scale = 10i64.checked_pow(u32::from(self.precision))?;
        let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let frac_value: i64 = if frac.is_empty() {
            0
        } else {
            let f: i64 = frac.parse().ok()?;
            f.checked_mul(10i64.checked_pow((usize::from(self.precision) - frac.len()) as u32)?)?
        };
        whole.checked_mul(scale)?.checked_add(frac_value)
    }
}

fn asset_info(v: &Value) -> Result<AssetInfo> {
    let id = v["id"]
        .as_str()
        .and_then(|s| Id::parse(s).ok())
        .ok_or_else(|| shape("asset", v))?;
    let precision = v["precision"]
        .as_u64()
        .and_then(|p| u8::try_from(p).ok())
        .filter(|p| *p <= 18)
        .ok_or_else(|| shape("asset", v))?;
    Ok(AssetInfo {
        id,
        symbol: v["symbol"].as_str().unwrap_or_default().to_string(),
        precision,
    })
}

/// Typed access to one node (with failover over the client's URLs). Cheap to clone;
/// the chain id and prefix are asked once.
#[derive(Clone)]
pub struct Chain {
    client: Client,
    /// A prefix given by the user (`--network`), preferred over the node's.
    prefix_hint: Option<String>,
    network: Arc<tokio::sync::OnceCell<NetworkInfo>>,
    prefix: Arc<tokio::sync::OnceCell<String>>,
}

impl Chain {
    pub fn new(client: Client) -> Chain {
        Chain {
            client,
            prefix_hint: None,
            network: Arc::default(),
            prefix: Arc::default(),
        }
    }

    /// A chain whose key prefix is known already (from `--network`).
    pub fn with_prefix(mut self, prefix: Option<String>) -> Chain {
        self.prefix_hint = prefix;
        self
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The head block.
    pub async fn head(&self) -> Result<Head> {
        let d = self
            .client
            .db("get_dynamic_global_properties", json!([]))
            .await?;
        Head::from_dgp(&d)
    }

    /// The chain id (`get_chain_id`, else `get_chain_properties`, which older nodes
    /// and recorders serve) and the key prefix: the user's, a known network's, the
    /// node's `get_config`, else `PPY`.
    pub async fn network(&self) -> Result<&NetworkInfo> {
        self.network
            .get_or_try_init(|| async {
                let chain_id = self.chain_id_from_node().await?;
                let prefix = self.prefix_for(&chain_id).await?;
                Ok(NetworkInfo { chain_id, prefix })
            })
            .await
    }

    async fn chain_id_from_node(&self) -> Result<[u8; 32]> {
        let v = match self.client.db("get_chain_id", json!([])).await {
            Ok(v) => v,
            Err(e @ crate::rpc::Error::Remote { .. }) => {
                match self.client.db("get_chain_properties", json!([])).await {
                    Ok(p) if p["chain_id"].is_string() => p["chain_id"].clone(),
                    _ => return Err(e.into()),
                }
            }
            Err(e) => return Err(e.into()),
        };
        let s = v.as_str().ok_or_else(|| shape("chain id", &v))?;
        Ok(network::parse_chain_id(s)?)
    }

    async fn prefix_for(&self, chain_id: &[u8; 32]) -> Result<String> {
        if let Some(p) = &self.prefix_hint {
            return Ok(p.clone());
        }
        if let Some(n) = network::by_chain_id(chain_id) {
            return Ok(n.prefix.to_string());
        }
        self.node_prefix().await
    }

    async fn node_prefix(&self) -> Result<String> {
        match self.client.db("get_config", json!([])).await {
            Ok(c) => Ok(c["GRAPHENE_ADDRESS_PREFIX"]
                .as_str()
                .filter(|p| !p.is_empty())
                .unwrap_or("PPY")
                .to_string()),
            Err(crate::rpc::Error::Remote { .. }) => Ok("PPY".to_string()),
            Err(e) => Err(e.into()),
        }
    }

    /// The key prefix, for output. Needs no chain id: a node (or recorder) that
    /// cannot tell its chain id still has a prefix.
    pub async fn prefix(&self) -> Result<&str> {
        if let Some(n) = self.network.get() {
            return Ok(&n.prefix);
        }
        self.prefix
            .get_or_try_init(|| async {
                if let Some(p) = &self.prefix_hint {
                    return Ok(p.clone());
                }
                match self.chain_id_from_node().await {
                    Ok(id) => self.prefix_for(&id).await,
                    Err(Error::Rpc(crate::rpc::Error::Remote { .. }) | Error::Shape { .. }) => {
                        self.node_prefix().await
                    }
                    Err(e) => Err(e),
                }
            })
            .await
            .map(String::as_str)
    }

    /// An account by name or id (`1.2.N`).
    pub async fn account(&self, name_or_id: &str) -> Result<Account> {
        let v = if name_or_id.starts_with("1.2.") {
            self.client
                .db("get_objects", json!([[name_or_id]]))
                .await?
                .get(0)
                .cloned()
                .unwrap_or(Value::Null)
        } else {
            match self
                .client
                .db("get_account_by_name", json!([name_or_id]))
                .await
            {
                Ok(v) => v,
                // Some nodes assert on an unknown name instead of answering null.
                Err(crate::rpc::Error::Remote { .. }) => Value::Null,
                Err(e) => return Err(e.into()),
            }
        };
        if v.is_null() {
            return Err(Error::UnknownAccount(name_or_id.to_string()));
        }
        let id = v["id"]
            .as_str()
            .and_then(|s| Id::parse(s).ok())
            .ok_or_else(|| shape("account", &v))?;
        let active_keys = v["active"]["key_auths"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p[0].as_str())
            .filter_map(|k| PublicKey::parse_with_prefix(k).ok().map(|(k, _)| k))
            .collect();
        let memo_key = v["options"]["memo_key"]
            .as_str()
            .and_then(|k| PublicKey::parse_with_prefix(k).ok())
            .map(|(k, _)| k)
            .filter(PublicKey::is_valid_point);
        Ok(Account {
            id,
            name: v["name"].as_str().unwrap_or(name_or_id).to_string(),
            active_keys,
            memo_key,
        })
    }

    /// An asset by symbol (`PPY`, `btf`: case does not matter) or id (`1.3.N`).
    pub async fn asset(&self, symbol_or_id: &str) -> Result<AssetInfo> {
        let key = if symbol_or_id.starts_with("1.3.") {
            symbol_or_id.to_string()
        } else {
            symbol_or_id.to_ascii_uppercase()
        };
        let v = self
            .client
            .db("lookup_asset_symbols", json!([[key]]))
            .await?
            .get(0)
            .cloned()
            .unwrap_or(Value::Null);
        if v.is_null() {
            return Err(Error::UnknownAsset(symbol_or_id.to_string()));
        }
        asset_info(&v)
    }

    /// The balances of an account (`1.2.N`), with their assets; zero balances left out.
    pub async fn balances(&self, account: AccountId) -> Result<Vec<(AssetInfo, i64)>> {
        let id = format!("1.2.{}", account.0);
        let v = self
            .client
            .db("get_account_balances", json!([id, []]))
            .await?;
        let list = v.as_array().ok_or_else(|| shape("balances", &v))?;
        let mut out = Vec::new();
        for b in list {
            let amount = match &b["amount"] {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.parse().ok(),
                _ => None,
            }
            .ok_or_else(|| shape("balance", b))?;
            let asset = b["asset_id"].as_str().ok_or_else(|| shape("balance", b))?;
            if amount != 0 {
                out.push((self.asset(asset).await?, amount));
            }
        }
        Ok(out)
    }

    /// A pending proposal (`1.10.N`), or `None` when it executed, expired or never was.
    pub async fn proposal(&self, id: &str) -> Result<Option<Value>> {
        let v = self.client.db("get_objects", json!([[id]])).await?;
        Ok(v.get(0).cloned().filter(|p| !p.is_null()))
    }

    /// Fills the fees of `ops`, and of the operations inside a `proposal_create`,
    /// from the node's `get_required_fees` in the core asset, as python-peerplays does.
    pub async fn fill_fees(&self, ops: &mut [Operation]) -> Result<()> {
        if ops.is_empty() {
            return Ok(());
        }
        let cx = JsonCx::default();
        let j: Vec<Value> = ops.iter().map(|o| o.to_json(&cx)).collect();
        let fees = self
            .client
            .db("get_required_fees", json!([j, "1.3.0"]))
            .await?;
        let list = fees.as_array().ok_or_else(|| shape("fees", &fees))?;
        if list.len() != ops.len() {
            return Err(shape("fees", &fees));
        }
        for (op, f) in ops.iter_mut().zip(list) {
            let (outer, inner) = match f {
                Value::Array(a) => (a.first().cloned().unwrap_or_default(), a.get(1).cloned()),
                other => (other.clone(), None),
            };
            *op.fee_mut() = Asset::from_json(&outer, &Path::ROOT).map_err(|_| shape("fee", f))?;
            if let (Operation::ProposalCreate(p), Some(Value::Array(inner))) = (op, inner) {
                for (w, f) in p.proposed_ops.iter_mut().zip(inner) {
                    let f = match &f {
                        Value::Array(a) => a.first().cloned().unwrap_or_default(),
                        o => o.clone(),
                    };
                    *w.op.fee_mut() =
                        Asset::from_json(&f, &Path::ROOT).map_err(|_| shape("fee", &f))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_with_the_assets_precision() {
        let ppy = AssetInfo {
            id: Id(0),
            symbol: "PPY".into(),
            precision: 5,
        };
        assert_eq!(ppy.parse("1.5"), Some(150_000));
        assert_eq!(ppy.parse("20"), Some(2_000_000));
        assert_eq!(ppy.parse(".00001"), Some(1));
        assert_eq!(ppy.parse("0.000001"), None);
        for bad in [
            "",
            ".",
            "-1",
            "1e3",
            "1,5",
            " 1",
            "abc",
            "99999999999999999",
        ] {
            assert_eq!(ppy.parse(bad), None, "{bad:?}");
        }
        assert_eq!(ppy.format(150_000), "1.50000");
        assert_eq!(ppy.format(-1), "-0.00001");
        let whole = AssetInfo {
            precision: 0,
            ..ppy
        };
        assert_eq!(whole.parse("7"), Some(7));
        assert_eq!(whole.parse("7.0"), None);
        assert_eq!(whole.format(7), "7");
    }
}
