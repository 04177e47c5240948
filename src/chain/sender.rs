//! The one transaction pipeline: operations -> fees -> TaPoS and expiration ->
//! signatures -> broadcast, with uptick's `-d` (sign, do not broadcast) and `-x`
//! (do not sign) meaning the same for every caller.

use std::time::Duration;

use serde_json::{json, Value};

use super::{Chain, Error, Head, Refusal, Result};
use crate::protocol::{Json, JsonCx, Operation, PrivateKey, PublicKey, TimePointSec, Transaction};
use crate::rpc::Api;

/// How far a transaction goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Sign and broadcast.
    Broadcast,
    /// `-d/--nobroadcast`: sign, do not broadcast.
    Sign,
    /// `-x/--unsigned` (and dry runs): neither sign nor broadcast.
    Unsigned,
}

impl Mode {
    /// The mode of uptick's flags: `-x` wins over `-d`.
    pub fn from_flags(nobroadcast: bool, unsigned: bool) -> Mode {
        if unsigned {
            Mode::Unsigned
        } else if nobroadcast {
            Mode::Sign
        } else {
            Mode::Broadcast
        }
    }

    /// True when transactions get signatures (keys are needed).
    pub fn signs(self) -> bool {
        self != Mode::Unsigned
    }

    pub fn broadcasts(self) -> bool {
        self == Mode::Broadcast
    }
}

/// Whether a broadcast waits for the block that includes the transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// `broadcast_transaction`: the node accepted it into its pending set.
    No,
    /// `broadcast_transaction_synchronous`: it is in a block (the results, such as a
    /// new proposal's id, are known).
    Block,
}

/// Where a broadcast transaction landed.
#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub txid: String,
    /// With [`Wait::Block`]: the block and position, and each operation's result.
    pub block_num: Option<u64>,
    pub trx_num: Option<u64>,
    pub results: Vec<Value>,
}

/// What became of a transaction.
#[derive(Clone, Debug)]
pub enum Outcome {
    Broadcast {
        tx: Transaction,
        receipt: Receipt,
    },
    /// `-d`: signed, not broadcast.
    Signed(Transaction),
    /// `-x` or a dry run: not signed.
    Unsigned(Transaction),
    /// The node refused it.
    Refused {
        tx: Transaction,
        refusal: Refusal,
    },
}

impl Outcome {
    pub fn tx(&self) -> &Transaction {
        match self {
            Outcome::Broadcast { tx, .. }
            | Outcome::Signed(tx)
            | Outcome::Unsigned(tx)
            | Outcome::Refused { tx, .. } => tx,
        }
    }

    pub fn txid(&self) -> String {
        hex::encode(self.tx().id())
    }

    /// A refusal as an error, for callers with nothing better to do with it.
    pub fn into_result(self) -> Result<Outcome> {
        match self {
            Outcome::Refused { refusal, .. } => Err(Error::Refused(refusal)),
            o => Ok(o),
        }
    }

    /// The object id operation `k` created (a proposal id), when the broadcast waited
    /// for its block.
    pub fn created_id(&self, k: usize) -> Option<String> {
        match self {
            Outcome::Broadcast { receipt, .. } => receipt
                .results
                .get(k)
                .and_then(|r| r[1].as_str())
                .map(str::to_string),
            _ => None,
        }
    }

    /// Node-form JSON: the transaction, or (broadcast) the receipt with it.
    pub fn to_json(&self, cx: &JsonCx) -> Value {
        match self {
            Outcome::Broadcast { tx, receipt } => {
                // The node's shape when it waited for the block (id, block_num, trx_num,
                // trx with its operation_results); without waiting, the id and the signed
                // transaction as sent (what python-peerplays returns).
                let mut v = json!({"id": receipt.txid});
                let mut t = tx.to_json(cx);
                if let Some(b) = receipt.block_num {
                    v["block_num"] = json!(b);
                    v["trx_num"] = json!(receipt.trx_num);
                    t["operation_results"] = Value::Array(receipt.results.clone());
                }
                v["trx"] = t;
                v
            }
            Outcome::Signed(tx) | Outcome::Unsigned(tx) => tx.to_json(cx),
            Outcome::Refused { tx, refusal } => json!({
                "id": hex::encode(tx.id()),
                "refused": refusal.kind(),
                "message": refusal.message(),
            }),
        }
    }
}

/// Signs `tx` for `chain_id` with each key that has not signed it yet (the node
/// refuses a key's second signature). Returns how many signatures were added. The
/// only code in `bos` that signs a transaction.
pub fn sign_transaction(tx: &mut Transaction, chain_id: &[u8; 32], keys: &[PrivateKey]) -> usize {
    let mut have: Vec<PublicKey> = if tx.signatures.is_empty() {
        Vec::new()
    } else {
        tx.signers(chain_id).unwrap_or_default()
    };
    let fresh: Vec<&PrivateKey> = keys
        .iter()
        .filter(|k| {
            let p = k.public_key();
            if have.contains(&p) {
                false
            } else {
                have.push(p);
                true
            }
        })
        .collect();
    tx.sign(chain_id, &fresh);
    fresh.len()
}

/// Builds, signs and broadcasts transactions for one mode with one set of keys.
#[derive(Clone)]
pub struct Sender {
    chain: Chain,
    mode: Mode,
    /// Seconds from the head block time to the transaction's expiration (`-e`).
    expiration: u32,
    keys: Vec<PrivateKey>,
}

impl std::fmt::Debug for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the keys themselves.
        f.debug_struct("Sender")
            .field("mode", &self.mode)
            .field("expiration", &self.expiration)
            .field(
                "keys",
                &self
                    .keys
                    .iter()
                    .map(|k| k.public_key().to_string())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Default transaction expiration: 30 s after the head block.
pub const EXPIRATION: u32 = 30;

impl Sender {
    /// A sender for `mode`. Signing modes need `keys` unless the transactions it
    /// submits are signed already.
    pub fn new(chain: Chain, mode: Mode, expiration: u32, keys: Vec<PrivateKey>) -> Sender {
        Sender {
            chain,
            mode,
            expiration,
            keys,
        }
    }

    /// A sender that builds and never signs (dry runs).
    pub fn dry_run(chain: Chain) -> Sender {
        Sender::new(chain, Mode::Unsigned, EXPIRATION, Vec::new())
    }

    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The public keys it signs with.
    pub fn public_keys(&self) -> Vec<PublicKey> {
        self.keys.iter().map(PrivateKey::public_key).collect()
    }

    /// A transaction of `ops` with the node's fees, referencing `head` and expiring
    /// the sender's expiration after it.
    pub async fn build_at(&self, mut ops: Vec<Operation>, head: &Head) -> Result<Transaction> {
        self.chain.fill_fees(&mut ops).await?;
        Ok(Transaction::new(
            ops,
            &head.id,
            TimePointSec(head.time.0.saturating_add(self.expiration)),
        ))
    }

    /// [`Sender::build_at`] on the current head block.
    pub async fn build(&self, ops: Vec<Operation>) -> Result<Transaction> {
        let head = self.chain.head().await?;
        self.build_at(ops, &head).await
    }

    /// Builds `ops` into a transaction and submits it.
    pub async fn send(&self, ops: Vec<Operation>, wait: Wait) -> Result<Outcome> {
        let tx = self.build(ops).await?;
        self.submit(tx, wait).await
    }

    /// [`Sender::send`] referencing a head block read already.
    pub async fn send_at(&self, ops: Vec<Operation>, head: &Head, wait: Wait) -> Result<Outcome> {
        let tx = self.build_at(ops, head).await?;
        self.submit(tx, wait).await
    }

    /// Signs (unless `-x`) and broadcasts (unless `-d` or `-x`) a built transaction.
    /// Under `-x` a transaction that came signed is returned without its signatures.
    pub async fn submit(&self, mut tx: Transaction, wait: Wait) -> Result<Outcome> {
        if self.mode == Mode::Unsigned {
            tx.signatures.clear();
            return Ok(Outcome::Unsigned(tx));
        }
        if !self.keys.is_empty() {
            let chain_id = self.chain.network().await?.chain_id;
            sign_transaction(&mut tx, &chain_id, &self.keys);
        }
        if tx.signatures.is_empty() {
            return Err(Error::NoKeys(
                "the transaction has no signature and no key was given".into(),
            ));
        }
        if self.mode == Mode::Sign {
            return Ok(Outcome::Signed(tx));
        }
        self.broadcast(tx, wait).await
    }

    async fn broadcast(&self, tx: Transaction, wait: Wait) -> Result<Outcome> {
        let prefix = self.chain.prefix().await?.to_string();
        let j = tx.to_json(&JsonCx { prefix: &prefix });
        let txid = hex::encode(tx.id());
        let client = self.chain.client();
        let r = match wait {
            Wait::Block => {
                client
                    .call_within(
                        Api::NetworkBroadcast,
                        "broadcast_transaction_synchronous",
                        json!([j]),
                        Duration::from_secs(120),
                    )
                    .await
            }
            Wait::No => client
                .call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
                .await
                .map(|_| Value::Null),
        };
        match r {
            Ok(v) => {
                let receipt = Receipt {
                    txid: v["id"].as_str().map_or(txid, str::to_string),
                    block_num: v["block_num"].as_u64(),
                    trx_num: v["trx_num"].as_u64(),
                    results: v["trx"]["operation_results"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default(),
                };
                Ok(Outcome::Broadcast { tx, receipt })
            }
            Err(e) => match Refusal::classify(&e) {
                Some(refusal) => Ok(Outcome::Refused { tx, refusal }),
                None => Err(e.into()),
            },
        }
    }
}
