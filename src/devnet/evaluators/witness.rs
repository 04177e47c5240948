//! witness_create and witness_update (with Peerplays' `new_initial_secret`).

use crate::devnet::error::{Error, Result};
use crate::devnet::objects::{oid, Witness};
use crate::devnet::state::State;
use crate::protocol::operations::{WitnessCreate, WitnessUpdate};
use crate::protocol::ObjectId;

pub fn create(state: &mut State, op: &WitnessCreate) -> Result<ObjectId> {
    let a = state.account(op.witness_account)?;
    if !a.is_lifetime_member() {
        return Err(Error::assert(
            "db().get(op.witness_account).is_lifetime_member()",
            "Only Lifetime members may register a witness.",
        ));
    }
    let vote = state.next_available_vote_id;
    state.next_available_vote_id += 1;
    let i = state.new_instance(1, 6);
    state.witnesses.insert(
        i,
        Witness {
            witness_account: op.witness_account,
            last_aslot: 0,
            signing_key: op.block_signing_key,
            next_secret_hash: op.initial_secret.0,
            previous_secret: [0; 20],
            vote_id: vote,
            total_votes: 0,
            url: op.url.clone(),
            total_missed: 0,
            last_confirmed_block_num: 0,
        },
    );
    Ok(oid(1, 6, i))
}

pub fn update(state: &mut State, op: &WitnessUpdate) -> Result<()> {
    let w = state
        .witnesses
        .get_mut(&op.witness.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.witness.to_string(),
        })?;
    if w.witness_account != op.witness_account {
        return Err(Error::assert(
            "db().get(op.witness).witness_account == op.witness_account",
            "",
        ));
    }
    if let Some(url) = &op.new_url {
        w.url = url.clone();
    }
    if let Some(k) = op.new_signing_key {
        w.signing_key = k;
    }
    if let Some(s) = &op.new_initial_secret {
        w.next_secret_hash = s.0;
    }
    state.touch(oid(1, 6, op.witness.0));
    Ok(())
}
