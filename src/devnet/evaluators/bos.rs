//! The BOS management evaluators (sport, event group, event, rules, BMG, BM) and
//! the event / BMG / BM state machines of node.md §4.4-4.6.

use super::Ctx;
use crate::devnet::error::{Error, Result};
use crate::devnet::objects::*;
use crate::devnet::state::State;
use crate::protocol::ids::*;
use crate::protocol::operations::*;
use crate::protocol::types::{BettingMarketGroupStatus as G, BettingMarketResolution, EventStatus};
use crate::protocol::{ObjectId, TimePointSec};

fn typed<const S: u8, const T: u8>(ctx: &Ctx, id: ObjectId, field: &str) -> Result<Id<S, T>> {
    let id = ctx.resolve(id)?;
    if id.space != S || id.type_id != T {
        return Err(Error::assert(
            format!("{field}.space() == {S} && {field}.type() == {T}"),
            format!("{field} {id} is not a {} id", type_name(S, T)),
        ));
    }
    Ok(Id(id.instance))
}

fn exists<T>(
    map: &std::collections::BTreeMap<u64, T>,
    id: impl std::fmt::Display,
    i: u64,
) -> Result<()> {
    if map.contains_key(&i) {
        Ok(())
    } else {
        Err(Error::UnknownObject { id: id.to_string() })
    }
}

/// The optional new parent of an update: resolved, of the right type, on chain.
fn new_parent<const S: u8, const T: u8, V>(
    ctx: &Ctx,
    map: &std::collections::BTreeMap<u64, V>,
    id: Option<ObjectId>,
    field: &str,
) -> Result<Option<Id<S, T>>> {
    id.map(|i| {
        let t: Id<S, T> = typed(ctx, i, field)?;
        exists(map, t, t.0)?;
        Ok(t)
    })
    .transpose()
}

pub fn sport_create(state: &mut State, ctx: &Ctx, op: &SportCreate) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let i = state.new_instance(1, 20);
    state.sports.insert(
        i,
        Sport {
            name: op.name.clone(),
        },
    );
    Ok(oid(1, 20, i))
}

pub fn sport_update(state: &mut State, ctx: &Ctx, op: &SportUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let s = state
        .sports
        .get_mut(&op.sport_id.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.sport_id.to_string(),
        })?;
    if let Some(n) = &op.new_name {
        s.name = n.clone();
    }
    state.touch(oid(1, 20, op.sport_id.0));
    Ok(())
}

pub fn sport_delete(state: &mut State, ctx: &Ctx, op: &SportDelete) -> Result<()> {
    ctx.require_proposed()?;
    exists(&state.sports, op.sport_id, op.sport_id.0)?;
    let groups: Vec<u64> = state
        .event_groups
        .iter()
        .filter(|(_, g)| g.sport_id == op.sport_id)
        .map(|(i, _)| *i)
        .collect();
    for g in groups {
        delete_event_group(state, ctx.now, g)?;
    }
    state.sports.remove(&op.sport_id.0);
    state.mark_removed(oid(1, 20, op.sport_id.0));
    Ok(())
}

pub fn event_group_create(state: &mut State, ctx: &Ctx, op: &EventGroupCreate) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let sport: SportId = typed(ctx, op.sport_id, "sport_id")?;
    exists(&state.sports, sport, sport.0)?;
    let i = state.new_instance(1, 21);
    state.event_groups.insert(
        i,
        EventGroup {
            name: op.name.clone(),
            sport_id: sport,
        },
    );
    Ok(oid(1, 21, i))
}

pub fn event_group_update(state: &mut State, ctx: &Ctx, op: &EventGroupUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let new_sport: Option<SportId> =
        new_parent(ctx, &state.sports, op.new_sport_id, "new_sport_id")?;
    let g = state
        .event_groups
        .get_mut(&op.event_group_id.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.event_group_id.to_string(),
        })?;
    if let Some(s) = new_sport {
        g.sport_id = s;
    }
    if let Some(n) = &op.new_name {
        g.name = n.clone();
    }
    state.touch(oid(1, 21, op.event_group_id.0));
    Ok(())
}

fn delete_event_group(state: &mut State, now: TimePointSec, g: u64) -> Result<()> {
    let events: Vec<u64> = state
        .events
        .iter()
        .filter(|(_, e)| e.event_group_id.0 == g)
        .map(|(i, _)| *i)
        .collect();
    for e in events {
        event_transition(state, now, e, EventStatus::Canceled)?;
    }
    state.event_groups.remove(&g);
    state.mark_removed(oid(1, 21, g));
    Ok(())
}

pub fn event_group_delete(state: &mut State, ctx: &Ctx, op: &EventGroupDelete) -> Result<()> {
    ctx.require_proposed()?;
    exists(&state.event_groups, op.event_group_id, op.event_group_id.0)?;
    delete_event_group(state, ctx.now, op.event_group_id.0)
}

pub fn event_create(state: &mut State, ctx: &Ctx, op: &EventCreate) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let g: EventGroupId = typed(ctx, op.event_group_id, "event_group_id")?;
    exists(&state.event_groups, g, g.0)?;
    let i = state.new_instance(1, 22);
    state.events.insert(
        i,
        Event {
            name: op.name.clone(),
            season: op.season.clone(),
            start_time: op.start_time,
            event_group_id: g,
            scores: Vec::new(),
            state: EventState::Upcoming,
        },
    );
    Ok(oid(1, 22, i))
}

pub fn event_update(state: &mut State, ctx: &Ctx, op: &EventUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let id = op.event_id.0;
    exists(&state.events, op.event_id, id)?;
    let new_group: Option<EventGroupId> = new_parent(
        ctx,
        &state.event_groups,
        op.new_event_group_id,
        "new_event_group_id",
    )?;
    if let Some(e) = state.events.get_mut(&id) {
        if let Some(g) = new_group {
            e.event_group_id = g;
        }
        if let Some(n) = &op.new_name {
            e.name = n.clone();
        }
        if let Some(s) = &op.new_season {
            e.season = s.clone();
        }
        if let Some(t) = op.new_start_time {
            e.start_time = Some(t);
        }
    }
    state.touch(oid(1, 22, id));
    if let Some(s) = op.new_status {
        event_transition(state, ctx.now, id, s)?;
    }
    Ok(())
}

pub fn event_update_status(state: &mut State, ctx: &Ctx, op: &EventUpdateStatus) -> Result<()> {
    ctx.require_proposed()?;
    let id = op.event_id.0;
    let e = state
        .events
        .get_mut(&id)
        .ok_or_else(|| Error::UnknownObject {
            id: op.event_id.to_string(),
        })?;
    e.scores = op.scores.iter().map(|s| s.0.clone()).collect();
    let same = e.state.reported() == op.status.as_str();
    state.touch(oid(1, 22, id));
    if same {
        return Ok(());
    }
    event_transition(state, ctx.now, id, op.status)
}

fn no_transition(from: &str, to: &str) -> Error {
    Error::NoTransition {
        from: from.to_string(),
        event: to.to_string(),
    }
}

/// Moves event `id` to `to`, cascading to its BMGs (§4.4).
pub fn event_transition(
    state: &mut State,
    now: TimePointSec,
    id: u64,
    to: EventStatus,
) -> Result<()> {
    use EventState as S;
    let from = state
        .events
        .get(&id)
        .map(|e| e.state)
        .ok_or_else(|| Error::UnknownObject {
            id: format!("1.22.{id}"),
        })?;
    let bad = || no_transition(from.reported(), to.as_str());
    let (next, cascade): (S, Option<G>) = match (from, to) {
        (_, EventStatus::Settled) => return Err(bad()),
        (S::Canceled | S::Settled, EventStatus::Canceled) => return Ok(()),
        (S::Canceled | S::Settled, _) => return Err(bad()),
        (S::Finished, EventStatus::Canceled) => (S::Canceled, Some(G::Canceled)),
        (S::Finished, _) => return Err(bad()),
        (_, EventStatus::Canceled) => (S::Canceled, Some(G::Canceled)),
        (_, EventStatus::Finished) => (S::Finished, Some(G::Closed)),
        (S::Upcoming, EventStatus::InProgress)
        | (S::FrozenUpcoming, EventStatus::InProgress)
        | (S::FrozenInProgress, EventStatus::InProgress) => (S::InProgress, Some(G::InPlay)),
        (S::Upcoming, EventStatus::Frozen) => (S::FrozenUpcoming, Some(G::Frozen)),
        (S::InProgress, EventStatus::Frozen) => (S::FrozenInProgress, Some(G::Frozen)),
        (S::FrozenUpcoming, EventStatus::Upcoming) => (S::Upcoming, Some(G::Upcoming)),
        _ => return Err(bad()),
    };
    if let Some(e) = state.events.get_mut(&id) {
        e.state = next;
    }
    state.touch(oid(1, 22, id));
    if let Some(g) = cascade {
        let groups: Vec<u64> = state
            .bmgs
            .iter()
            .filter(|(_, b)| b.event_id.0 == id)
            .map(|(i, _)| *i)
            .collect();
        for b in groups {
            let r = bmg_transition(state, now, b, g, false);
            if g == G::Canceled {
                r?;
            }
        }
    }
    Ok(())
}

/// Moves BMG `id` toward `to` (§4.5). `direct` is true for a BMG update (not a cascade).
pub fn bmg_transition(
    state: &mut State,
    now: TimePointSec,
    id: u64,
    to: G,
    direct: bool,
) -> Result<()> {
    use BmgState as S;
    let g = state.bmgs.get(&id).ok_or_else(|| Error::UnknownObject {
        id: format!("1.24.{id}"),
    })?;
    let from = g.state;
    let never_in_play = g.never_in_play;
    let bad = || no_transition(from.reported().as_str(), to.as_str());
    let next = match (from, to) {
        (S::Canceled | S::Settled, G::Canceled) => return Ok(()),
        (S::Canceled | S::Settled, _) => return Err(bad()),
        (_, G::Canceled) => S::Canceled,
        (S::Upcoming, G::Frozen) => S::FrozenUpcoming,
        (S::Upcoming, G::InPlay) if !never_in_play => S::InPlay,
        (S::FrozenUpcoming, G::InPlay) => {
            if never_in_play {
                S::Upcoming
            } else {
                S::InPlay
            }
        }
        (S::FrozenUpcoming, G::Upcoming) => S::Upcoming,
        (S::InPlay, G::Frozen) => S::FrozenInPlay,
        (S::FrozenInPlay, G::InPlay) => S::InPlay,
        (S::Upcoming | S::FrozenUpcoming | S::InPlay | S::FrozenInPlay, G::Closed) => S::Closed,
        _ => return Err(bad()),
    };
    if let Some(g) = state.bmgs.get_mut(&id) {
        g.state = next;
    }
    state.touch(oid(1, 24, id));
    let markets: Vec<u64> = state
        .bms
        .iter()
        .filter(|(_, m)| m.group_id.0 == id)
        .map(|(i, _)| *i)
        .collect();
    let set_bms = |state: &mut State, f: &dyn Fn(BmState) -> BmState| {
        for m in &markets {
            if let Some(bm) = state.bms.get_mut(m) {
                bm.state = f(bm.state);
            }
            state.touch(oid(1, 25, *m));
        }
    };
    match next {
        S::FrozenUpcoming | S::FrozenInPlay => set_bms(state, &|s| {
            if s == BmState::Unresolved {
                BmState::Frozen
            } else {
                s
            }
        }),
        S::Upcoming | S::InPlay => {
            set_bms(state, &|s| {
                if s == BmState::Frozen {
                    BmState::Unresolved
                } else {
                    s
                }
            });
            if next == S::InPlay && from == S::Upcoming {
                super::bet::cancel_unmatched(state, id)?;
            }
        }
        S::Closed => {
            super::bet::cancel_unmatched(state, id)?;
            set_bms(state, &|_| BmState::Closed);
            if direct {
                let event = state.bmgs.get(&id).map(|g| g.event_id.0);
                if let Some(e) = event {
                    let all_closed = state.bmgs.values().filter(|g| g.event_id.0 == e).all(|g| {
                        matches!(g.state, S::Closed | S::Graded | S::Settled | S::Canceled)
                    });
                    let ev_state = state.events.get(&e).map(|x| x.state);
                    if all_closed
                        && !matches!(
                            ev_state,
                            Some(EventState::Finished | EventState::Canceled | EventState::Settled)
                                | None
                        )
                    {
                        if let Some(ev) = state.events.get_mut(&e) {
                            ev.state = EventState::Finished;
                        }
                        state.touch(oid(1, 22, e));
                    }
                }
            }
        }
        S::Canceled => {
            set_bms(state, &|_| BmState::Canceled);
            if let Some(g) = state.bmgs.get_mut(&id) {
                g.settling_time = Some(now);
            }
        }
        _ => {}
    }
    Ok(())
}

pub fn rules_create(
    state: &mut State,
    ctx: &Ctx,
    op: &BettingMarketRulesCreate,
) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let i = state.new_instance(1, 23);
    state.rules.insert(
        i,
        Rules {
            name: op.name.clone(),
            description: op.description.clone(),
        },
    );
    Ok(oid(1, 23, i))
}

pub fn rules_update(state: &mut State, ctx: &Ctx, op: &BettingMarketRulesUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let r = state
        .rules
        .get_mut(&op.betting_market_rules_id.0)
        .ok_or_else(|| Error::UnknownObject {
            id: op.betting_market_rules_id.to_string(),
        })?;
    if let Some(n) = &op.new_name {
        r.name = n.clone();
    }
    if let Some(d) = &op.new_description {
        r.description = d.clone();
    }
    state.touch(oid(1, 23, op.betting_market_rules_id.0));
    Ok(())
}

pub fn bmg_create(state: &mut State, ctx: &Ctx, op: &BettingMarketGroupCreate) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let event: EventId = typed(ctx, op.event_id, "event_id")?;
    exists(&state.events, event, event.0)?;
    let rules: BettingMarketRulesId = typed(ctx, op.rules_id, "rules_id")?;
    exists(&state.rules, rules, rules.0)?;
    if !state.assets.contains_key(&op.asset_id.0) {
        return Err(Error::UnknownObject {
            id: op.asset_id.to_string(),
        });
    }
    let ev_state = state.events.get(&event.0).map(|e| e.state);
    let initial = match ev_state {
        Some(EventState::InProgress) if !op.never_in_play => BmgState::InPlay,
        Some(EventState::FrozenUpcoming | EventState::FrozenInProgress) => BmgState::FrozenUpcoming,
        _ => BmgState::Upcoming,
    };
    let i = state.new_instance(1, 24);
    state.bmgs.insert(
        i,
        Bmg {
            description: op.description.clone(),
            event_id: event,
            rules_id: rules,
            asset_id: op.asset_id,
            total_matched_bets_amount: 0,
            never_in_play: op.never_in_play,
            delay_before_settling: op.delay_before_settling,
            settling_time: None,
            state: initial,
        },
    );
    Ok(oid(1, 24, i))
}

pub fn bmg_update(state: &mut State, ctx: &Ctx, op: &BettingMarketGroupUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let id = op.betting_market_group_id.0;
    exists(&state.bmgs, op.betting_market_group_id, id)?;
    let new_rules: Option<BettingMarketRulesId> =
        new_parent(ctx, &state.rules, op.new_rules_id, "new_rules_id")?;
    if let Some(g) = state.bmgs.get_mut(&id) {
        if let Some(d) = &op.new_description {
            g.description = d.clone();
        }
        if let Some(r) = new_rules {
            g.rules_id = r;
        }
    }
    state.touch(oid(1, 24, id));
    if let Some(s) = op.status {
        let current = state.bmgs.get(&id).map(|g| g.state.reported());
        if matches!(s, G::Graded | G::Settled | G::ReGrading) {
            return Err(Error::assert(
                "*op.status != betting_market_group_status::graded && ...",
                format!("Cannot set a betting market group's status to {s} directly"),
            ));
        }
        if current == Some(s) {
            return Err(Error::assert(
                "*op.status != _betting_market_group->get_status()",
                format!("The betting market group is already {s}"),
            ));
        }
        bmg_transition(state, ctx.now, id, s, true)?;
    }
    Ok(())
}

pub fn bm_create(state: &mut State, ctx: &Ctx, op: &BettingMarketCreate) -> Result<ObjectId> {
    ctx.require_proposed()?;
    let g: BettingMarketGroupId = typed(ctx, op.group_id, "group_id")?;
    exists(&state.bmgs, g, g.0)?;
    let i = state.new_instance(1, 25);
    state.bms.insert(
        i,
        Bm {
            group_id: g,
            description: op.description.clone(),
            payout_condition: op.payout_condition.clone(),
            resolution: None,
            state: BmState::Unresolved,
        },
    );
    Ok(oid(1, 25, i))
}

pub fn bm_update(state: &mut State, ctx: &Ctx, op: &BettingMarketUpdate) -> Result<()> {
    ctx.require_proposed()?;
    let id = op.betting_market_id.0;
    exists(&state.bms, op.betting_market_id, id)?;
    let new_group: Option<BettingMarketGroupId> =
        new_parent(ctx, &state.bmgs, op.new_group_id, "new_group_id")?;
    if let Some(m) = state.bms.get_mut(&id) {
        if let Some(g) = new_group {
            m.group_id = g;
        }
        if let Some(d) = &op.new_description {
            m.description = d.clone();
        }
        if let Some(p) = &op.new_payout_condition {
            m.payout_condition = p.clone();
        }
    }
    state.touch(oid(1, 25, id));
    Ok(())
}

pub fn bmg_resolve(state: &mut State, ctx: &Ctx, op: &BettingMarketGroupResolve) -> Result<()> {
    let id = op.betting_market_group_id.0;
    exists(&state.bmgs, op.betting_market_group_id, id)?;
    let markets: Vec<u64> = state
        .bms
        .iter()
        .filter(|(_, m)| m.group_id.0 == id)
        .map(|(i, _)| *i)
        .collect();
    let given: Vec<u64> = op.resolutions.iter().map(|(m, _)| m.0).collect();
    if given.len() != markets.len() || !markets.iter().all(|m| given.contains(m)) {
        return Err(Error::assert(
            "resolutions.size() == betting_markets_in_group.size()",
            "You must publish resolutions for all betting markets",
        ));
    }
    let all_cancel = op
        .resolutions
        .iter()
        .all(|(_, r)| *r == BettingMarketResolution::Cancel);
    let wins = op
        .resolutions
        .iter()
        .filter(|(_, r)| *r == BettingMarketResolution::Win)
        .count();
    let not_wins = op
        .resolutions
        .iter()
        .filter(|(_, r)| *r == BettingMarketResolution::NotWin)
        .count();
    if !(all_cancel || (wins == 1 && wins + not_wins == markets.len())) {
        return Err(Error::assert(
            "number_of_wins == 1 && number_of_wins + number_of_not_wins == resolutions.size()",
            "Must resolve with exactly one win and the rest not_win, or cancel all",
        ));
    }
    if all_cancel {
        return bmg_transition(state, ctx.now, id, G::Canceled, true);
    }
    let from = state.bmgs.get(&id).map(|g| g.state);
    if from != Some(BmgState::Closed) {
        let from = from.map_or("unknown", |s| s.reported().as_str());
        return Err(no_transition(from, "graded"));
    }
    for (m, r) in op.resolutions.iter() {
        if let Some(bm) = state.bms.get_mut(&m.0) {
            bm.resolution = Some(*r);
            bm.state = BmState::Graded;
        }
        state.touch(oid(1, 25, m.0));
    }
    if let Some(g) = state.bmgs.get_mut(&id) {
        g.state = BmgState::Graded;
        g.settling_time = Some(TimePointSec(
            ctx.now.0.saturating_add(g.delay_before_settling),
        ));
    }
    state.touch(oid(1, 24, id));
    Ok(())
}

/// The per-block settlement pass (§4.6): pays out graded and canceled groups whose
/// settling time has come, removes them with their markets, and removes events
/// that reach `settled` or `canceled`.
pub fn settle(state: &mut State, now: TimePointSec) {
    let due: Vec<u64> = state
        .bmgs
        .iter()
        .filter(|(_, g)| {
            matches!(g.state, BmgState::Graded | BmgState::Canceled)
                && g.settling_time.is_some_and(|t| t <= now)
        })
        .map(|(i, _)| *i)
        .collect();
    let mut settled_events: Vec<(u64, bool)> = Vec::new();
    for g in due {
        let _ = super::bet::cancel_unmatched(state, g);
        let canceled = state.bmgs.get(&g).map(|x| x.state) == Some(BmgState::Canceled);
        super::bet::pay_out(state, g, canceled);
        let event = state.bmgs.get(&g).map(|x| x.event_id.0);
        let markets: Vec<u64> = state
            .bms
            .iter()
            .filter(|(_, m)| m.group_id.0 == g)
            .map(|(i, _)| *i)
            .collect();
        for m in markets {
            state.bms.remove(&m);
            state.mark_removed(oid(1, 25, m));
        }
        state.bmgs.remove(&g);
        state.mark_removed(oid(1, 24, g));
        if let Some(e) = event {
            settled_events.push((e, !canceled));
        }
    }
    // Events: finished ones whose groups are all gone become settled (one settled
    // group) or canceled; canceled and settled events are removed.
    let events: Vec<u64> = state.events.keys().copied().collect();
    for e in events {
        let any_group = state.bmgs.values().any(|g| g.event_id.0 == e);
        if any_group {
            continue;
        }
        let st = state.events.get(&e).map(|x| x.state);
        let any_settled = settled_events.iter().any(|(x, s)| *x == e && *s);
        let done = match st {
            Some(EventState::Finished) if settled_events.iter().any(|(x, _)| *x == e) => true,
            Some(EventState::Canceled | EventState::Settled) => true,
            _ => false,
        };
        if done {
            if let Some(ev) = state.events.get_mut(&e) {
                if ev.state == EventState::Finished {
                    ev.state = if any_settled {
                        EventState::Settled
                    } else {
                        EventState::Canceled
                    };
                }
            }
            state.events.remove(&e);
            state.mark_removed(oid(1, 22, e));
        }
    }
}
