//! Reading the witness from a node, and the `witness_update` that switches its
//! signing key (sent through the one pipeline, [`crate::chain::Sender`]).
//!
//! The one rule this file exists for (node.md §3.5): a new signing key always
//! goes with `new_initial_secret = ripemd160(20 zero bytes)`, or every block of
//! the new key fails the secret-chain check and the witness keeps missing.

use serde_json::{json, Value};

use super::error::{Error, Result};
use super::monitor::Sample;
use crate::chain::{Head, Sender, Wait};
use crate::protocol::codec::FixedBytes;
use crate::protocol::hash::ripemd160;
use crate::protocol::ids::{AccountId, WitnessId};
use crate::protocol::operations::WitnessUpdate;
use crate::protocol::types::Asset;
use crate::protocol::{Operation, PublicKey, TimePointSec};
use crate::rpc::Client;

/// ripemd160 of 20 zero bytes: the `new_initial_secret` that restarts the
/// secret chain for a new key (`5c00bd4a…`).
pub fn zero_secret() -> [u8; 20] {
    ripemd160(&[0u8; 20])
}

/// A `witness_update`. Whenever a new key is given, `new_initial_secret` is set.
pub fn witness_update(
    witness: WitnessId,
    account: AccountId,
    new_url: Option<String>,
    new_signing_key: Option<PublicKey>,
) -> Operation {
    WitnessUpdate {
        fee: Asset::core(0),
        witness,
        witness_account: account,
        new_url,
        new_initial_secret: new_signing_key.map(|_| FixedBytes(zero_secret())),
        new_signing_key,
    }
    .into()
}

/// The witness as the watcher needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WitnessInfo {
    /// `1.6.x`
    pub id: String,
    pub witness: WitnessId,
    pub account: AccountId,
    pub account_name: String,
    /// The signing key now, in the chain's prefix form.
    pub signing_key: String,
    /// The chain's public-key prefix (from the signing key).
    pub prefix: String,
}

fn bad(what: &str, v: &Value) -> Error {
    Error::BadReply {
        what: what.to_string(),
        value: v.to_string(),
    }
}

fn text<'a>(v: &'a Value, key: &str, what: &str) -> Result<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(what, v))
}

fn number(v: &Value, key: &str, what: &str) -> Result<i64> {
    match v.get(key) {
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| bad(what, v)),
        Some(Value::String(s)) => s.parse().map_err(|_| bad(what, v)),
        _ => Err(bad(what, v)),
    }
}

/// Finds a witness by account name, account id (1.2.x) or witness id (1.6.x).
pub async fn find_witness(c: &Client, name: &str) -> Result<WitnessInfo> {
    let w = if name.starts_with("1.6.") {
        c.db("get_witnesses", json!([[name]]))
            .await?
            .get(0)
            .cloned()
            .unwrap_or(Value::Null)
    } else {
        match c.db("get_witness_by_account", json!([name])).await {
            Ok(v) => v,
            Err(crate::rpc::Error::Remote { .. }) => Value::Null,
            Err(e) => return Err(e.into()),
        }
    };
    if w.is_null() {
        return Err(Error::NotAWitness {
            name: name.to_string(),
        });
    }
    let id = text(&w, "id", "witness")?.to_string();
    let witness = WitnessId::parse(&id).map_err(|_| bad("witness id", &w))?;
    let account_id = text(&w, "witness_account", "witness")?;
    let account = AccountId::parse(account_id).map_err(|_| bad("witness account", &w))?;
    let signing_key = text(&w, "signing_key", "witness")?.to_string();
    let (_, prefix) = PublicKey::parse_with_prefix(&signing_key)?;
    let acct = c.db("get_objects", json!([[account_id]])).await?;
    let account_name = acct
        .get(0)
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Ok(WitnessInfo {
        id,
        witness,
        account,
        account_name,
        signing_key,
        prefix,
    })
}

/// One sample in one round trip: the dynamic global properties and the witness.
pub async fn sample(c: &Client, witness_id: &str) -> Result<Sample> {
    let v = c.db("get_objects", json!([["2.1.0", witness_id]])).await?;
    let (dgp, w) = (&v[0], &v[1]);
    if w.is_null() {
        return Err(Error::NotAWitness {
            name: witness_id.to_string(),
        });
    }
    let time = TimePointSec::parse(text(dgp, "time", "dynamic global properties")?)
        .map_err(|_| bad("dynamic global properties", dgp))?;
    Ok(Sample {
        head_block_number: number(dgp, "head_block_number", "dynamic global properties")? as u32,
        head_block_id: text(dgp, "head_block_id", "dynamic global properties")?.to_string(),
        time: time.0,
        total_missed: number(w, "total_missed", "witness")?,
        signing_key: text(w, "signing_key", "witness")?.to_string(),
        last_confirmed_block_num: number(w, "last_confirmed_block_num", "witness")? as u32,
        next_secret_hash: w
            .get("next_secret_hash")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    })
}

/// Sends the switch of `info`'s signing key to `to`, referencing the head block
/// of `sample`, through the one transaction pipeline (`sender` signs with the
/// witness account's active key). Returns the txid.
pub async fn switch_key(
    sender: &Sender,
    info: &WitnessInfo,
    to: &str,
    sample: &Sample,
) -> Result<String> {
    let key = PublicKey::parse(to)?;
    let op = witness_update(info.witness, info.account, None, Some(key));
    let id: [u8; 20] = hex::decode(&sample.head_block_id)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| bad("head_block_id", &json!(sample.head_block_id)))?;
    let head = Head {
        id,
        num: sample.head_block_number,
        time: TimePointSec(sample.time),
    };
    let out = sender
        .send_at(vec![op], &head, Wait::No)
        .await?
        .into_result()?;
    Ok(out.txid())
}

/// True when the switch to `to` was applied by a block the witness signed
/// itself (with its old key). That block's own `next_secret_hash` then replaces
/// the `new_initial_secret` of the update (`update_signing_witness` runs after
/// the transactions), so the new key would fail every block: the switch must
/// be sent again, to land in someone else's block.
pub async fn secret_overwritten(
    c: &Client,
    info: &WitnessInfo,
    to: &str,
    s: &Sample,
) -> Result<bool> {
    if s.signing_key != to || s.next_secret_hash == hex::encode(zero_secret()) {
        return Ok(false);
    }
    let block = c
        .db("get_block", json!([s.last_confirmed_block_num]))
        .await?;
    if block.get("witness").and_then(Value::as_str) != Some(info.id.as_str()) {
        return Ok(false);
    }
    let to_key = PublicKey::parse(to)?;
    let ours = block["transactions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["operations"].as_array().into_iter().flatten())
        .any(|op| {
            op[0] == 21
                && op[1]["witness"] == info.id.as_str()
                && op[1]["new_signing_key"]
                    .as_str()
                    .and_then(|k| PublicKey::parse(k).ok())
                    == Some(to_key)
        });
    Ok(ours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::PrivateKey;

    #[test]
    fn the_zero_secret_and_the_rule() {
        assert_eq!(
            hex::encode(zero_secret()),
            "5c00bd4aca04a9057c09b20b05f723f2e23deb65"
        );
        let key = PrivateKey::from_seed(b"k").public_key();
        let Operation::WitnessUpdate(u) = witness_update(
            crate::protocol::ids::Id(1),
            crate::protocol::ids::Id(9),
            None,
            Some(key),
        ) else {
            panic!()
        };
        assert_eq!(u.new_initial_secret, Some(FixedBytes(zero_secret())));
        let Operation::WitnessUpdate(u) = witness_update(
            crate::protocol::ids::Id(1),
            crate::protocol::ids::Id(9),
            Some("u".into()),
            None,
        ) else {
            panic!()
        };
        assert_eq!(u.new_initial_secret, None);
    }
}
