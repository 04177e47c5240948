//! The fee schedule (`current_fees` in 2.0.0) and the fee an operation owes.

use serde_json::{json, Value};

use crate::protocol::operations::Operation;
use crate::protocol::Pack;

/// One operation's fee parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeParams {
    pub fee: i64,
    /// Charged per 1024 bytes of memo (transfer) or of the operation (proposal_create).
    pub price_per_kbyte: Option<i64>,
}

/// Fees by operation id, in core satoshis (1 PPY = 100000).
#[derive(Clone, Debug)]
pub struct FeeSchedule {
    pub entries: Vec<(u32, FeeParams)>,
    pub scale: u32,
}

const PPY: i64 = 100_000;

impl Default for FeeSchedule {
    fn default() -> Self {
        let flat = |fee| FeeParams {
            fee,
            price_per_kbyte: None,
        };
        let mut entries = vec![
            (
                0,
                FeeParams {
                    fee: PPY,
                    price_per_kbyte: Some(10 * PPY),
                },
            ),
            (1, flat(PPY / 2)),
            (2, flat(0)),
            (5, flat(5 * PPY)),
            (6, flat(PPY / 5)),
            (8, flat(50 * PPY)),
            (20, flat(50 * PPY)),
            (21, flat(20 * PPY)),
            (
                22,
                FeeParams {
                    fee: PPY / 5,
                    price_per_kbyte: Some(PPY),
                },
            ),
            (23, flat(PPY / 5)),
            (24, flat(PPY / 5)),
        ];
        for op in 52..=74 {
            match op {
                64 | 65 | 67 | 69 => {}
                62 | 68 => entries.push((op, flat(PPY / 100))),
                _ => entries.push((op, flat(PPY))),
            }
        }
        FeeSchedule {
            entries,
            scale: 10_000,
        }
    }
}

impl FeeSchedule {
    fn params(&self, op: u32) -> FeeParams {
        self.entries
            .iter()
            .find(|(id, _)| *id == op)
            .map(|(_, p)| *p)
            .unwrap_or(FeeParams {
                fee: PPY,
                price_per_kbyte: None,
            })
    }

    /// The fee `op` owes.
    pub fn required(&self, op: &Operation) -> i64 {
        let p = self.params(op.id());
        let mut fee = p.fee as i128;
        if let Some(per_kb) = p.price_per_kbyte {
            let bytes = match op {
                Operation::Transfer(t) => t.memo.as_ref().map_or(0, |m| m.to_bytes().len()),
                Operation::ProposalCreate(_) => op.to_bytes().len(),
                _ => 0,
            };
            fee += bytes as i128 * per_kb as i128 / 1024;
        }
        (fee * self.scale as i128 / 10_000).clamp(0, i64::MAX as i128) as i64
    }

    /// `get_required_fees` for one operation: an asset, or for proposal_create
    /// the pair `[asset, [inner fees...]]`.
    pub fn required_json(&self, op: &Operation) -> Value {
        let own = json!({"amount": self.required(op), "asset_id": "1.3.0"});
        match op {
            Operation::ProposalCreate(p) => {
                let inner: Vec<Value> = p
                    .proposed_ops
                    .iter()
                    .map(|w| self.required_json(&w.op))
                    .collect();
                json!([own, inner])
            }
            _ => own,
        }
    }

    /// The `current_fees` JSON.
    pub fn json(&self) -> Value {
        let params: Vec<Value> = self
            .entries
            .iter()
            .map(|(id, p)| match p.price_per_kbyte {
                Some(k) => json!([id, {"fee": p.fee, "price_per_kbyte": k}]),
                None => json!([id, {"fee": p.fee}]),
            })
            .collect();
        json!({"parameters": params, "scale": self.scale})
    }
}
