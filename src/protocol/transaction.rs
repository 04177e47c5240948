//! Transactions: TaPoS reference, expiration, operations; digest, txid, signing.

use serde_json::Value;

use super::codec::{expect_object, Extensions, FixedBytes, Json, JsonCx, Pack, Reader};
use super::error::{Error, Result};
use super::hash::{sha256, sha256_parts};
use super::keys::{PrivateKey, PublicKey};
use super::operations::Operation;
use super::path::Path;
use super::signing::{self, CompactSignature};
use super::time::TimePointSec;

/// A transaction, with the signatures it carries so far.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Transaction {
    pub ref_block_num: u16,
    pub ref_block_prefix: u32,
    pub expiration: TimePointSec,
    pub operations: Vec<Operation>,
    pub extensions: Extensions,
    pub signatures: Vec<CompactSignature>,
}

/// `ref_block_num` and `ref_block_prefix` of a block id: the low 16 bits of the
/// block number (id bytes 0..4, big-endian) and the little-endian word at bytes 4..8.
pub fn tapos(block_id: &[u8; 20]) -> (u16, u32) {
    let num = u32::from_be_bytes([block_id[0], block_id[1], block_id[2], block_id[3]]);
    let prefix = u32::from_le_bytes([block_id[4], block_id[5], block_id[6], block_id[7]]);
    (num as u16, prefix)
}

impl Transaction {
    /// A transaction with these operations, referencing `block_id`, expiring at `expiration`.
    pub fn new(operations: Vec<Operation>, block_id: &[u8; 20], expiration: TimePointSec) -> Self {
        let (ref_block_num, ref_block_prefix) = tapos(block_id);
        Transaction {
            ref_block_num,
            ref_block_prefix,
            expiration,
            operations,
            ..Default::default()
        }
    }

    /// Sets the TaPoS fields from a block id.
    pub fn set_reference_block(&mut self, block_id: &[u8; 20]) {
        (self.ref_block_num, self.ref_block_prefix) = tapos(block_id);
    }

    /// Appends the unsigned serialization (what is signed and hashed).
    pub fn pack_unsigned(&self, out: &mut Vec<u8>) {
        self.ref_block_num.pack(out);
        self.ref_block_prefix.pack(out);
        self.expiration.pack(out);
        self.operations.pack(out);
        self.extensions.pack(out);
    }

    /// The unsigned serialization.
    pub fn unsigned_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        self.pack_unsigned(&mut out);
        out
    }

    /// The signed serialization: unsigned ‖ varint(n) ‖ n × 65 bytes (as `get_transaction_hex`).
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut out = self.unsigned_bytes();
        super::codec::write_varint(&mut out, self.signatures.len() as u64);
        for s in &self.signatures {
            out.extend_from_slice(s);
        }
        out
    }

    /// sha256(chain_id ‖ unsigned transaction): what every key signs.
    pub fn digest(&self, chain_id: &[u8; 32]) -> [u8; 32] {
        sha256_parts(&[chain_id, &self.unsigned_bytes()])
    }

    /// The transaction id: the first 20 bytes of sha256(unsigned transaction).
    pub fn id(&self) -> [u8; 20] {
        let h = sha256(&self.unsigned_bytes());
        let mut id = [0u8; 20];
        id.copy_from_slice(&h[..20]);
        id
    }

    /// Adds one canonical signature per distinct key.
    pub fn sign(&mut self, chain_id: &[u8; 32], keys: &[&PrivateKey]) {
        let digest = self.digest(chain_id);
        let mut seen: Vec<PublicKey> = Vec::new();
        for key in keys {
            let public = key.public_key();
            if seen.contains(&public) {
                continue;
            }
            seen.push(public);
            self.signatures.push(signing::sign_digest(&digest, key));
        }
    }

    /// The public keys recovered from the signatures, in order.
    pub fn signers(&self, chain_id: &[u8; 32]) -> Result<Vec<PublicKey>> {
        let digest = self.digest(chain_id);
        self.signatures
            .iter()
            .enumerate()
            .map(|(i, s)| {
                signing::recover(&digest, s).map_err(|e| match e {
                    Error::Signature { reason, .. } => Error::Signature {
                        at: format!(" {i}"),
                        reason,
                    },
                    other => other,
                })
            })
            .collect()
    }

    /// Decodes a transaction from bytes, signed or unsigned.
    pub fn from_binary(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let mut tx = Transaction {
            ref_block_num: u16::unpack(&mut r)?,
            ref_block_prefix: u32::unpack(&mut r)?,
            expiration: TimePointSec::unpack(&mut r)?,
            operations: Vec::unpack(&mut r)?,
            extensions: Extensions::unpack(&mut r)?,
            signatures: Vec::new(),
        };
        if r.remaining() > 0 {
            let sigs: Vec<FixedBytes<65>> = Vec::unpack(&mut r)?;
            tx.signatures = sigs.into_iter().map(|s| s.0).collect();
        }
        r.finish("transaction")?;
        Ok(tx)
    }
}

impl Json for Transaction {
    fn to_json(&self, cx: &JsonCx) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("ref_block_num".into(), self.ref_block_num.to_json(cx));
        m.insert("ref_block_prefix".into(), self.ref_block_prefix.to_json(cx));
        m.insert("expiration".into(), self.expiration.to_json(cx));
        m.insert("operations".into(), self.operations.to_json(cx));
        m.insert("extensions".into(), self.extensions.to_json(cx));
        m.insert(
            "signatures".into(),
            Value::Array(
                self.signatures
                    .iter()
                    .map(|s| Value::String(hex::encode(s)))
                    .collect(),
            ),
        );
        Value::Object(m)
    }

    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let obj = expect_object(v, p)?;
        super::codec::check_fields(
            obj,
            &[
                "ref_block_num",
                "ref_block_prefix",
                "expiration",
                "operations",
                "signatures",
            ],
            p,
        );
        let signatures: Option<Vec<FixedBytes<65>>> = Json::take_field(obj, "signatures", p)?;
        Ok(Transaction {
            ref_block_num: Json::take_field(obj, "ref_block_num", p)?,
            ref_block_prefix: Json::take_field(obj, "ref_block_prefix", p)?,
            expiration: Json::take_field(obj, "expiration", p)?,
            operations: Json::take_field(obj, "operations", p)?,
            extensions: Json::take_field(obj, "extensions", p)?,
            signatures: signatures
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.0)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tapos_rule() {
        let id: [u8; 20] = hex::decode("01a2b3c4deadbeef00112233445566778899aabb")
            .unwrap()
            .try_into()
            .unwrap();
        assert_eq!(tapos(&id), (46020, 4022250974));
    }
}
