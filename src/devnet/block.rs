//! Blocks: the Peerplays header (with the secret-chain fields), the block id
//! rule, and the JSON of headers and blocks (no `block_id` key, as on the node).

use serde_json::{json, Value};

use crate::protocol::codec::write_varint;
use crate::protocol::hash::{sha224, sha256};
use crate::protocol::{Json, JsonCx, Pack, PrivateKey, TimePointSec, Transaction};

/// A transaction as applied, with its operation results.
#[derive(Clone, Debug)]
pub struct ProcessedTx {
    pub tx: Transaction,
    pub results: Vec<Value>,
}

impl ProcessedTx {
    pub fn json(&self, cx: &JsonCx) -> Value {
        let mut v = self.tx.to_json(cx);
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "operation_results".into(),
                Value::Array(self.results.clone()),
            );
        }
        v
    }
}

/// A signed block.
#[derive(Clone, Debug)]
pub struct Block {
    pub previous: [u8; 20],
    pub timestamp: TimePointSec,
    pub witness: u64,
    pub next_secret_hash: [u8; 20],
    pub previous_secret: [u8; 20],
    pub transaction_merkle_root: [u8; 20],
    pub witness_signature: [u8; 65],
    pub transactions: Vec<ProcessedTx>,
}

impl Block {
    fn pack_header(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.previous);
        self.timestamp.pack(out);
        write_varint(out, self.witness);
        out.extend_from_slice(&self.next_secret_hash);
        out.extend_from_slice(&self.previous_secret);
        out.extend_from_slice(&self.transaction_merkle_root);
        write_varint(out, 0);
    }

    /// The block number: the number in `previous` plus one.
    pub fn num(&self) -> u32 {
        u32::from_be_bytes([
            self.previous[0],
            self.previous[1],
            self.previous[2],
            self.previous[3],
        ]) + 1
    }

    /// Signs the header digest with the witness's key.
    pub fn sign(&mut self, key: &PrivateKey) {
        let mut h = Vec::new();
        self.pack_header(&mut h);
        self.witness_signature = crate::protocol::signing::sign_digest(&sha256(&h), key);
    }

    /// The id: sha224 of the signed header, first 20 bytes, number in the first 4.
    pub fn id(&self) -> [u8; 20] {
        let mut h = Vec::new();
        self.pack_header(&mut h);
        h.extend_from_slice(&self.witness_signature);
        let d = sha224(&h);
        let mut id = [0u8; 20];
        id.copy_from_slice(&d[..20]);
        id[..4].copy_from_slice(&self.num().to_be_bytes());
        id
    }

    /// The merkle root of the transactions (sha256 pairs, truncated to 20 bytes).
    pub fn merkle_root(txs: &[ProcessedTx]) -> [u8; 20] {
        if txs.is_empty() {
            return [0; 20];
        }
        let mut layer: Vec<[u8; 32]> = txs.iter().map(|t| sha256(&t.tx.signed_bytes())).collect();
        while layer.len() > 1 {
            layer = layer
                .chunks(2)
                .map(|c| match c {
                    [a, b] => crate::protocol::hash::sha256_parts(&[a, b]),
                    [a] => *a,
                    _ => [0; 32],
                })
                .collect();
        }
        let mut r = [0u8; 20];
        r.copy_from_slice(&layer[0][..20]);
        r
    }

    pub fn header_json(&self) -> Value {
        json!({
            "previous": hex::encode(self.previous),
            "timestamp": self.timestamp.to_string(),
            "witness": format!("1.6.{}", self.witness),
            "next_secret_hash": hex::encode(self.next_secret_hash),
            "previous_secret": hex::encode(self.previous_secret),
            "transaction_merkle_root": hex::encode(self.transaction_merkle_root),
            "extensions": [],
        })
    }

    pub fn json(&self, cx: &JsonCx) -> Value {
        let mut v = self.header_json();
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "witness_signature".into(),
                json!(hex::encode(self.witness_signature)),
            );
            m.insert(
                "transactions".into(),
                Value::Array(self.transactions.iter().map(|t| t.json(cx)).collect()),
            );
        }
        v
    }
}
