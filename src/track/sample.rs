//! Sampling the chain: witness health from the dynamic global properties and
//! the witness objects (one `get_objects` round trip), each configured node's
//! head-block lag, and per betting market the best back and lay offers of the
//! bookie api's `get_binned_order_book` and the matched total of its group.
//!
//! Chain series are stamped with the head block's time (the time the values
//! were true on chain); `node.*.head_lag` with the wall clock at sampling.

use serde_json::{json, Value};

use super::error::{Result, TrackError};
use super::series;
use super::store::Sample;
use super::time::Millis;
use crate::protocol::TimePointSec;
use crate::rpc::{Api, Client};

/// A witness to sample: its object id and its account name (the series name part).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    pub id: String,
    pub name: String,
}

/// A betting market to sample, with its group (for the matched total).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Market {
    pub id: String,
    pub group: String,
}

/// What `bos track` samples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Targets {
    pub witnesses: Vec<Witness>,
    pub markets: Vec<Market>,
}

/// Odds precision asked of `get_binned_order_book`: bins of 0.01.
pub const ORDER_BOOK_PRECISION: i64 = 2;
/// The chain's odds unit: `backer_multiplier` 25000 is odds 2.5.
pub const ODDS_PRECISION: f64 = 10_000.0;

fn bad(what: &str, v: &Value) -> TrackError {
    TrackError::BadAnswer {
        what: what.to_string(),
        value: {
            let mut s = v.to_string();
            s.truncate(200);
            s
        },
    }
}

fn text<'a>(v: &'a Value, key: &str, what: &str) -> Result<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(what, v))
}

fn number(v: &Value, key: &str, what: &str) -> Result<i64> {
    v.get(key)
        .and_then(|x| {
            x.as_i64()
                .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
        })
        .ok_or_else(|| bad(what, v))
}

fn is_id(text: &str, space: u64, kind: u64) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts[0] == space.to_string()
        && parts[1] == kind.to_string()
        && !parts[2].is_empty()
        && parts[2].bytes().all(|b| b.is_ascii_digit())
}

/// Finds witnesses by account name, account id (1.2.x) or witness id (1.6.x).
pub async fn resolve_witnesses(c: &Client, names: &[String]) -> Result<Vec<Witness>> {
    let mut out = Vec::new();
    for name in names {
        let not_found = || TrackError::NotFound {
            what: "witness",
            name: name.clone(),
        };
        let w = if is_id(name, 1, 6) {
            c.db("get_witnesses", json!([[name]]))
                .await?
                .get(0)
                .cloned()
                .unwrap_or(Value::Null)
        } else {
            match c.db("get_witness_by_account", json!([name])).await {
                Ok(v) => v,
                Err(crate::rpc::Error::Remote { .. }) => Value::Null,
                Err(e) => return Err(e.into()),
            }
        };
        if w.is_null() {
            return Err(not_found());
        }
        let id = text(&w, "id", "witness")?.to_string();
        let account = text(&w, "witness_account", "witness")?;
        let acct = c.db("get_objects", json!([[account]])).await?;
        let account_name = acct
            .get(0)
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .ok_or_else(|| bad("witness account", &acct))?
            .to_string();
        out.push(Witness {
            id,
            name: account_name,
        });
    }
    Ok(out)
}

/// Finds betting markets (1.25.x) and the markets of events (1.22.x: every
/// market of every group of the event), with their groups.
pub async fn resolve_markets(
    c: &Client,
    markets: &[String],
    events: &[String],
) -> Result<Vec<Market>> {
    let mut out: Vec<Market> = Vec::new();
    for m in markets {
        let not_found = || TrackError::NotFound {
            what: "betting market",
            name: m.clone(),
        };
        if !is_id(m, 1, 25) {
            return Err(TrackError::BadAnswer {
                what: format!("--market {m}"),
                value: "not a betting market id like 1.25.0".into(),
            });
        }
        let v = c.db("get_objects", json!([[m]])).await?;
        let bm = v.get(0).filter(|b| !b.is_null()).ok_or_else(not_found)?;
        out.push(Market {
            id: m.clone(),
            group: text(bm, "group_id", "betting market")?.to_string(),
        });
    }
    for e in events {
        if !is_id(e, 1, 22) {
            return Err(TrackError::BadAnswer {
                what: format!("--event {e}"),
                value: "not an event id like 1.22.0".into(),
            });
        }
        let v = c.db("get_objects", json!([[e]])).await?;
        if v.get(0).is_none_or(Value::is_null) {
            return Err(TrackError::NotFound {
                what: "event",
                name: e.clone(),
            });
        }
        let groups = c.db("list_betting_market_groups", json!([e])).await?;
        for g in groups
            .as_array()
            .ok_or_else(|| bad("list_betting_market_groups", &groups))?
        {
            let gid = text(g, "id", "betting market group")?;
            let bms = c.db("list_betting_markets", json!([gid])).await?;
            for bm in bms
                .as_array()
                .ok_or_else(|| bad("list_betting_markets", &bms))?
            {
                out.push(Market {
                    id: text(bm, "id", "betting market")?.to_string(),
                    group: gid.to_string(),
                });
            }
        }
    }
    out.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}

/// The head block a round of samples was taken at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub number: u32,
    /// Head block time, milliseconds.
    pub time: Millis,
}

/// Participation in percent from `recent_slots_filled` (a 128-bit bitmap as a decimal string).
pub fn participation(recent_slots_filled: &Value) -> Option<f64> {
    let bits: u128 = match recent_slots_filled {
        Value::String(s) => s.parse().ok()?,
        Value::Number(n) => n.as_u64()? as u128,
        _ => return None,
    };
    Some(bits.count_ones() as f64 * 100.0 / 128.0)
}

/// The chain-wide and per-witness health samples, in one round trip.
pub async fn witness_health(c: &Client, witnesses: &[Witness]) -> Result<(Head, Vec<Sample>)> {
    let mut ids = vec![Value::from("2.1.0")];
    ids.extend(witnesses.iter().map(|w| Value::from(w.id.clone())));
    let v = c.db("get_objects", json!([ids])).await?;
    let dgp = v.get(0).ok_or_else(|| bad("get_objects", &v))?;
    let time = TimePointSec::parse(text(dgp, "time", "dynamic global properties")?)
        .map_err(|_| bad("dynamic global properties", dgp))?;
    let head = Head {
        number: number(dgp, "head_block_number", "dynamic global properties")? as u32,
        time: time.0 as i64 * 1000,
    };
    let t = head.time;
    let mut out = vec![
        Sample::new(series::chain("head_block"), t, head.number as f64),
        Sample::new(
            series::chain("recently_missed_count"),
            t,
            number(dgp, "recently_missed_count", "dynamic global properties")? as f64,
        ),
    ];
    if let Some(p) = dgp.get("recent_slots_filled").and_then(participation) {
        out.push(Sample::new(series::chain("participation"), t, p));
    }
    for (i, w) in witnesses.iter().enumerate() {
        let o = v
            .get(i + 1)
            .filter(|o| !o.is_null())
            .ok_or_else(|| TrackError::NotFound {
                what: "witness",
                name: w.id.clone(),
            })?;
        out.push(Sample::new(
            series::witness(&w.name, "total_missed"),
            t,
            number(o, "total_missed", "witness")? as f64,
        ));
        out.push(Sample::new(
            series::witness(&w.name, "last_confirmed_block"),
            t,
            number(o, "last_confirmed_block_num", "witness")? as f64,
        ));
    }
    Ok((head, out))
}

/// One node's head-block lag (seconds behind the wall clock `now`, never below 0).
pub async fn node_lag(c: &Client, url: &str, now: Millis) -> Result<Sample> {
    let dgp = c.db("get_dynamic_global_properties", json!([])).await?;
    let time = TimePointSec::parse(text(&dgp, "time", "dynamic global properties")?)
        .map_err(|_| bad("dynamic global properties", &dgp))?;
    let lag = ((now - time.0 as i64 * 1000).max(0)) as f64 / 1000.0;
    Ok(Sample::new(series::node(url, "head_lag"), now, lag))
}

/// The best offer of one side of a binned order book: `(odds, amount)`.
/// Back bets are matched lowest odds first, lay bets highest first (a back bet
/// matches a lay bet whose odds are at least its own).
pub fn best(book: &Value, side: &str) -> Option<(f64, f64)> {
    let bins = book.get(side)?.as_array()?;
    let levels = bins.iter().filter_map(|b| {
        let m = b.get("backer_multiplier")?;
        let m = m.as_f64().or_else(|| m.as_str()?.parse().ok())?;
        let a = b.get("amount_to_bet")?;
        let a = a.as_f64().or_else(|| a.as_str()?.parse().ok())?;
        (a > 0.0).then_some((m / ODDS_PRECISION, a))
    });
    if side == "aggregated_back_bets" {
        levels.min_by(|x, y| x.0.total_cmp(&y.0))
    } else {
        levels.max_by(|x, y| x.0.total_cmp(&y.0))
    }
}

/// The order-book and matched-total samples of the markets, stamped `t`.
pub async fn markets(c: &Client, markets: &[Market], t: Millis) -> Result<Vec<Sample>> {
    let mut out = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    for m in markets {
        let book = c
            .call(
                Api::Bookie,
                "get_binned_order_book",
                json!([m.id, ORDER_BOOK_PRECISION]),
            )
            .await?;
        for (side, name) in [
            ("aggregated_back_bets", "back"),
            ("aggregated_lay_bets", "lay"),
        ] {
            if let Some((odds, amount)) = best(&book, side) {
                out.push(Sample::new(
                    series::market(&m.id, &format!("{name}_odds")),
                    t,
                    odds,
                ));
                out.push(Sample::new(
                    series::market(&m.id, &format!("{name}_amount")),
                    t,
                    amount,
                ));
            }
        }
        if !groups.contains(&m.group.as_str()) {
            groups.push(&m.group);
            let v = c
                .call(
                    Api::Bookie,
                    "get_total_matched_bet_amount_for_betting_market_group",
                    json!([m.group]),
                )
                .await?;
            let amount = v
                .get("amount")
                .and_then(|a| a.as_f64().or_else(|| a.as_str()?.parse().ok()))
                .or_else(|| v.as_f64())
                .ok_or_else(|| bad("get_total_matched_bet_amount_for_betting_market_group", &v))?;
            out.push(Sample::new(series::group(&m.group, "matched"), t, amount));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_offers() {
        let book = json!({
            "aggregated_back_bets": [{"amount_to_bet": 100, "backer_multiplier": 25000}, {"amount_to_bet": 50, "backer_multiplier": 30000}],
            "aggregated_lay_bets": [{"amount_to_bet": 70, "backer_multiplier": 18000}, {"amount_to_bet": "20", "backer_multiplier": 20000}],
        });
        assert_eq!(best(&book, "aggregated_back_bets"), Some((2.5, 100.0)));
        assert_eq!(best(&book, "aggregated_lay_bets"), Some((2.0, 20.0)));
        assert_eq!(
            best(&json!({"aggregated_back_bets": []}), "aggregated_back_bets"),
            None
        );
    }

    #[test]
    fn participation_bits() {
        assert_eq!(participation(&json!(u128::MAX.to_string())), Some(100.0));
        assert_eq!(participation(&json!("3")), Some(200.0 / 128.0));
        assert_eq!(participation(&json!(null)), None);
    }
}
