//! The maintenance interval's witness part (`db_maint.cpp`, node.md §3.2, §4.2):
//! the vote tally, the active witness set, and witness-account's authority.
//!
//! Decision: a vote's stake is the voter's liquid core balance (the node also
//! counts cashback and, since GPOS, only vested stake with a decay factor; the
//! devnet has neither). The selection and the authority follow the node.

use std::collections::BTreeMap;

use super::objects::oid;
use super::producer::rebuild_witness_account;
use super::state::State;

/// `min_witness_count` of the chain properties.
pub const MIN_WITNESS_COUNT: usize = 11;
/// `maximum_witness_count` of the parameters.
const MAXIMUM_WITNESS_COUNT: usize = 1001;
/// proxy-to-self: an account voting for itself.
const PROXY_TO_SELF: u64 = 5;

/// Counts the votes, picks the active witnesses and rebuilds 1.2.1.
pub fn run(state: &mut State) {
    let mut tally: BTreeMap<u32, u64> = BTreeMap::new();
    let mut histogram = vec![0u64; MAXIMUM_WITNESS_COUNT / 2 + 1];
    let mut total_stake: u64 = 0;
    for (id, a) in state.accounts.iter() {
        let stake = state.balance(*id, 0).max(0) as u64;
        if stake == 0 {
            continue;
        }
        let proxy = a.options.voting_account.0;
        let opinion = if proxy == PROXY_TO_SELF {
            a
        } else {
            match state.accounts.get(&proxy) {
                Some(p) => p,
                None => a,
            }
        };
        for v in opinion.options.votes.iter() {
            if v.vote_type() == 1 {
                *tally.entry(v.instance()).or_default() += stake;
            }
        }
        let offset = (opinion.options.num_witness as usize / 2).min(histogram.len() - 1);
        histogram[offset] += stake;
        total_stake += stake;
    }
    // How many witnesses the stake asks for: the smallest count a majority of
    // the voting stake (beyond those asking for none) finds enough.
    let mut count = 0usize;
    if histogram[0] < total_stake {
        let target = (total_stake - histogram[0]) / 2;
        let mut tallied = 0u64;
        while count < histogram.len() - 1 && tallied <= target {
            count += 1;
            tallied += histogram[count];
        }
    }
    let count = (count * 2 + 1).max(MIN_WITNESS_COUNT);
    let ids: Vec<u64> = state
        .witnesses
        .keys()
        .copied()
        .filter(|i| *i != 0)
        .collect();
    let mut ranked: Vec<(u64, u32, u64)> = Vec::with_capacity(ids.len());
    for i in ids {
        let Some(w) = state.witnesses.get_mut(&i) else {
            continue;
        };
        let votes = tally.get(&w.vote_id).copied().unwrap_or(0);
        let vote_id = w.vote_id;
        if w.total_votes != votes {
            w.total_votes = votes;
            state.touch(oid(1, 6, i));
        }
        ranked.push((votes, vote_id, i));
    }
    // Most votes first; equal votes by vote id.
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut active: Vec<u64> = ranked.iter().take(count).map(|r| r.2).collect();
    active.sort_unstable();
    if !active.is_empty() && active != state.active_witnesses {
        state.active_witnesses = active.clone();
        state.shuffled_witnesses = active;
        state.touch(oid(2, 0, 0));
        state.touch(oid(2, 12, 0));
    }
    rebuild_witness_account(state);
}
