//! The `devnet` control api for tests and rehearsals: witness nodes online or
//! offline, backup nodes with other keys, the manual clock, snapshots, and
//! counters (`stats`: transactions, proposals created) for tests.

use serde_json::{json, Value};

use super::chain::{Chain, Node};
use super::error::{Error, Result};
use crate::protocol::PrivateKey;

fn bad(method: &str, reason: &str) -> Error {
    Error::BadParams {
        method: method.into(),
        reason: reason.into(),
    }
}

fn count(method: &str, args: &[Value]) -> Result<u32> {
    args.first()
        .and_then(crate::rpc::frame::number)
        .map(|n| n.min(100_000) as u32)
        .ok_or_else(|| bad(method, "argument 1 must be a count"))
}

/// Resolves a witness given as `1.6.N`, an account name or `1.2.N`.
fn witness_of(chain: &Chain, text: &str) -> Option<u64> {
    if let Ok(w) = crate::protocol::ids::WitnessId::parse(text) {
        return chain.state.witnesses.contains_key(&w.0).then_some(w.0);
    }
    let acct = chain.state.find_account(text)?;
    chain
        .state
        .witnesses
        .iter()
        .find(|(i, w)| **i != 0 && w.witness_account.0 == acct)
        .map(|(i, _)| *i)
}

fn nodes_json(chain: &Chain) -> Value {
    let prefix = chain.state.prefix.clone();
    Value::Array(
        chain
            .nodes
            .iter()
            .map(|n| {
                json!({
                    "name": n.name,
                    "witness": format!("1.6.{}", n.witness),
                    "signing_key": n.key.public_key().to_string_with_prefix(&prefix),
                    "online": n.online,
                })
            })
            .collect(),
    )
}

/// Counters for tests: transactions in blocks and pending, proposals created
/// (ever: the next instance of 1.10) and pending now.
fn stats(chain: &Chain) -> Value {
    let in_blocks: usize = chain.blocks.iter().map(|b| b.transactions.len()).sum();
    json!({
        "transactions": in_blocks,
        "pending_transactions": chain.pending.len(),
        "proposals_created": chain.state.next_instance.get(&(1, 10)).copied().unwrap_or(0),
        "proposals_pending": chain.state.proposals.len(),
    })
}

/// Dispatches one control call.
pub fn call(chain: &mut Chain, method: &str, args: &[Value]) -> Result<Value> {
    let outcomes =
        |v: Vec<super::producer::SlotOutcome>| Value::Array(v.iter().map(|o| o.json()).collect());
    match method {
        "list_nodes" => Ok(nodes_json(chain)),
        "set_node_online" => {
            let name = args
                .first()
                .and_then(Value::as_str)
                .ok_or_else(|| bad(method, "argument 1 must be a node name"))?;
            let online = args
                .get(1)
                .and_then(Value::as_bool)
                .ok_or_else(|| bad(method, "argument 2 must be true or false"))?;
            let mut hit = false;
            for n in chain.nodes.iter_mut().filter(|n| n.name == name) {
                n.online = online;
                hit = true;
            }
            if !hit {
                return Err(Error::Control {
                    reason: format!("no node named {name:?}"),
                });
            }
            Ok(nodes_json(chain))
        }
        "add_node" => {
            let name = args
                .first()
                .and_then(Value::as_str)
                .ok_or_else(|| bad(method, "argument 1 must be a node name"))?;
            let witness = args
                .get(1)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(method, "argument 2 must be a witness"))?;
            let wif = args
                .get(2)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(method, "argument 3 must be a WIF"))?;
            let w = witness_of(chain, witness).ok_or_else(|| Error::Control {
                reason: format!("no witness {witness:?}"),
            })?;
            if chain.nodes.iter().any(|n| n.name == name) {
                return Err(Error::Control {
                    reason: format!("a node named {name:?} exists"),
                });
            }
            let key = PrivateKey::from_wif(wif).map_err(|e| bad(method, &e.to_string()))?;
            let online = args.get(3).and_then(Value::as_bool).unwrap_or(true);
            chain.nodes.push(Node {
                name: name.to_string(),
                witness: w,
                key,
                online,
            });
            Ok(nodes_json(chain))
        }
        "remove_node" => {
            let name = args
                .first()
                .and_then(Value::as_str)
                .ok_or_else(|| bad(method, "argument 1 must be a node name"))?;
            let before = chain.nodes.len();
            chain.nodes.retain(|n| n.name != name);
            if chain.nodes.len() == before {
                return Err(Error::Control {
                    reason: format!("no node named {name:?}"),
                });
            }
            Ok(nodes_json(chain))
        }
        "produce_blocks" => Ok(outcomes(chain.produce_blocks(count(method, args)?))),
        "advance_slots" => Ok(outcomes(chain.advance_slots(count(method, args)?))),
        "advance_time" => Ok(outcomes(chain.advance_time(count(method, args)?))),
        "get_clock" => Ok(
            json!({"now": chain.now.to_string(), "next_slot_time": chain.next_slot_time().to_string()}),
        ),
        "stats" => Ok(stats(chain)),
        "snapshot" => Ok(json!(chain.snapshot())),
        "restore" => {
            let n = args
                .first()
                .and_then(crate::rpc::frame::number)
                .ok_or_else(|| bad(method, "argument 1 must be a snapshot number"))?;
            chain.restore(n as usize)?;
            Ok(Value::Null)
        }
        _ => Err(Error::NoMethod {
            method: method.into(),
        }),
    }
}
