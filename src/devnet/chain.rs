//! The chain: state, blocks, the pending pool and the simulated witness nodes.
//! Transactions enter through [`Chain::push_transaction`] with every check of
//! node.md §5.4; blocks are made by the producer (`producer.rs`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::{broadcast, oneshot};

use super::authority::{self, Required};
use super::block::{Block, ProcessedTx};
use super::error::{Error, Result};
use super::evaluators::{self, Ctx};
use super::genesis::{GenesisAccount, GenesisWitness};
use super::objects::Witness;
use super::state::State;
use crate::protocol::operations::Operation;
use crate::protocol::{Json, ObjectId, Pack, PrivateKey, TimePointSec, Transaction};

/// A simulated witness node: it holds one signing key for one witness.
#[derive(Clone, Debug)]
pub struct Node {
    pub name: String,
    pub witness: u64,
    pub key: PrivateKey,
    pub online: bool,
}

/// What one applied block changed, for notices.
#[derive(Clone, Debug)]
pub struct BlockEvent {
    pub block_num: u32,
    pub block_id: String,
    /// Changed or created objects with their JSON.
    pub changed: Vec<(ObjectId, Value)>,
    pub created: Vec<ObjectId>,
    pub removed: Vec<ObjectId>,
}

/// A saved copy of the chain (control api `snapshot`/`restore`).
#[derive(Clone)]
pub struct Snapshot {
    state: State,
    blocks: Vec<Block>,
    pending: Vec<ProcessedTx>,
    txids: BTreeMap<[u8; 20], TimePointSec>,
    nodes: Vec<Node>,
    prior: BTreeMap<u64, Witness>,
    now: TimePointSec,
    last_slot: TimePointSec,
    archive: BTreeMap<ObjectId, Value>,
}

/// The whole simulated chain.
pub struct Chain {
    pub state: State,
    pub blocks: Vec<Block>,
    pub pending: Vec<ProcessedTx>,
    pub txids: BTreeMap<[u8; 20], TimePointSec>,
    /// Witnesses as they were at the head block, for those a pending
    /// witness_update changed (blocks are signed with the head-state key).
    pub prior: BTreeMap<u64, Witness>,
    pub nodes: Vec<Node>,
    /// The clock (manual mode) or the last time the real clock was read.
    pub now: TimePointSec,
    /// Time of the last slot processed (produced or missed).
    pub last_slot: TimePointSec,
    pub genesis_time: TimePointSec,
    pub accounts: Vec<GenesisAccount>,
    pub witnesses: Vec<GenesisWitness>,
    pub events: broadcast::Sender<Arc<BlockEvent>>,
    /// Transactions entering the pending pool through the broadcast api (JSON),
    /// for `set_pending_transaction_callback`.
    pub pending_txs: broadcast::Sender<Arc<Value>>,
    pub waiters: Vec<([u8; 20], oneshot::Sender<Value>)>,
    pub snapshots: Vec<Snapshot>,
    /// The bookie plugin's archive: events and bets as they were last seen
    /// before the chain removed them (bookie `get_objects`).
    pub archive: BTreeMap<ObjectId, Value>,
    /// Produce a block as soon as a transaction arrives ([`super::ClockMode::Automine`]).
    pub automine: bool,
}

impl Chain {
    pub fn new(
        state: State,
        accounts: Vec<GenesisAccount>,
        witnesses: Vec<GenesisWitness>,
    ) -> Chain {
        let nodes = witnesses
            .iter()
            .map(|w| Node {
                name: w.account.clone(),
                witness: w.witness_id,
                key: w.signing.clone(),
                online: true,
            })
            .collect();
        let (events, _) = broadcast::channel(1024);
        let (pending_txs, _) = broadcast::channel(1024);
        let t = state.dynamic.time;
        Chain {
            state,
            blocks: Vec::new(),
            pending: Vec::new(),
            txids: BTreeMap::new(),
            prior: BTreeMap::new(),
            nodes,
            now: t,
            last_slot: t,
            genesis_time: t,
            accounts,
            witnesses,
            events,
            pending_txs,
            waiters: Vec::new(),
            snapshots: Vec::new(),
            archive: BTreeMap::new(),
            automine: false,
        }
    }

    /// The block with number `num`.
    pub fn block(&self, num: u32) -> Option<&Block> {
        if num == 0 {
            return None;
        }
        self.blocks.get(num as usize - 1)
    }

    /// The block summary `2.8.r` (TaPoS): the id of the most recent block whose
    /// number has the low 16 bits `r`. As on the node, the summaries exist from
    /// genesis with a zero id until a block fills them.
    pub fn block_summary(&self, r: u16) -> [u8; 20] {
        let head = self.state.dynamic.head_block_number;
        let mut num = (head & !0xffff) | r as u32;
        if num > head {
            num = num.wrapping_sub(0x10000);
        }
        if num > head {
            return [0; 20];
        }
        self.block(num).map_or([0; 20], |b| b.id())
    }

    /// The required authorities of a transaction.
    pub fn required(tx: &Transaction) -> Required {
        let mut req = Required::default();
        for op in &tx.operations {
            authority::required(op, &mut req);
        }
        req
    }

    /// Recovers the signers, refusing non-canonical and duplicate signatures.
    pub fn signers(&self, tx: &Transaction) -> Result<Vec<crate::protocol::PublicKey>> {
        for s in &tx.signatures {
            if !crate::protocol::signing::is_canonical(s) {
                return Err(Error::assert(
                    "is_canonical( c )",
                    "signature is not canonical",
                ));
            }
        }
        let keys = tx
            .signers(&self.state.chain_id)
            .map_err(|e| Error::assert("verify_signature", e.to_string()))?;
        let mut seen = std::collections::BTreeSet::new();
        for k in &keys {
            if !seen.insert(*k) {
                return Err(Error::DuplicateSignature);
            }
        }
        Ok(keys)
    }

    /// `verify_authority`: the signatures satisfy every required authority, with none left over.
    pub fn verify_authority(&self, tx: &Transaction) -> Result<()> {
        let keys = self.signers(tx)?;
        authority::verify(&self.state, &Self::required(tx), &keys, &[], &[], true)
    }

    fn check_tapos_and_expiration(&self, tx: &Transaction) -> Result<()> {
        let d = &self.state.dynamic;
        if d.head_block_number > 0 {
            let id = self.block_summary(tx.ref_block_num);
            let prefix = Some(u32::from_le_bytes([id[4], id[5], id[6], id[7]]));
            if prefix != Some(tx.ref_block_prefix) {
                return Err(Error::assert(
                    "trx.ref_block_prefix == tapos_block_summary.block_id._hash[1]",
                    "",
                ));
            }
            let now = d.time;
            let max = self.state.params.maximum_time_until_expiration;
            if tx.expiration.0 as u64 > now.0 as u64 + max as u64 {
                return Err(Error::assert(
                    "trx.expiration <= now + chain_parameters.maximum_time_until_expiration",
                    format!(
                        "trx.expiration {} is more than {max} s after now {now}",
                        tx.expiration
                    ),
                ));
            }
            if now > tx.expiration {
                return Err(Error::assert(
                    "now <= trx.expiration",
                    format!("now {now}, trx.exp {}", tx.expiration),
                ));
            }
        }
        Ok(())
    }

    /// The broadcast API's duplicate-proposal rule.
    pub fn check_duplicate_proposals(&self, tx: &Transaction) -> Result<()> {
        let exempt = |op: &Operation| {
            matches!(
                op,
                Operation::BettingMarketGroupCreate(_) | Operation::BettingMarketCreate(_)
            )
        };
        let mut existing: Vec<Vec<u8>> = self
            .state
            .proposals
            .values()
            .flat_map(|p| p.operations.iter())
            .filter(|op| !exempt(op))
            .map(|op| op.to_bytes())
            .collect();
        for p in &self.pending {
            for op in &p.tx.operations {
                if let Operation::ProposalCreate(pc) = op {
                    existing.extend(
                        pc.proposed_ops
                            .iter()
                            .filter(|w| !exempt(&w.op))
                            .map(|w| w.op.to_bytes()),
                    );
                }
            }
        }
        for op in &tx.operations {
            if let Operation::ProposalCreate(pc) = op {
                for w in pc.proposed_ops.iter().filter(|w| !exempt(&w.op)) {
                    if existing.contains(&w.op.to_bytes()) {
                        return Err(Error::ProposalPending);
                    }
                }
            }
        }
        Ok(())
    }

    /// Validates and applies a transaction to the pending state.
    pub fn push_transaction(&mut self, tx: Transaction) -> Result<ProcessedTx> {
        if tx.operations.is_empty() {
            return Err(Error::assert(
                "operations.size() > 0",
                "A transaction must have at least one operation",
            ));
        }
        let txid = tx.id();
        if self.txids.contains_key(&txid) {
            return Err(Error::assert(
                "trx_idx.indices().get<by_trx_id>().find(trx_id) == trx_idx.indices().get<by_trx_id>().end()",
                format!("duplicate transaction {}", hex::encode(txid)),
            ));
        }
        self.check_tapos_and_expiration(&tx)?;
        self.verify_authority(&tx)?;
        let mut trial = self.state.clone();
        let mut ctx = Ctx::new(self.state.dynamic.time, false);
        let mut results = Vec::with_capacity(tx.operations.len());
        for op in &tx.operations {
            if let Operation::WitnessUpdate(u) = op {
                if let Some(w) = self.state.witnesses.get(&u.witness.0) {
                    self.prior.entry(u.witness.0).or_insert_with(|| w.clone());
                }
            }
            results.push(evaluators::apply(&mut trial, &mut ctx, op)?);
        }
        self.archive_removed(&trial);
        self.state = trial;
        self.txids.insert(txid, tx.expiration);
        let p = ProcessedTx { tx, results };
        self.pending.push(p.clone());
        Ok(p)
    }

    /// Archives the events and bets that `after` removed, as `self.state` has them.
    pub fn archive_removed(&mut self, after: &State) {
        for id in after.removed.iter() {
            if matches!((id.space, id.type_id), (1, 22) | (1, 26))
                && !self.state.removed.contains(id)
            {
                if let Some(mut v) = self.state.object_json(*id) {
                    // A finished event leaves once its groups are paid: settled if
                    // one of them was graded, canceled otherwise.
                    if id.type_id == 22 && v["status"] == "finished" {
                        let graded = self.state.bmgs.values().any(|g| {
                            g.event_id.0 == id.instance
                                && g.state == super::objects::BmgState::Graded
                        });
                        v["status"] = Value::from(if graded { "settled" } else { "canceled" });
                    }
                    self.archive.insert(*id, v);
                }
            }
        }
    }

    /// Tells the connections with a pending-transaction callback about `tx`.
    pub fn announce_pending(&self, tx: &Transaction) {
        if self.pending_txs.receiver_count() > 0 {
            let _ = self
                .pending_txs
                .send(Arc::new(tx.to_json(&self.state.cx())));
        }
    }

    /// Saves the chain; returns the snapshot number.
    pub fn snapshot(&mut self) -> usize {
        self.snapshots.push(Snapshot {
            state: self.state.clone(),
            blocks: self.blocks.clone(),
            pending: self.pending.clone(),
            txids: self.txids.clone(),
            nodes: self.nodes.clone(),
            prior: self.prior.clone(),
            now: self.now,
            last_slot: self.last_slot,
            archive: self.archive.clone(),
        });
        self.snapshots.len() - 1
    }

    /// Goes back to snapshot `n` (later snapshots stay available).
    pub fn restore(&mut self, n: usize) -> Result<()> {
        let s = self
            .snapshots
            .get(n)
            .cloned()
            .ok_or_else(|| Error::Control {
                reason: format!("no snapshot {n} (there are {})", self.snapshots.len()),
            })?;
        self.state = s.state;
        self.blocks = s.blocks;
        self.pending = s.pending;
        self.txids = s.txids;
        self.nodes = s.nodes;
        self.prior = s.prior;
        self.now = s.now;
        self.last_slot = s.last_slot;
        self.archive = s.archive;
        Ok(())
    }
}
