//! bet_place (with matching, enough for order books to exist), bet_cancel,
//! cancel of unmatched bets, and payout of a settled group.

use super::Ctx;
use crate::devnet::error::{Error, Result};
use crate::devnet::objects::*;
use crate::devnet::state::State;
use crate::protocol::operations::{BetCancel, BetPlace};
use crate::protocol::types::{BetType, BettingMarketResolution};
use crate::protocol::{ObjectId, TimePointSec};

/// Odds precision: a backer_multiplier of 20000 is odds 2.0.
pub const ODDS_PRECISION: u64 = 10_000;

pub fn place(state: &mut State, ctx: &Ctx, op: &BetPlace) -> Result<ObjectId> {
    let bm = state
        .bms
        .get(&op.betting_market_id.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.betting_market_id.to_string(),
        })?;
    let group = bm.group_id.0;
    let g = state.bmgs.get(&group).ok_or_else(|| Error::UnknownObject {
        id: bm.group_id.to_string(),
    })?;
    if !matches!(g.state, BmgState::Upcoming | BmgState::InPlay) {
        return Err(Error::assert(
            "bet_market_group->get_status() == betting_market_group_status::upcoming || bet_market_group->get_status() == betting_market_group_status::in_play",
            "Unable to place bets while the betting market group is not accepting bets",
        ));
    }
    if op.amount_to_bet.asset_id != g.asset_id {
        return Err(Error::assert(
            "op.amount_to_bet.asset_id == _betting_market_group->asset_id",
            "Asset type bet does not match the market's asset type",
        ));
    }
    if op.amount_to_bet.amount <= 0 {
        return Err(Error::assert("amount_to_bet.amount > 0", ""));
    }
    let (min, max) = (
        state.params.min_bet_multiplier,
        state.params.max_bet_multiplier,
    );
    if op.backer_multiplier < min || op.backer_multiplier > max {
        return Err(Error::assert(
            "op.backer_multiplier >= min_bet_multiplier && op.backer_multiplier <= max_bet_multiplier",
            format!("Bet odds are outside the blockchain's limits ({min}..{max})"),
        ));
    }
    let in_play = g.state == BmgState::InPlay;
    state.adjust_balance(op.bettor_id.0, 0, -op.amount_to_bet.amount)?;
    let i = state.new_instance(1, 26);
    state.bets.insert(
        i,
        Bet {
            bettor_id: op.bettor_id,
            betting_market_id: op.betting_market_id,
            amount_to_bet: op.amount_to_bet.amount,
            backer_multiplier: op.backer_multiplier,
            back_or_lay: op.back_or_lay,
            end_of_delay: in_play.then(|| {
                TimePointSec(
                    ctx.now.0
                        + state.params.live_betting_delay_time
                        + state.params.block_interval as u32,
                )
            }),
        },
    );
    {
        let p = position_mut(state, op.bettor_id.0, op.betting_market_id.0);
        p.pay_if_canceled += op.amount_to_bet.amount;
    }
    if !in_play {
        match_bet(state, i);
    }
    Ok(oid(1, 26, i))
}

fn position_mut(state: &mut State, bettor: u64, market: u64) -> &mut Position {
    let existing = state
        .positions
        .iter()
        .find(|(_, p)| p.bettor == bettor && p.market == market)
        .map(|(i, _)| *i);
    let i = match existing {
        Some(i) => i,
        None => {
            let i = state.new_instance(2, 20);
            state.positions.insert(
                i,
                Position {
                    bettor,
                    market,
                    ..Default::default()
                },
            );
            i
        }
    };
    state.touch(oid(2, 20, i));
    state.positions.entry(i).or_default()
}

/// The layer's liability for `back_amount` at `odds`.
fn lay_for(back_amount: i64, odds: u32) -> i64 {
    ((back_amount as i128 * (odds as i128 - ODDS_PRECISION as i128)) / ODDS_PRECISION as i128)
        as i64
}

/// The back stake that a liability covers at `odds`.
fn back_for(lay_amount: i64, odds: u32) -> i64 {
    let edge = odds as i128 - ODDS_PRECISION as i128;
    if edge <= 0 {
        return i64::MAX;
    }
    ((lay_amount as i128 * ODDS_PRECISION as i128) / edge) as i64
}

/// Matches the new bet `taker` against resting bets of the other side, at the
/// resting bet's odds (back matches lay when lay odds >= back odds).
fn match_bet(state: &mut State, taker: u64) {
    loop {
        let Some(t) = state.bets.get(&taker).cloned() else {
            return;
        };
        let best = state
            .bets
            .iter()
            .filter(|(i, b)| {
                **i != taker
                    && b.betting_market_id == t.betting_market_id
                    && b.back_or_lay != t.back_or_lay
                    && b.end_of_delay.is_none()
                    && match t.back_or_lay {
                        BetType::Back => b.backer_multiplier >= t.backer_multiplier,
                        BetType::Lay => b.backer_multiplier <= t.backer_multiplier,
                    }
            })
            .min_by_key(|(i, b)| match t.back_or_lay {
                BetType::Back => (u32::MAX - b.backer_multiplier, **i),
                BetType::Lay => (b.backer_multiplier, **i),
            })
            .map(|(i, b)| (*i, b.clone()));
        let Some((maker_id, maker)) = best else {
            return;
        };
        let odds = maker.backer_multiplier;
        let (back, lay, back_id, lay_id) = match t.back_or_lay {
            BetType::Back => (&t, &maker, taker, maker_id),
            BetType::Lay => (&maker, &t, maker_id, taker),
        };
        let back_amount = back.amount_to_bet.min(back_for(lay.amount_to_bet, odds));
        let lay_amount = lay_for(back_amount, odds);
        if back_amount <= 0 || lay_amount <= 0 {
            return;
        }
        let market = t.betting_market_id.0;
        let pot = back_amount + lay_amount;
        {
            let p = position_mut(state, back.bettor_id.0, market);
            p.pay_if_payout_condition += pot;
        }
        {
            let p = position_mut(state, lay.bettor_id.0, market);
            p.pay_if_not_payout_condition += pot;
        }
        let group = state.bms.get(&market).map(|m| m.group_id.0);
        if let Some(g) = group.and_then(|g| state.bmgs.get_mut(&g)) {
            g.total_matched_bets_amount += pot;
        }
        for (id, used) in [(back_id, back_amount), (lay_id, lay_amount)] {
            let remaining = state.bets.get(&id).map_or(0, |b| b.amount_to_bet - used);
            let odds_b = state.bets.get(&id).map_or(odds, |b| b.backer_multiplier);
            let kind = state.bets.get(&id).map(|b| b.back_or_lay);
            // A remainder too small to match anything is refunded.
            let dust = match kind {
                Some(BetType::Back) => lay_for(remaining, odds_b) <= 0,
                _ => back_for(remaining, odds_b) <= 0,
            };
            if remaining <= 0 || dust {
                if remaining > 0 {
                    refund(state, id, remaining);
                }
                state.bets.remove(&id);
                state.mark_removed(oid(1, 26, id));
            } else if let Some(b) = state.bets.get_mut(&id) {
                b.amount_to_bet = remaining;
                state.touch(oid(1, 26, id));
            }
        }
    }
}

fn refund(state: &mut State, bet: u64, amount: i64) {
    let Some(b) = state.bets.get(&bet).cloned() else {
        return;
    };
    let _ = state.adjust_balance(b.bettor_id.0, 0, amount);
    let p = position_mut(state, b.bettor_id.0, b.betting_market_id.0);
    p.pay_if_canceled -= amount;
}

pub fn cancel(state: &mut State, op: &BetCancel) -> Result<()> {
    let b = state
        .bets
        .get(&op.bet_to_cancel.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.bet_to_cancel.to_string(),
        })?;
    if b.bettor_id != op.bettor_id {
        return Err(Error::assert(
            "op.bettor_id == _bet_to_cancel->bettor_id",
            "You can only cancel your own bets",
        ));
    }
    let amount = b.amount_to_bet;
    refund(state, op.bet_to_cancel.0, amount);
    state.bets.remove(&op.bet_to_cancel.0);
    state.mark_removed(oid(1, 26, op.bet_to_cancel.0));
    Ok(())
}

/// Cancels (refunds and removes) every unmatched bet of group `group`.
pub fn cancel_unmatched(state: &mut State, group: u64) -> Result<()> {
    if !state.bmgs.contains_key(&group) {
        return Err(Error::UnknownObject {
            id: format!("1.24.{group}"),
        });
    }
    let markets: Vec<u64> = state
        .bms
        .iter()
        .filter(|(_, m)| m.group_id.0 == group)
        .map(|(i, _)| *i)
        .collect();
    let bets: Vec<(u64, i64)> = state
        .bets
        .iter()
        .filter(|(_, b)| markets.contains(&b.betting_market_id.0))
        .map(|(i, b)| (*i, b.amount_to_bet))
        .collect();
    for (id, amount) in bets {
        refund(state, id, amount);
        state.bets.remove(&id);
        state.mark_removed(oid(1, 26, id));
    }
    Ok(())
}

/// Pays every position of group `group`: by resolution, or refunds when canceled.
/// A rake on net profit goes to the rake account (1.2.6 when it exists).
pub fn pay_out(state: &mut State, group: u64, canceled: bool) {
    let markets: Vec<(u64, Option<BettingMarketResolution>)> = state
        .bms
        .iter()
        .filter(|(_, m)| m.group_id.0 == group)
        .map(|(i, m)| (*i, m.resolution))
        .collect();
    let mut per_bettor: std::collections::BTreeMap<u64, (i64, i64)> = Default::default();
    let positions: Vec<u64> = state
        .positions
        .iter()
        .filter(|(_, p)| markets.iter().any(|(m, _)| *m == p.market))
        .map(|(i, _)| *i)
        .collect();
    for pid in positions {
        let Some(p) = state.positions.remove(&pid) else {
            continue;
        };
        state.mark_removed(oid(2, 20, pid));
        let resolution = markets
            .iter()
            .find(|(m, _)| *m == p.market)
            .and_then(|(_, r)| *r);
        let payout = if canceled {
            p.pay_if_canceled
        } else {
            match resolution {
                Some(BettingMarketResolution::Win) => p.pay_if_payout_condition,
                Some(BettingMarketResolution::NotWin) => p.pay_if_not_payout_condition,
                _ => p.pay_if_canceled,
            }
        };
        let e = per_bettor.entry(p.bettor).or_default();
        e.0 += payout;
        e.1 += p.pay_if_canceled;
    }
    let rake_pct = state.params.betting_rake_fee_percentage as i64;
    for (bettor, (payout, staked)) in per_bettor {
        let profit = payout - staked;
        let rake = if profit > 0 && !canceled {
            profit * rake_pct / 10_000
        } else {
            0
        };
        let _ = state.adjust_balance(bettor, 0, payout - rake);
        if rake > 0 && state.accounts.contains_key(&6) {
            let _ = state.adjust_balance(6, 0, rake);
        }
    }
}

/// `get_binned_order_book`: unmatched bets of a market, summed per odds bin.
/// `precision` 1 gives bins of 0.1 odds, 2 of 0.01.
pub fn binned_order_book(state: &State, market: u64, precision: i32) -> serde_json::Value {
    let bin = 10u64.pow((4 - precision.clamp(0, 4)) as u32).max(1);
    let mut back: std::collections::BTreeMap<u64, i64> = Default::default();
    let mut lay: std::collections::BTreeMap<u64, i64> = Default::default();
    for b in state
        .bets
        .values()
        .filter(|b| b.betting_market_id.0 == market)
    {
        let m = b.backer_multiplier as u64;
        match b.back_or_lay {
            BetType::Back => *back.entry(m / bin * bin).or_default() += b.amount_to_bet,
            BetType::Lay => *lay.entry(m.div_ceil(bin) * bin).or_default() += b.amount_to_bet,
        }
    }
    let list = |m: std::collections::BTreeMap<u64, i64>| -> Vec<serde_json::Value> {
        m.into_iter()
            .map(|(odds, amount)| serde_json::json!({"amount_to_bet": amount, "backer_multiplier": odds}))
            .collect()
    };
    serde_json::json!({"aggregated_back_bets": list(back), "aggregated_lay_bets": list(lay)})
}

/// Bets placed in play wait out their delay; once it is over they are matched.
pub fn release_delayed(state: &mut State, now: TimePointSec) {
    let due: Vec<u64> = state
        .bets
        .iter()
        .filter(|(_, b)| b.end_of_delay.is_some_and(|t| t <= now))
        .map(|(i, _)| *i)
        .collect();
    for id in due {
        if let Some(b) = state.bets.get_mut(&id) {
            b.end_of_delay = None;
        }
        state.touch(oid(1, 26, id));
        match_bet(state, id);
    }
}
