//! Where a key switch lands, and what that means for the witness (node.md §3.5).
//!
//! The rule: `witness_update` sets the new key and `new_initial_secret` when it
//! is applied, but the block that carries it runs `update_signing_witness`
//! after its transactions. When that block was signed by the witness itself
//! (its old key still producing), the block's own `next_secret_hash` (a hash
//! of the old key's secret) replaces the new initial secret, and every block
//! of the new key then fails `hash(previous_secret) == next_secret_hash`. The
//! devnet does exactly this (`devnet::producer`).
//!
//! What keeps the witness producing whatever block the update lands in: when
//! it lands in the witness's own block, send the update again. The new key
//! cannot produce until then and the old key is no longer the signing key, so
//! the second update always lands in another witness's block; and since a
//! witness is not scheduled twice in a row, it is on chain before the
//! witness's next slot when it is sent at once. Both paths do this: the
//! watcher ([`super::watch`], `reseed`) and `bos witness update`.
//!
//! The one case no resend can fix: the witness is the only active one. Every
//! block is its own, the update lands in one, and no other witness is left to
//! carry the resend: the chain stops. [`assess`] says so before anything is sent.

use std::time::Duration;

use serde_json::{json, Value};

use super::error::{Error, Result};
use super::failover::WitnessInfo;
use crate::protocol::{Json, Path, TimePointSec, Transaction};
use crate::rpc::Client;

/// What a key switch risks, judged before it is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Risk {
    /// The witness does not produce (not active): the update cannot land in its block.
    None,
    /// The witness is active: the update may land in its own block, and must then be sent again.
    OwnBlock,
    /// The witness is the only active one: the chain would stop.
    Stall(String),
}

/// Judges a key switch of `info` from the active witnesses.
pub async fn assess(c: &Client, info: &WitnessInfo) -> Result<Risk> {
    let gp = c.db("get_global_properties", json!([])).await?;
    let active: Vec<&str> = gp["active_witnesses"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !active.contains(&info.id.as_str()) {
        return Ok(Risk::None);
    }
    if active.len() == 1 {
        return Ok(Risk::Stall(format!(
            "{} ({}) is the only active witness: every block is its own, so a key switch lands in one of them, \
             that block's secret replaces the new initial secret, the new key can never produce, and no other \
             witness is left to carry a correction: the chain would stop (node.md §3.5)",
            info.account_name, info.id
        )));
    }
    Ok(Risk::OwnBlock)
}

/// The block a transaction landed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Landing {
    pub block_num: u32,
    /// The witness (1.6.x) that signed that block.
    pub witness: String,
}

impl Landing {
    /// Signed by `info` itself.
    pub fn own(&self, info: &WitnessInfo) -> bool {
        self.witness == info.id
    }
}

fn head(dgp: &Value) -> Option<(u32, u32)> {
    let n = dgp
        .get("head_block_number")
        .and_then(crate::rpc::frame::number)? as u32;
    let t = TimePointSec::parse(dgp.get("time")?.as_str()?).ok()?.0;
    Some((n, t))
}

/// The head block number now.
pub async fn head_block(c: &Client) -> Result<u32> {
    let dgp = c.db("get_dynamic_global_properties", json!([])).await?;
    head(&dgp).map(|(n, _)| n).ok_or_else(|| Error::BadReply {
        what: "dynamic global properties".into(),
        value: dgp.to_string(),
    })
}

/// Waits until the transaction `txid` is in a block after `after`; `None`
/// once the head is past `expiration` (chain time) without it, or after
/// `limit` of wall time.
pub async fn wait_included(
    c: &Client,
    txid: &str,
    after: u32,
    expiration: u32,
    limit: Duration,
) -> Result<Option<Landing>> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut sub = c.subscribe_blocks().await.ok();
    let mut next = after + 1;
    loop {
        let dgp = c.db("get_dynamic_global_properties", json!([])).await?;
        let Some((head_num, head_time)) = head(&dgp) else {
            return Err(Error::BadReply {
                what: "dynamic global properties".into(),
                value: dgp.to_string(),
            });
        };
        while next <= head_num {
            let block = c.db("get_block", json!([next])).await?;
            let found = block["transactions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| Transaction::from_json(t, &Path::ROOT).ok())
                .any(|t| hex::encode(t.id()) == txid);
            if found {
                return Ok(Some(Landing {
                    block_num: next,
                    witness: block["witness"].as_str().unwrap_or_default().to_string(),
                }));
            }
            next += 1;
        }
        if head_time > expiration || tokio::time::Instant::now() >= deadline {
            return Ok(None);
        }
        let wait = Duration::from_secs(1).min(deadline - tokio::time::Instant::now());
        match sub.as_mut() {
            Some(s) => {
                s.next_within(wait).await;
            }
            None => tokio::time::sleep(wait).await,
        }
    }
}
