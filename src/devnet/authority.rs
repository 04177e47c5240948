//! Which authorities an operation needs, and whether signatures (or proposal
//! approvals) satisfy them, with account recursion up to `max_authority_depth`.

use std::collections::BTreeSet;

use super::error::{Error, Result};
use super::state::State;
use crate::protocol::ids::{AccountId, Id};
use crate::protocol::operations::Operation;
use crate::protocol::types::Authority;
use crate::protocol::PublicKey;

/// witness-account, which pays for and authorizes every BOS management op.
pub const WITNESS_ACCOUNT: AccountId = Id(1);

/// The authorities a set of operations needs.
#[derive(Debug, Default, Clone)]
pub struct Required {
    pub active: BTreeSet<AccountId>,
    pub owner: BTreeSet<AccountId>,
    pub keys: BTreeSet<PublicKey>,
}

/// The account that pays `op`'s fee.
pub fn fee_payer(op: &Operation) -> AccountId {
    use Operation as O;
    match op {
        O::Transfer(x) => x.from,
        O::LimitOrderCreate(x) => x.seller,
        O::LimitOrderCancel(x) => x.fee_paying_account,
        O::AccountCreate(x) => x.registrar,
        O::AccountUpdate(x) => x.account,
        O::AccountUpgrade(x) => x.account_to_upgrade,
        O::AssetCreate(x) => x.issuer,
        O::AssetUpdate(x) => x.issuer,
        O::AssetUpdateBitasset(x) => x.issuer,
        O::AssetIssue(x) => x.issuer,
        O::WitnessCreate(x) => x.witness_account,
        O::WitnessUpdate(x) => x.witness_account,
        O::ProposalCreate(x) => x.fee_paying_account,
        O::ProposalUpdate(x) => x.fee_paying_account,
        O::ProposalDelete(x) => x.fee_paying_account,
        O::VestingBalanceWithdraw(x) => x.owner,
        O::BalanceClaim(x) => x.deposit_to_account,
        O::TournamentCreate(x) => x.creator,
        O::TournamentJoin(x) => x.payer_account_id,
        O::GameMove(x) => x.player_account_id,
        O::TournamentLeave(x) => x.canceling_account_id,
        O::BetPlace(x) => x.bettor_id,
        O::BetCancel(x) => x.bettor_id,
        _ => WITNESS_ACCOUNT,
    }
}

/// Adds what `op` needs to `req`.
pub fn required(op: &Operation, req: &mut Required) {
    match op {
        Operation::AccountUpdate(x) if x.owner.is_some() || x.active.is_some() => {
            req.owner.insert(x.account);
        }
        Operation::ProposalUpdate(x) => {
            req.active.insert(x.fee_paying_account);
            req.active.extend(x.active_approvals_to_add.iter().copied());
            req.active
                .extend(x.active_approvals_to_remove.iter().copied());
            req.owner.extend(x.owner_approvals_to_add.iter().copied());
            req.owner
                .extend(x.owner_approvals_to_remove.iter().copied());
            req.keys.extend(x.key_approvals_to_add.iter().copied());
            req.keys.extend(x.key_approvals_to_remove.iter().copied());
        }
        Operation::ProposalDelete(x) if x.using_owner_authority => {
            req.owner.insert(x.fee_paying_account);
        }
        other => {
            req.active.insert(fee_payer(other));
        }
    }
}

/// The signature state of one check: the keys that signed (and whether each was
/// used) and the accounts already approved.
pub struct SignState<'a> {
    state: &'a State,
    keys: Vec<(PublicKey, bool)>,
    approved: BTreeSet<AccountId>,
    max_depth: u8,
}

impl<'a> SignState<'a> {
    pub fn new(state: &'a State, keys: &[PublicKey], approved: &[AccountId]) -> Self {
        SignState {
            state,
            keys: keys.iter().map(|k| (*k, false)).collect(),
            approved: approved.iter().copied().collect(),
            max_depth: state.params.max_authority_depth,
        }
    }

    fn signed_by(&mut self, k: &PublicKey) -> bool {
        match self.keys.iter_mut().find(|(key, _)| key == k) {
            Some(entry) => {
                entry.1 = true;
                true
            }
            None => false,
        }
    }

    /// Whether `auth` is satisfied.
    pub fn check_authority(&mut self, auth: &Authority, depth: u8) -> bool {
        let threshold = auth.weight_threshold as u64;
        let mut total: u64 = 0;
        for (k, w) in auth.key_auths.iter() {
            if self.signed_by(k) {
                total += *w as u64;
                if total >= threshold {
                    return true;
                }
            }
        }
        for (a, w) in auth.account_auths.iter() {
            if self.approved.contains(a) {
                total += *w as u64;
            } else if depth < self.max_depth {
                let Ok(acct) = self.state.account(*a) else {
                    continue;
                };
                let active = acct.active.clone();
                if self.check_authority(&active, depth + 1) {
                    self.approved.insert(*a);
                    total += *w as u64;
                }
            }
            if total >= threshold {
                return true;
            }
        }
        total >= threshold
    }

    /// Whether an account's active (or owner) authority is satisfied.
    pub fn check_account(&mut self, id: AccountId, owner: bool) -> bool {
        if self.approved.contains(&id) {
            return true;
        }
        let Ok(acct) = self.state.account(id) else {
            return false;
        };
        let (active, owner_auth) = (acct.active.clone(), acct.owner.clone());
        if !owner && self.check_authority(&active, 0) {
            return true;
        }
        self.check_authority(&owner_auth, 0)
    }

    fn unused(&self) -> bool {
        self.keys.iter().any(|(_, used)| !used)
    }
}

/// Checks that `signers` (plus already `approved` accounts) satisfy `req`.
/// With `no_extra`, a signature that nothing needed is an error.
pub fn verify(
    state: &State,
    req: &Required,
    signers: &[PublicKey],
    approved_active: &[AccountId],
    approved_owner: &[AccountId],
    no_extra: bool,
) -> Result<()> {
    let mut s = SignState::new(state, signers, approved_active);
    for k in &req.keys {
        if !s.signed_by(k) {
            return Err(Error::MissingOtherAuthority {
                key: k.to_string_with_prefix(&state.prefix),
            });
        }
    }
    for id in &req.active {
        if !s.check_account(*id, false) {
            return Err(Error::MissingActiveAuthority {
                account: id.to_string(),
            });
        }
    }
    for id in &req.owner {
        if approved_owner.contains(id) {
            continue;
        }
        if !s.check_account(*id, true) {
            return Err(Error::MissingOwnerAuthority {
                account: id.to_string(),
            });
        }
    }
    if no_extra && s.unused() {
        return Err(Error::IrrelevantSignature);
    }
    Ok(())
}

/// Every key that could take part in satisfying `req` (`get_potential_signatures`):
/// the keys of the required accounts' active and owner authorities, recursively.
pub fn potential_keys(state: &State, req: &Required) -> BTreeSet<PublicKey> {
    fn walk(state: &State, auth: &Authority, depth: u8, out: &mut BTreeSet<PublicKey>) {
        out.extend(auth.key_auths.iter().map(|(k, _)| *k));
        if depth >= state.params.max_authority_depth {
            return;
        }
        for (a, _) in auth.account_auths.iter() {
            if let Ok(acct) = state.account(*a) {
                walk(state, &acct.active, depth + 1, out);
                walk(state, &acct.owner, depth + 1, out);
            }
        }
    }
    let mut out: BTreeSet<PublicKey> = req.keys.clone();
    for id in req.active.iter().chain(req.owner.iter()) {
        if let Ok(acct) = state.account(*id) {
            walk(state, &acct.active, 0, &mut out);
            walk(state, &acct.owner, 0, &mut out);
        }
    }
    out
}
