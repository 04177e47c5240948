//! transfer, account_create, account_update, account_upgrade.

use super::Ctx;
use crate::devnet::error::{Error, Result};
use crate::devnet::objects::{oid, Account, AccountStats};
use crate::devnet::state::State;
use crate::protocol::operations::{AccountCreate, AccountUpdate, AccountUpgrade, Transfer};
use crate::protocol::{ObjectId, TimePointSec};

pub fn transfer(state: &mut State, op: &Transfer) -> Result<()> {
    if op.amount.amount <= 0 {
        return Err(Error::assert("amount.amount > 0", ""));
    }
    if op.from == op.to {
        return Err(Error::assert("from != to", ""));
    }
    state.account(op.to)?;
    if !state.assets.contains_key(&op.amount.asset_id.0) {
        return Err(Error::UnknownObject {
            id: op.amount.asset_id.to_string(),
        });
    }
    state.adjust_balance(op.from.0, op.amount.asset_id.0, -op.amount.amount)?;
    state.adjust_balance(op.to.0, op.amount.asset_id.0, op.amount.amount)
}

fn valid_name(name: &str) -> bool {
    // graphene is_valid_name: 3..63 chars, dot-separated labels that start with a
    // letter, end with a letter or digit, and hold letters, digits and dashes.
    if name.len() < 3 || name.len() > 63 {
        return false;
    }
    name.split('.').all(|label| {
        let b = label.as_bytes();
        label.len() >= 3
            && b[0].is_ascii_lowercase()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
    })
}

pub fn create(state: &mut State, _ctx: &Ctx, op: &AccountCreate) -> Result<ObjectId> {
    if !valid_name(&op.name) {
        return Err(Error::assert(
            "is_valid_name( name )",
            format!("Invalid account name {:?}", op.name),
        ));
    }
    if state.names.contains_key(&op.name) {
        return Err(Error::assert(
            "current_account_itr == acnt_indx.indices().get<by_name>().end()",
            format!("Account name {:?} already exists", op.name),
        ));
    }
    state.account(op.registrar)?;
    state.account(op.referrer)?;
    let i = state.new_instance(1, 2);
    state.accounts.insert(
        i,
        Account {
            name: op.name.clone(),
            owner: op.owner.clone(),
            active: op.active.clone(),
            options: op.options.clone(),
            registrar: op.registrar,
            referrer: op.referrer,
            lifetime_referrer: op.referrer,
            membership_expiration_date: TimePointSec(0),
            network_fee_percentage: 2000,
            lifetime_referrer_fee_percentage: 3000,
            referrer_rewards_percentage: op.referrer_percent,
        },
    );
    state.names.insert(op.name.clone(), i);
    state.stats.insert(
        i,
        AccountStats {
            owner: i,
            ..Default::default()
        },
    );
    state.created.insert(oid(2, 6, i));
    Ok(oid(1, 2, i))
}

pub fn update(state: &mut State, op: &AccountUpdate) -> Result<()> {
    state.account(op.account)?;
    let id = op.account.0;
    if let Some(a) = state.accounts.get_mut(&id) {
        if let Some(o) = &op.owner {
            a.owner = o.clone();
        }
        if let Some(o) = &op.active {
            a.active = o.clone();
        }
        if let Some(o) = &op.new_options {
            a.options = o.clone();
        }
    }
    state.touch(oid(1, 2, id));
    Ok(())
}

pub fn upgrade(state: &mut State, op: &AccountUpgrade) -> Result<()> {
    let a = state.account(op.account_to_upgrade)?;
    if a.is_lifetime_member() {
        return Err(Error::assert(
            "!account.is_lifetime_member()",
            format!("{} is already a lifetime member", a.name),
        ));
    }
    if !op.upgrade_to_lifetime_member {
        return Err(Error::assert(
            "o.upgrade_to_lifetime_member",
            "bos devnet only supports upgrades to lifetime membership",
        ));
    }
    let id = op.account_to_upgrade.0;
    if let Some(a) = state.accounts.get_mut(&id) {
        a.membership_expiration_date = TimePointSec(u32::MAX);
        a.lifetime_referrer = op.account_to_upgrade;
    }
    state.touch(oid(1, 2, id));
    Ok(())
}
