//! Reading series back: the query of `bos history`, `bos chart` and
//! `GET /history/<series>`, with times and bucket widths as the user writes them.

use std::path::Path;

use serde_json::{json, Value};

use super::error::{Result, TrackError};
use super::store::{check_series, Point, Store};
use super::time::{self, Millis};

/// A parsed history query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub series: String,
    /// Oldest sample included; `None`: from the first.
    pub since: Option<Millis>,
    /// Newest sample included; `None`: up to the last.
    pub until: Option<Millis>,
    /// Bucket width for downsampling (min/max/last per bucket).
    pub every: Option<Millis>,
}

impl Query {
    /// Parses the query's text parts (`since`/`until`: RFC 3339, `now`, or a
    /// duration back from `now` such as `7d`; `every`: a duration such as `1h`).
    pub fn parse(
        series: &str,
        since: Option<&str>,
        until: Option<&str>,
        every: Option<&str>,
        now: Millis,
    ) -> Result<Query> {
        check_series(series)?;
        let since = since
            .filter(|s| !s.is_empty())
            .map(|s| time::parse_time(s, now))
            .transpose()?;
        let until = until
            .filter(|s| !s.is_empty())
            .map(|s| time::parse_time(s, now))
            .transpose()?;
        let every = every
            .filter(|s| !s.is_empty())
            .map(time::parse_duration)
            .transpose()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(TrackError::EmptyRange {
                    since: time::format(s),
                    until: time::format(u),
                });
            }
        }
        Ok(Query {
            series: series.to_string(),
            since,
            until,
            every,
        })
    }

    /// The points of the query; an unknown series is an error.
    pub fn run(&self, store: &Store) -> Result<Vec<Point>> {
        if store.latest(&self.series)?.is_none() {
            return Err(TrackError::UnknownSeries {
                name: self.series.clone(),
            });
        }
        store.query(
            &self.series,
            self.since.unwrap_or(i64::MIN),
            self.until.unwrap_or(i64::MAX),
            self.every,
        )
    }

    /// The query and its points as JSON: `{series, since, until, every, points:
    /// [{time, ts, value}]}`; downsampled points also have `min`, `max`, `count`
    /// and `last_time` (`value` is the bucket's last value, `time` its start).
    pub fn json(&self, points: &[Point]) -> Value {
        let pts: Vec<Value> = points
            .iter()
            .map(|p| {
                if self.every.is_some() {
                    json!({"time": time::format(p.ts), "ts": p.ts, "value": p.last, "min": p.min,
                           "max": p.max, "count": p.count, "last_time": time::format(p.last_ts)})
                } else {
                    json!({"time": time::format(p.ts), "ts": p.ts, "value": p.last})
                }
            })
            .collect();
        json!({
            "series": self.series,
            "since": self.since.map(time::format),
            "until": self.until.map(time::format),
            "every": self.every.map(time::format_duration),
            "points": pts,
        })
    }
}

/// `GET /history/<series>?since=&until=&every=`: opens the store at `db`, runs
/// the query (times relative to the system clock) and returns [`Query::json`].
/// Bad parameters are [`TrackError::BadSeries`], `BadTime`, `BadDuration` or
/// `EmptyRange`; a series never recorded is [`TrackError::UnknownSeries`].
pub fn history_json(
    db: &Path,
    series: &str,
    since: Option<&str>,
    until: Option<&str>,
    every: Option<&str>,
) -> Result<Value> {
    history_json_in(&Store::open(db)?, series, since, until, every)
}

/// [`history_json`] on a store already open (a server can keep one). Use
/// [`TrackError::http_status`] for the answer's status.
pub fn history_json_in(
    store: &Store,
    series: &str,
    since: Option<&str>,
    until: Option<&str>,
    every: Option<&str>,
) -> Result<Value> {
    let now = chrono::Utc::now().timestamp_millis();
    let q = Query::parse(series, since, until, every, now)?;
    let points = q.run(store)?;
    Ok(q.json(&points))
}
