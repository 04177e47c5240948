//! `bos track` (record witness health and market odds), `bos track prune`,
//! `bos history SERIES` (print a series) and `bos chart SERIES...` (draw them).
//! The series store is the SQLite file of `--db` (see `src/track`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::node::runtime;
use super::{config, output, CliError, Settings};
use crate::rpc::{Client, Options};
use crate::track::chart::{self, Line};
use crate::track::sample::{self, Targets};
use crate::track::time::{self as ttime, Millis};
use crate::track::{Query, Store, TrackError, TrackEvent, Tracker};

/// A round at least this often without block notices (a stalled chain still shows in the node lag).
const HEARTBEAT: Duration = Duration::from_secs(30);

fn duration_arg(s: &str) -> Result<Millis, String> {
    ttime::parse_duration(s).map_err(|e| e.to_string())
}

/// Bad times, durations and series names are usage errors.
fn usage(e: TrackError) -> CliError {
    match e {
        TrackError::BadTime { .. }
        | TrackError::BadDuration { .. }
        | TrackError::BadSeries { .. }
        | TrackError::EmptyRange { .. } => CliError::Usage(e.to_string()),
        e => e.into(),
    }
}

fn now_ms(g: &Settings) -> Millis {
    g.clock.now().timestamp_millis()
}

fn open_store(g: &Settings) -> Result<Store, CliError> {
    Ok(Store::open(&g.db_path()?)?)
}

/// The store of a command that only reads (or prunes) it: it must exist.
fn open_existing_store(g: &Settings) -> Result<Store, CliError> {
    Ok(Store::open(&g.existing_db_path()?)?)
}

/// The retention limit: `--keep`, else the config file's `track_keep:`.
fn keep(flag: Option<Millis>) -> Result<Option<Millis>, CliError> {
    if flag.is_some() {
        return Ok(flag);
    }
    let Some(path) = config::config_path() else {
        return Ok(None);
    };
    match config::load_config(&path)?.track_keep {
        Some(text) => ttime::parse_duration(&text)
            .map(Some)
            .map_err(|e| CliError::Failed(format!("{}: track_keep: {e}", path.display()))),
        None => Ok(None),
    }
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TrackArgs {
    #[command(subcommand)]
    pub command: Option<TrackCommand>,
    #[command(flatten)]
    pub run: TrackRunArgs,
}

#[derive(Subcommand, Debug)]
pub enum TrackCommand {
    /// Delete samples older than the retention limit, in small batches (writers go on)
    Prune(PruneArgs),
}

#[derive(Args, Debug)]
pub struct TrackRunArgs {
    /// A witness to record (account name, 1.2.x or 1.6.x); repeat for more
    #[arg(long = "witness", value_name = "NAME")]
    pub witnesses: Vec<String>,
    /// A betting market (1.25.x) whose best back/lay offers to record; repeat for more
    #[arg(long = "market", value_name = "BM_ID", conflicts_with = "events")]
    pub markets: Vec<String>,
    /// An event (1.22.x) whose betting markets to record; repeat for more
    #[arg(long = "event", value_name = "EVENT_ID")]
    pub events: Vec<String>,
    /// Sample every SECS seconds instead of on every block
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub interval: Option<u64>,
    /// Take one round of samples, store it, print it and exit (cron)
    #[arg(long)]
    pub once: bool,
    /// Prune samples older than this (30d, 12h, ...) at start and every 10 minutes
    /// [default: the config file's track_keep, else keep everything]
    #[arg(long, value_name = "DURATION", value_parser = duration_arg)]
    pub keep: Option<Millis>,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Delete samples older than this (30d, 12h, ...) [default: the config file's track_keep]
    #[arg(long, value_name = "DURATION", value_parser = duration_arg)]
    pub keep: Option<Millis>,
}

impl TrackArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self.command {
            Some(TrackCommand::Prune(p)) => p.run(g),
            None => self.run.run(g),
        }
    }
}

impl PruneArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let keep = keep(self.keep)?.ok_or_else(|| {
            CliError::Usage(
                "no retention limit: pass --keep 30d or put `track_keep: 30d` in the config file"
                    .into(),
            )
        })?;
        let store = open_existing_store(g)?;
        let before = now_ms(g) - keep;
        let deleted = store.prune(before, crate::track::store::PRUNE_BATCH)?;
        if g.json {
            output::json(
                &json!({"before": ttime::format(before), "deleted": deleted}),
                true,
            );
        } else {
            output::line(&format!(
                "deleted {deleted} samples older than {}",
                ttime::format(before)
            ));
        }
        Ok(())
    }
}

impl TrackRunArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let keep = keep(self.keep)?;
        let store = open_store(g)?;
        runtime()?.block_on(async {
            let urls = g.nodes.clone();
            let options = Options {
                backoff_max: Duration::from_secs(2),
                ..super::node::client_options(g)?
            };
            let client = Client::new(urls.clone(), options.clone())?;
            let nodes = urls
                .iter()
                .map(|u| {
                    // Each node's own lag series: its failures are that series' gaps.
                    Client::new(
                        vec![u.clone()],
                        Options {
                            events: None,
                            ..options.clone()
                        },
                    )
                    .map(|c| (u.clone(), c))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let targets = Targets {
                witnesses: sample::resolve_witnesses(&client, &self.witnesses)
                    .await
                    .map_err(usage_or)?,
                markets: sample::resolve_markets(&client, &self.markets, &self.events)
                    .await
                    .map_err(usage_or)?,
            };
            let mut tracker = Tracker {
                client,
                nodes,
                targets,
                store,
                keep,
                interval: self.interval.map(Duration::from_secs),
                heartbeat: HEARTBEAT,
            };
            if self.once {
                return once(g, &mut tracker).await;
            }
            let stop = super::signal::stop_signal();
            let mut sink = |e: TrackEvent| {
                output::line(&e.json(chrono::Utc::now().timestamp_millis()).to_string())
            };
            tokio::select! {
                r = tracker.run(&mut sink) => r.map_err(CliError::from),
                _ = stop => Ok(()),
            }
        })
    }
}

/// A market or event id that is not one is a usage error; the rest stays.
fn usage_or(e: TrackError) -> CliError {
    match e {
        TrackError::BadAnswer { what, value } if what.starts_with("--") => {
            CliError::Usage(format!("{what}: {value}"))
        }
        e => e.into(),
    }
}

async fn once(g: &Settings, tracker: &mut Tracker) -> Result<(), CliError> {
    tracker.prune(chrono::Utc::now().timestamp_millis())?;
    let round = tracker.round().await?;
    for (url, e) in &round.node_errors {
        output::warn(&format!("{url}: head lag not sampled: {e}"));
    }
    if g.json {
        let samples: Vec<Value> = round
            .samples
            .iter()
            .map(|s| json!({"series": s.series, "time": ttime::format(s.ts), "value": s.value}))
            .collect();
        output::json(
            &json!({"head_block_number": round.head.number, "head_time": ttime::format(round.head.time),
                    "samples": samples}),
            true,
        );
    } else {
        output::table(
            &["series", "time", "value"],
            round
                .samples
                .iter()
                .map(|s| vec![s.series.clone(), ttime::format(s.ts), fmt_value(s.value)])
                .collect(),
        );
    }
    Ok(())
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The series (e.g. witness.init0.total_missed); without it, the stored series are listed
    pub series: Option<String>,
    /// Oldest sample: RFC 3339, or a duration back from now (7d) [default: the first]
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Newest sample: RFC 3339, now, or a duration back from now [default: the last]
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Downsample: one row per bucket of this width (1h, 15m, ...) with min, max, last, count
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
    /// Print CSV instead of a table
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

impl HistoryArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let Some(series) = &self.series else {
            return list_series(g, self.csv);
        };
        let q = Query::parse(
            series,
            self.since.as_deref(),
            self.until.as_deref(),
            self.every.as_deref(),
            now_ms(g),
        )
        .map_err(usage)?;
        let store = open_existing_store(g)?;
        let points = q.run(&store)?;
        if g.json {
            output::json(&q.json(&points), true);
            return Ok(());
        }
        let down = q.every.is_some();
        let header: &[&str] = if down {
            &["time", "min", "max", "last", "count"]
        } else {
            &["time", "value"]
        };
        let rows: Vec<Vec<String>> = points
            .iter()
            .map(|p| {
                if down {
                    vec![
                        ttime::format(p.ts),
                        fmt_value(p.min),
                        fmt_value(p.max),
                        fmt_value(p.last),
                        p.count.to_string(),
                    ]
                } else {
                    vec![ttime::format(p.ts), fmt_value(p.last)]
                }
            })
            .collect();
        if self.csv {
            output::line(&header.join(","));
            for r in rows {
                output::line(&r.join(","));
            }
        } else {
            output::table(header, rows);
        }
        Ok(())
    }
}

fn list_series(g: &Settings, csv: bool) -> Result<(), CliError> {
    let store = open_existing_store(g)?;
    let list = store.series()?;
    if g.json {
        let v: Vec<Value> = list
            .iter()
            .map(|s| json!({"series": s.name, "samples": s.count, "first": ttime::format(s.first), "last": ttime::format(s.last)}))
            .collect();
        output::json(&Value::Array(v), true);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.count.to_string(),
                ttime::format(s.first),
                ttime::format(s.last),
            ]
        })
        .collect();
    let header = ["series", "samples", "first", "last"];
    if csv {
        output::line(&header.join(","));
        for r in rows {
            output::line(&r.join(","));
        }
    } else {
        output::table(&header, rows);
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct ChartArgs {
    /// The series to draw on one time axis (e.g. bm.1.25.0.back_odds bm.1.25.0.lay_odds)
    #[arg(required = true, value_name = "SERIES")]
    pub series: Vec<String>,
    /// Oldest sample: RFC 3339, or a duration back from now (7d) [default: the first]
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Newest sample: RFC 3339, now, or a duration back from now [default: the last]
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Draw the last value of each bucket of this width (1h, ...) instead of every sample
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,
    /// Write the chart to FILE.svg or FILE.png; without it, print a sparkline per series
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The chart's title [default: none]
    #[arg(long)]
    pub title: Option<String>,
    /// Width in pixels
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub width: u32,
    /// Height in pixels
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(150..=8000))]
    pub height: u32,
}

impl ChartArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        if let Some(out) = &self.out {
            chart::Format::from_path(out).map_err(|e| CliError::Usage(e.to_string()))?;
        }
        let now = now_ms(g);
        let queries = self
            .series
            .iter()
            .map(|s| {
                Query::parse(
                    s,
                    self.since.as_deref(),
                    self.until.as_deref(),
                    self.every.as_deref(),
                    now,
                )
                .map_err(usage)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let store = open_existing_store(g)?;
        let mut lines = Vec::new();
        for q in &queries {
            let points = q.run(&store)?;
            lines.push(Line {
                name: q.series.clone(),
                points: points.iter().map(|p| (p.ts, p.last)).collect(),
            });
        }
        let Some(out) = &self.out else {
            return sparklines(g, &lines);
        };
        chart::write(
            out,
            &lines,
            &chart::Options {
                width: self.width,
                height: self.height,
                title: self.title.clone(),
            },
        )?;
        let n: usize = lines.iter().map(|l| l.points.len()).sum();
        if g.json {
            output::json(
                &json!({"out": out.display().to_string(), "series": self.series, "samples": n}),
                true,
            );
        } else {
            output::line(&format!(
                "{}: {} series, {n} samples",
                out.display(),
                lines.len()
            ));
        }
        Ok(())
    }
}

fn sparklines(g: &Settings, lines: &[Line]) -> Result<(), CliError> {
    let width = if std::io::stdout().is_terminal() {
        50
    } else {
        40
    };
    let mut rows = Vec::new();
    let mut js = Vec::new();
    for l in lines {
        let values: Vec<f64> = l.points.iter().map(|p| p.1).collect();
        let (lo, hi) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let last = values.last().copied();
        let spark = chart::sparkline(&values, width);
        if g.json {
            js.push(
                json!({"series": l.name, "samples": values.len(), "min": last.map(|_| lo),
                           "max": last.map(|_| hi), "last": last, "sparkline": spark}),
            );
        } else {
            rows.push(vec![
                l.name.clone(),
                values.len().to_string(),
                last.map(|_| fmt_value(lo)).unwrap_or_default(),
                last.map(|_| fmt_value(hi)).unwrap_or_default(),
                last.map(fmt_value).unwrap_or_default(),
                spark,
            ]);
        }
    }
    if g.json {
        output::json(&Value::Array(js), true);
    } else {
        output::table(&["series", "samples", "min", "max", "last", ""], rows);
    }
    Ok(())
}
