//! The console's one way to the chain: every approval, withdrawal and proposal the
//! console makes goes through the service's [`Sender`] (its keys, its node, its mode),
//! the same transaction pipeline the job runner and the approval loop use. Nothing
//! here builds, signs or broadcasts a transaction by itself.

use serde_json::Value;

use crate::chain::{Chain, Mode, Outcome, Sender, Wait};
use crate::protocol::ids::Id;
use crate::protocol::operations::{Operation, ProposalUpdate};

/// Why the console's transaction was not sent.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No node answered, or the node refused the transaction (typed in
    /// [`crate::chain::Refusal`]).
    #[error(transparent)]
    Chain(#[from] crate::chain::Error),
    #[error("{0:?} is not a proposal id (1.10.N)")]
    NotAProposal(String),
    /// The service signs without broadcasting (`-d`) or does not sign (`-x`): the
    /// console offers no action then, and never pretends one happened.
    #[error("the service does not broadcast ({0:?} mode): nothing was sent")]
    NotBroadcast(Mode),
}

/// What a broadcast did.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The transaction id.
    pub txid: String,
    /// The object the transaction created (a new proposal's id), when it was waited for.
    pub created: Option<String>,
}

/// Sends `ops` as one transaction through the service's sender; [`Wait::Block`] waits
/// for the block (and so learns the ids of created objects). A refusal is an error.
pub async fn send(sender: &Sender, ops: Vec<Operation>, wait: Wait) -> Result<Sent, Error> {
    match sender.send(ops, wait).await?.into_result()? {
        o @ Outcome::Broadcast { .. } => Ok(Sent {
            txid: o.txid(),
            created: o.created_id(0),
        }),
        _ => Err(Error::NotBroadcast(sender.mode())),
    }
}

/// An account's id by name.
pub async fn account_id(chain: &Chain, name: &str) -> Result<String, Error> {
    Ok(chain.account(name).await?.id.to_string())
}

/// Adds (`add`) or removes the approval of `account` (a name) to `proposal`.
pub async fn vote(
    sender: &Sender,
    account: &str,
    proposal: &str,
    add: bool,
) -> Result<Sent, Error> {
    let p = Id::parse(proposal).map_err(|_| Error::NotAProposal(proposal.to_string()))?;
    let a = sender.chain().account(account).await?.id;
    send(
        sender,
        vec![ProposalUpdate::active_approval(a, p, add).into()],
        Wait::No,
    )
    .await
}

/// The proposal `proposal` (still pending), or `None`.
pub async fn pending(chain: &Chain, proposal: &str) -> Result<Option<Value>, Error> {
    Ok(chain.proposal(proposal).await?)
}
