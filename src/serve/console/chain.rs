//! The console's one way to the chain: every approval, withdrawal and proposal the
//! console makes is signed and broadcast here, by the service's engine (its keys, its
//! node client), with [`Engine::send_ops`]: the same routine the approval loop uses.

use serde_json::{json, Value};

use crate::protocol::ids::Id;
use crate::protocol::operations::{Operation, ProposalUpdate};
use crate::sync::engine::{Engine, EngineError};

/// What a broadcast did.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The transaction id.
    pub txid: String,
    /// The object the transaction created (a new proposal's id), when it was waited for.
    pub created: Option<String>,
}

/// Signs and broadcasts `ops` as the service's accounts; `blocking` waits for the block
/// (and so learns the ids of created objects).
pub async fn send(
    engine: &Engine,
    ops: Vec<Operation>,
    blocking: bool,
) -> Result<Sent, EngineError> {
    let v = engine.send_ops(ops, blocking).await?;
    Ok(Sent {
        txid: v["id"].as_str().unwrap_or_default().to_string(),
        created: v["trx"]["operation_results"][0][1]
            .as_str()
            .map(str::to_string),
    })
}

/// An account's id by name.
pub async fn account_id(engine: &Engine, name: &str) -> Result<String, EngineError> {
    let a = engine
        .client
        .db("get_account_by_name", json!([name]))
        .await?;
    a["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| EngineError::UnknownAccount(name.to_string()))
}

/// Adds (`add`) or removes the approver's approval of `proposal`.
pub async fn vote(engine: &Engine, proposal: &str, add: bool) -> Result<Sent, EngineError> {
    let who = account_id(engine, &engine.approver).await?;
    let a = Id::parse(&who).map_err(|_| EngineError::UnknownAccount(who.clone()))?;
    let p = Id::parse(proposal).map_err(|_| EngineError::Shape {
        what: "proposal id",
        value: proposal.to_string(),
    })?;
    send(
        engine,
        vec![ProposalUpdate::active_approval(a, p, add).into()],
        false,
    )
    .await
}

/// The proposal `proposal` (still pending), or `None`.
pub async fn pending(engine: &Engine, proposal: &str) -> Result<Option<Value>, EngineError> {
    let v = engine.client.db("get_objects", json!([[proposal]])).await?;
    Ok(Some(v[0].clone()).filter(|p| !p.is_null()))
}
