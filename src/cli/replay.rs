//! `bos incident replay`: incidents through intake and the triggers, one job each,
//! streamed: each incident's line is written as its job finishes, and memory does
//! not grow with the input (the order of the input; `--order time` sorts first).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget};
use serde_json::{json, Value};

use super::intake::check;
use super::node::{self as chain, engine_client as client, engine_err, engine_sender, node};
use super::stream::Incidents;
use super::{config, output, CliError, Settings};
use crate::chain::Chain;
use crate::engine::{JobReport, JobRunner, Parts};
use crate::incidents::store::Store;
use crate::incidents::{Incident, Intake, Normalizer};
use crate::protocol::operations::{Operation, OPERATION_NAMES};
use crate::protocol::JsonCx;

/// How long a dry run reuses a chain read (the node is asked again after this).
const SHARED_READS_FOR: Duration = Duration::from_secs(1);
/// How often a dry run commits the statuses it stores (one transaction meanwhile).
const COMMIT_EVERY: Duration = Duration::from_millis(250);

/// The order incidents are replayed in.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// As read: file after file, line after line
    #[default]
    File,
    /// By the incidents' own `timestamp` (ties keep the input order; holds the
    /// whole input in memory to sort it)
    Time,
}

#[derive(clap::Args, Debug)]
pub struct ReplayArgs {
    /// Files (.json, .jsonl), folders of .json files, or - for stdin
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Start an in-process devnet (one witness, init0, whose approval suffices) with
    /// the sports of --sports and replay against it
    #[arg(long)]
    pub devnet: bool,
    /// Build and print, never sign or broadcast (no wallet needed; -d and -x do the
    /// same); without --node it runs against an in-process devnet holding only the
    /// --sports objects. Chain reads are shared between jobs for up to a second
    #[arg(long)]
    pub dry_run: bool,
    /// Account that proposes [default: init0 on a devnet]
    #[arg(long, value_name = "A")]
    pub proposer: Option<String>,
    /// Account that approves [default: the proposer]
    #[arg(long, value_name = "A")]
    pub approver: Option<String>,
    /// An approval checker: a shell command, an http(s) URL, or a JSON object
    /// {name, command|url, timeout, on_error, own}; repeat for more (all must agree)
    #[arg(long = "checker", value_name = "SPEC")]
    pub checkers: Vec<String>,
    /// Replay in the order read, or by the incidents' own timestamps
    #[arg(long, value_enum, default_value_t = Order::File)]
    pub order: Order,
}

/// One incident's outcome, as printed.
struct Line {
    origin: String,
    unique_string: Option<String>,
    call: Option<&'static str>,
    status: String,
    reason: String,
    summary: String,
    operations: Vec<Value>,
    /// The event's id on chain, when the job saw it there.
    event: Option<String>,
}

impl Line {
    fn invalid(origin: String, reason: String) -> Line {
        Line {
            origin,
            unique_string: None,
            call: None,
            status: "invalid".into(),
            summary: reason.clone(),
            reason,
            operations: Vec::new(),
            event: None,
        }
    }

    fn of(origin: String, r: &JobReport, cx: &JsonCx) -> Line {
        let mut summary = summary(r);
        for n in r.notes.iter().filter(|n| n.starts_with("not approving")) {
            summary = if summary.is_empty() {
                n.clone()
            } else {
                format!("{summary}; {n}")
            };
        }
        Line {
            origin,
            unique_string: Some(r.unique_string.clone()),
            call: Some(r.call.as_str()),
            status: r.status.as_str().to_string(),
            reason: r.reason.clone(),
            summary,
            operations: r.operations_json(cx),
            event: r.event.clone(),
        }
    }

    fn json(&self) -> Value {
        json!({
            "origin": self.origin,
            "unique_string": self.unique_string,
            "call": self.call,
            "event_id": self.event,
            "status": self.status,
            "reason": self.reason,
            "operations": self.operations,
        })
    }

    fn text(&self) -> String {
        let what = self.unique_string.as_deref().unwrap_or(&self.origin);
        if self.summary.is_empty() {
            format!("{:<22}  {what}", self.status)
        } else {
            format!("{:<22}  {what}  {}", self.status, self.summary)
        }
    }
}

/// What a job did, in a few words.
fn summary(r: &JobReport) -> String {
    let mut parts = Vec::new();
    for o in &r.operations {
        match o {
            Operation::ProposalUpdate(u) => parts.push(format!("approve {}", u.proposal)),
            Operation::ProposalCreate(p) => {
                let names: Vec<String> = p.proposed_ops.iter().map(|w| op_name(&w.op)).collect();
                parts.push(format!("propose [{}]", names.join(", ")));
            }
            other => parts.push(op_name(other)),
        }
    }
    if parts.is_empty() && !r.reason.is_empty() {
        return r.reason.clone();
    }
    parts.join("; ")
}

fn op_name(op: &Operation) -> String {
    OPERATION_NAMES.get(op.id() as usize).map_or_else(
        || op.id().to_string(),
        |n| n.trim_end_matches('*').to_string(),
    )
}

/// Counts by status, in the order first seen.
#[derive(Default)]
struct Tally(Vec<(String, u64)>);

impl Tally {
    fn add(&mut self, status: &str) {
        match self.0.iter_mut().find(|(s, _)| s == status) {
            Some((_, n)) => *n += 1,
            None => self.0.push((status.to_string(), 1)),
        }
    }

    fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

/// Where the lines go: stdout (JSON lines or text), with the progress bar on
/// stderr kept below them.
struct Out {
    json: bool,
    bar: ProgressBar,
    tally: Tally,
    /// stdout was closed by its reader (`| head`): stop quietly.
    closed: bool,
}

impl Out {
    fn put(&mut self, line: Line) -> Result<(), CliError> {
        self.tally.add(&line.status);
        self.bar.inc(1);
        let text = if self.json {
            line.json().to_string()
        } else {
            line.text()
        };
        let r = self
            .bar
            .suspend(|| writeln!(std::io::stdout().lock(), "{text}"));
        match r {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(source) => Err(CliError::Io {
                path: PathBuf::from("<stdout>"),
                source,
            }),
        }
    }
}

fn progress(files: &[PathBuf]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match Incidents::estimate(files) {
        Some(n) => (
            ProgressBar::new(n),
            "{bar:40} {pos}/{len} incidents  {rate}  ETA {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} incidents  {rate}  {elapsed}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Some(s) = output::bar_style(template) {
        bar.set_style(s);
    }
    bar
}

impl ReplayArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let intake = Intake::new(Normalizer::new(g.load_sports(None)?));
        // --dry-run and -x build without keys; -d signs without broadcasting.
        let mode = g.mode(self.dry_run);
        let dry_run = !mode.broadcasts();
        let no_node = !g.node_given;
        let use_devnet = self.devnet || (dry_run && no_node);
        // `--now incident`: each job runs at its incident's timestamp.
        let at_incident = g.now == Some(config::NowArg::Incident);
        let clock = g.clock;
        // Against a devnet of its own, statuses are not kept: a scratch file, not
        // memory, so that a long replay does not grow.
        let mut store = match (g.db_given(), use_devnet) {
            (false, true) => Store::scratch()?,
            _ => Store::open(&g.db_path()?)?,
        };
        let mut out = Out {
            json: g.json,
            bar: progress(&self.files),
            tally: Tally::default(),
            closed: false,
        };
        let started = Instant::now();
        let rt = chain::runtime()?;
        rt.block_on(async {
            let n = node(g, use_devnet, crate::devnet::ClockMode::Automine).await?;
            let mut c = client(g, &n)?;
            c = if dry_run {
                // Nothing this run does changes the chain: jobs share its reads.
                c.sharing_reads(SHARED_READS_FOR)
            } else {
                // Jobs change events and proposals, not the sports, rules or accounts.
                c.sharing_reads_of(SHARED_READS_FOR, crate::sync::view::slow_changing)
            };
            let ch = Chain::new(c);
            let proposer = match (&self.proposer, &n.devnet) {
                (Some(p), _) => p.clone(),
                (None, Some(_)) => "init0".to_string(),
                (None, None) => {
                    return Err(CliError::Usage(
                        "give --proposer (the witness account)".into(),
                    ))
                }
            };
            let approver = self.approver.clone().unwrap_or_else(|| proposer.clone());
            let sender = engine_sender(g, &ch, &n, &[&proposer, &approver], mode).await?;
            let parts = Parts::new(g.load_sports(None)?, &proposer, &approver).with_settings(
                crate::triggers::Settings {
                    checkers: g.checkers(&self.checkers)?,
                    ..Default::default()
                },
            );
            let mut engine = JobRunner::new(sender, parts, true);
            if dry_run {
                engine = engine.sharing_views(SHARED_READS_FOR);
            }
            let prefix = ch.prefix().await?.to_string();
            let cx = JsonCx { prefix: &prefix };
            let job = |inc: &Incident| {
                if at_incident {
                    inc.timestamp
                        .as_deref()
                        .and_then(|t| config::time_arg(t).ok())
                        .unwrap_or_else(|| clock.now())
                } else {
                    clock.now()
                }
            };
            let checked: Box<dyn Iterator<Item = (String, Result<Incident, String>)>> =
                match self.order {
                    Order::File => Box::new(
                        Incidents::new(&self.files).map(|(o, item)| (o, check(&intake, item))),
                    ),
                    Order::Time => {
                        let mut all: Vec<(String, Result<Incident, String>)> =
                            Incidents::new(&self.files)
                                .map(|(o, item)| (o, check(&intake, item)))
                                .collect();
                        // Stable: equal times (and invalid incidents, first) keep their order.
                        all.sort_by_cached_key(|(_, r)| {
                            r.as_ref().ok().and_then(|i| {
                                i.timestamp
                                    .as_deref()
                                    .and_then(|t| config::time_arg(t).ok())
                            })
                        });
                        Box::new(all.into_iter())
                    }
                };
            // Statuses go to the store in one transaction per COMMIT_EVERY when nothing
            // else writes meanwhile: a dry run, or a replay on a devnet of its own.
            let batched = dry_run || use_devnet;
            let mut committed = Instant::now();
            if batched {
                store.begin_batch()?;
            }
            for (origin, r) in checked {
                let line = match r {
                    Err(reason) => Line::invalid(origin, reason),
                    Ok(inc) => {
                        let now = job(&inc);
                        let r = engine
                            .process(&mut store, &inc, now)
                            .await
                            .map_err(engine_err)?;
                        Line::of(origin, &r, &cx)
                    }
                };
                out.put(line)?;
                if out.closed {
                    break;
                }
                if batched && committed.elapsed() >= COMMIT_EVERY {
                    store.commit_batch()?;
                    store.begin_batch()?;
                    committed = Instant::now();
                }
            }
            store.commit_batch()?;
            out.bar.finish_and_clear();
            if let Some(d) = n.devnet {
                d.stop().await;
            }
            Ok::<_, CliError>(())
        })?;
        if !g.json && !out.closed {
            let secs = started.elapsed().as_secs_f64();
            let total = out.tally.total();
            let counts: Vec<String> = out
                .tally
                .0
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            output::note(&format!(
                "{total} incident(s) in {secs:.1} s ({:.0}/s): {}",
                total as f64 / secs.max(1e-9),
                counts.join(", ")
            ));
        }
        // As `incident validate` and `add`: input that is not an incident fails the run
        // (the others still ran; their lines say how).
        let invalid = out
            .tally
            .0
            .iter()
            .find(|(s, _)| s == "invalid")
            .map_or(0, |(_, n)| *n);
        if invalid > 0 {
            return Err(CliError::Status {
                code: super::error::EXIT_FAILURE,
                message: format!(
                    "{invalid} input(s) were not valid incidents and did not run (status invalid)"
                ),
            });
        }
        Ok(())
    }
}
