//! Block production on the slot clock: the schedule, produce-or-miss per slot,
//! the secret chain, missed-block bookkeeping and irreversibility (node.md §3).

use std::sync::Arc;

use serde_json::json;

use super::block::Block;
use super::chain::{BlockEvent, Chain};
use super::evaluators::{bet, bos, proposal};
use super::state::State;
use crate::protocol::codec::FlatMap;
use crate::protocol::hash::ripemd160;
use crate::protocol::ids::Id;
use crate::protocol::TimePointSec;

/// What happened in one slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotOutcome {
    /// A block was produced.
    Produced { block_num: u32, witness: u64 },
    /// The scheduled witness had no online node with its current key.
    Missed { witness: u64 },
    /// The node produced a block that validation refused (e.g. the secret chain).
    Rejected { witness: u64, reason: String },
}

impl SlotOutcome {
    pub fn json(&self) -> serde_json::Value {
        match self {
            SlotOutcome::Produced { block_num, witness } => {
                json!({"produced": true, "block_num": block_num, "witness": format!("1.6.{witness}")})
            }
            SlotOutcome::Missed { witness } => {
                json!({"produced": false, "witness": format!("1.6.{witness}"), "reason": "no online node holds the signing key"})
            }
            SlotOutcome::Rejected { witness, reason } => {
                json!({"produced": false, "witness": format!("1.6.{witness}"), "reason": reason})
            }
        }
    }
}

/// Rebuilds witness-account's authority from the active witnesses, each
/// weighted by its votes scaled down to 16 bits (at least 1):
/// threshold = floor(total / 2) + 1. With no votes, every witness weighs 1.
pub fn rebuild_witness_account(state: &mut State) {
    let votes: Vec<(Id<1, 2>, u64)> = state
        .active_witnesses
        .iter()
        .filter_map(|w| state.witnesses.get(w))
        .map(|w| (w.witness_account, w.total_votes))
        .collect();
    let total: u64 = votes.iter().map(|(_, v)| *v).sum();
    let drop = if total == 0 {
        0
    } else {
        (63 - total.leading_zeros() as i32 - 15).max(0) as u32
    };
    let mut weights: std::collections::BTreeMap<Id<1, 2>, u32> = Default::default();
    for (a, v) in votes {
        *weights.entry(a).or_default() += (v >> drop).max(1) as u32;
    }
    let total: u32 = weights.values().sum();
    let members: Vec<(Id<1, 2>, u16)> = weights
        .into_iter()
        .map(|(a, w)| (a, w.min(u16::MAX as u32) as u16))
        .collect();
    if let Some(a) = state.accounts.get_mut(&1) {
        a.active.account_auths = FlatMap::new(members);
        a.active.weight_threshold = total / 2 + 1;
        a.owner = a.active.clone();
    }
    state.touch(super::objects::oid(1, 2, 1));
}

fn xorshift_shuffle(list: &mut [u64], seed: u64) {
    let mut s = seed;
    for i in 0..list.len() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        let k = s.wrapping_mul(2685821657736338717);
        let j = i + (k % (list.len() - i) as u64) as usize;
        list.swap(i, j);
    }
}

impl Chain {
    /// The time of slot `n` after the head (n >= 1).
    pub fn slot_time(&self, n: u32) -> TimePointSec {
        let d = &self.state.dynamic;
        let interval = self.state.params.block_interval as u32;
        if d.head_block_number == 0 {
            return TimePointSec(self.genesis_time.0 + n * interval);
        }
        let mut base = d.time.0 / interval * interval;
        if d.dynamic_flags & 1 == 1 {
            base += self.state.params.maintenance_skip_slots as u32 * interval;
        }
        TimePointSec(base + n * interval)
    }

    /// The slot number of time `t` (0 before slot 1).
    pub fn slot_at(&self, t: TimePointSec) -> u32 {
        let first = self.slot_time(1);
        if t < first {
            return 0;
        }
        (t.0 - first.0) / self.state.params.block_interval as u32 + 1
    }

    /// The witness scheduled for slot `n` after the head.
    pub fn scheduled_witness(&self, n: u32) -> u64 {
        let list = &self.state.shuffled_witnesses;
        if list.is_empty() {
            return 0;
        }
        list[((self.state.dynamic.current_aslot + n as u64) % list.len() as u64) as usize]
    }

    /// The time of the next slot not yet processed.
    pub fn next_slot_time(&self) -> TimePointSec {
        let n = self.slot_at(self.last_slot) + 1;
        self.slot_time(n)
    }

    /// Processes the slot at time `t`: the scheduled witness produces if one of
    /// its online nodes holds the private key of its head-state signing key and
    /// its block passes the secret-chain check; otherwise the slot stays empty.
    pub fn process_slot(&mut self, t: TimePointSec) -> SlotOutcome {
        self.last_slot = t;
        if self.now < t {
            self.now = t;
        }
        let n = self.slot_at(t);
        if n == 0 {
            return SlotOutcome::Missed { witness: 0 };
        }
        let wid = self.scheduled_witness(n);
        let Some(w) = self
            .prior
            .get(&wid)
            .or_else(|| self.state.witnesses.get(&wid))
            .cloned()
        else {
            return SlotOutcome::Missed { witness: wid };
        };
        let Some(node) = self
            .nodes
            .iter()
            .find(|nd| nd.online && nd.witness == wid && nd.key.public_key() == w.signing_key)
        else {
            return SlotOutcome::Missed { witness: wid };
        };
        let key = node.key.clone();
        let zero_hash = ripemd160(&[0u8; 20]);
        let secret_of = |prev: &[u8; 20]| {
            let mut data = key.secret_bytes().to_vec();
            data.extend_from_slice(prev);
            ripemd160(&data)
        };
        let previous_secret = if w.next_secret_hash == zero_hash {
            [0u8; 20]
        } else {
            secret_of(&w.previous_secret)
        };
        if ripemd160(&previous_secret) != w.next_secret_hash {
            return SlotOutcome::Rejected {
                witness: wid,
                reason:
                    "secret_hash_type::hash(next_block.previous_secret) == witness.next_secret_hash"
                        .into(),
            };
        }
        let next_secret_hash = ripemd160(&secret_of(&previous_secret));
        let transactions = std::mem::take(&mut self.pending);
        let mut block = Block {
            previous: self.state.dynamic.head_block_id,
            timestamp: t,
            witness: wid,
            next_secret_hash,
            previous_secret,
            transaction_merkle_root: Block::merkle_root(&transactions),
            witness_signature: [0; 65],
            transactions,
        };
        block.sign(&key);
        let num = self.apply_block(block, n);
        SlotOutcome::Produced {
            block_num: num,
            witness: wid,
        }
    }

    fn apply_block(&mut self, block: Block, slot: u32) -> u32 {
        let id = block.id();
        let num = block.num();
        let t = block.timestamp;
        let missed = slot - 1;
        let s = &mut self.state;
        // Missed blocks: charge the witnesses scheduled for the empty slots.
        if (missed as usize) < s.active_witnesses.len() {
            for k in 1..=missed {
                let w = {
                    let list = &s.shuffled_witnesses;
                    list[((s.dynamic.current_aslot + k as u64) % list.len() as u64) as usize]
                };
                if let Some(x) = s.witnesses.get_mut(&w) {
                    x.total_missed += 1;
                }
                s.touch(super::objects::oid(1, 6, w));
            }
        }
        let d = &mut s.dynamic;
        if num == 1 {
            d.recently_missed_count = 0;
        } else if missed > 0 {
            d.recently_missed_count = d.recently_missed_count.saturating_add(4 * missed);
        } else if d.recently_missed_count > 4 {
            d.recently_missed_count -= 3;
        } else if d.recently_missed_count > 0 {
            d.recently_missed_count -= 1;
        }
        d.current_aslot += missed as u64 + 1;
        d.recent_slots_filled = ((d.recent_slots_filled << 1) | 1)
            .checked_shl(missed)
            .unwrap_or(0);
        d.head_block_number = num;
        d.head_block_id = id;
        d.time = t;
        d.current_witness = block.witness;
        let aslot = d.current_aslot;
        if let Some(w) = s.witnesses.get_mut(&block.witness) {
            w.last_aslot = aslot;
            w.last_confirmed_block_num = num;
            w.previous_secret = block.previous_secret;
            w.next_secret_hash = block.next_secret_hash;
        }
        s.touch(super::objects::oid(1, 6, block.witness));
        s.touch(super::objects::oid(2, 1, 0));
        // Irreversibility: the confirmation at index floor(30% n) of the ascending list.
        let mut confirmed: Vec<u32> = s
            .active_witnesses
            .iter()
            .filter_map(|w| s.witnesses.get(w))
            .map(|w| w.last_confirmed_block_num)
            .collect();
        confirmed.sort_unstable();
        if !confirmed.is_empty() {
            let lib = confirmed[confirmed.len() * 3 / 10];
            if lib > s.dynamic.last_irreversible_block_num {
                s.dynamic.last_irreversible_block_num = lib;
            }
        }
        // Expired transactions leave the dedupe index.
        self.txids.retain(|_, exp| *exp >= t);
        let before = self.state.clone();
        proposal::expire(&mut self.state, t);
        bet::release_delayed(&mut self.state, t);
        bos::settle(&mut self.state, t);
        let after = std::mem::replace(&mut self.state, before);
        self.archive_removed(&after);
        self.state = after;
        // Maintenance.
        let s = &mut self.state;
        if t >= s.dynamic.next_maintenance_time {
            super::maintenance::run(s);
            let interval = s.params.maintenance_interval.max(1);
            let mut next = s.dynamic.next_maintenance_time.0;
            while next <= t.0 {
                next += interval;
            }
            s.dynamic.next_maintenance_time = TimePointSec(next);
            s.dynamic.dynamic_flags = 1;
        } else {
            s.dynamic.dynamic_flags = 0;
        }
        // Schedule (algorithm 0): reshuffle every round.
        let n = s.active_witnesses.len() as u32;
        if n > 0 && num % n == 0 {
            let mut list = s.active_witnesses.clone();
            xorshift_shuffle(&mut list, (t.0 as u64) << 32 | 1);
            s.shuffled_witnesses = list;
            s.touch(super::objects::oid(2, 12, 0));
        }
        self.prior.clear();
        let txids: Vec<([u8; 20], usize)> = block
            .transactions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.tx.id(), i))
            .collect();
        let cx_prefix = self.state.prefix.clone();
        let cx = crate::protocol::JsonCx { prefix: &cx_prefix };
        for (txid, i) in txids {
            while let Some(pos) = self.waiters.iter().position(|(w, _)| *w == txid) {
                let (_, tx) = self.waiters.remove(pos);
                let _ = tx.send(json!({
                    "id": hex::encode(txid),
                    "block_num": num,
                    "trx_num": i,
                    "trx": block.transactions[i].json(&cx),
                }));
            }
        }
        self.blocks.push(block);
        self.emit(num, id);
        num
    }

    fn emit(&mut self, num: u32, id: [u8; 20]) {
        let s = &mut self.state;
        let touched = std::mem::take(&mut s.touched);
        let created = std::mem::take(&mut s.created);
        let removed = std::mem::take(&mut s.removed);
        let changed = touched
            .iter()
            .filter_map(|oid| s.object_json(*oid).map(|v| (*oid, v)))
            .collect();
        let _ = self.events.send(Arc::new(BlockEvent {
            block_num: num,
            block_id: hex::encode(id),
            changed,
            created: created.iter().copied().collect(),
            removed: removed.iter().copied().collect(),
        }));
    }

    /// Processes the next `n` slots (manual clock).
    pub fn advance_slots(&mut self, n: u32) -> Vec<SlotOutcome> {
        (0..n)
            .map(|_| {
                let t = self.next_slot_time();
                self.process_slot(t)
            })
            .collect()
    }

    /// Processes slots until `n` blocks were produced (at most 64 slots per block asked).
    pub fn produce_blocks(&mut self, n: u32) -> Vec<SlotOutcome> {
        let mut out = Vec::new();
        let mut produced = 0;
        let limit = n as usize * 64;
        while produced < n && out.len() < limit {
            let t = self.next_slot_time();
            let o = self.process_slot(t);
            if matches!(o, SlotOutcome::Produced { .. }) {
                produced += 1;
            }
            out.push(o);
        }
        out
    }

    /// Moves the manual clock forward by `secs`, processing every slot on the way.
    pub fn advance_time(&mut self, secs: u32) -> Vec<SlotOutcome> {
        let target = TimePointSec(self.now.0.saturating_add(secs));
        let mut out = Vec::new();
        while self.next_slot_time() <= target {
            let t = self.next_slot_time();
            out.push(self.process_slot(t));
        }
        self.now = target;
        out
    }
}
