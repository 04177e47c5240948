//! Engine throughput: `replay --dry-run` of 10,000 incidents (2,000 NBA games from
//! examples/sports, each create x2 providers, in_progress, result x2) against an
//! in-process devnet holding only the sports, one job per incident with a fresh
//! chain view, into an in-memory store.
//!
//! Run: `cargo bench --bench engine`. Besides criterion's report it prints one line
//! `incidents/s: N` from a plain timed loop.

use std::path::Path;
use std::time::{Duration, Instant};

use bos::chain::{Chain, Sender};
use bos::devnet::{Config, Devnet};
use bos::engine::{JobRunner, Parts};
use bos::incidents::store::Store;
use bos::incidents::{Incident, Intake, Normalizer};
use bos::rpc::{Client, Options};
use criterion::{Criterion, Throughput};
use serde_json::json;

const TEAMS: [&str; 4] = [
    "Atlanta Hawks",
    "Boston Celtics",
    "Golden State Warriors",
    "Washington Wizards",
];

fn incidents(intake: &Intake, n: usize) -> Vec<Incident> {
    let t0 = chrono::DateTime::parse_from_rfc3339("2019-01-05T00:00:00Z").unwrap();
    let mut out = Vec::with_capacity(n);
    let mut ev = 0i64;
    while out.len() < n {
        let start = (t0 + chrono::Duration::minutes(10 * ev))
            .format("%Y-%m-%dT%H:%M:00Z")
            .to_string();
        let (h, a) = (TEAMS[(ev % 4) as usize], TEAMS[((ev + 1) % 4) as usize]);
        ev += 1;
        for (call, args, p) in [
            ("create", json!({"season": "2018/2019"}), "p1"),
            ("create", json!({"season": "2018/2019"}), "p2"),
            ("in_progress", json!({}), "p1"),
            (
                "result",
                json!({"home_score": "99", "away_score": "83"}),
                "p1",
            ),
            (
                "result",
                json!({"home_score": "99", "away_score": "83"}),
                "p2",
            ),
        ] {
            let v = json!({"id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
                    "start_time": start, "home": h, "away": a},
                "call": call, "arguments": args, "timestamp": "2019-01-01T00:00:00Z",
                "provider_info": {"name": p, "pushed": "2019-01-01T00:00:00Z"}});
            out.push(intake.process_value(v).unwrap());
        }
    }
    out.truncate(n);
    out
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports");
    let sports = bos::sports::load(&dir).unwrap();
    let intake = Intake::new(Normalizer::new(sports.clone()));
    let list = incidents(&intake, 10_000);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut config = Config::for_tests("bench-engine", 1);
    config.sports = Some(sports.clone());
    let devnet = rt.block_on(Devnet::start(config)).unwrap();
    let _guard = rt.enter();
    let client = Client::new(
        vec![devnet.url()],
        Options {
            timeout: Duration::from_secs(30),
            max_lag: None,
            ..Options::default()
        },
    )
    .unwrap();
    let engine = JobRunner::new(
        Sender::dry_run(Chain::new(client)),
        Parts::new(sports, "init0", "init0"),
        false,
    );
    let now = chrono::DateTime::parse_from_rfc3339("2019-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let run = |list: &[Incident]| {
        let mut store = Store::in_memory().unwrap();
        rt.block_on(async {
            for i in list {
                engine.process(&mut store, i, now).await.unwrap();
            }
        });
    };
    let t = Instant::now();
    run(&list);
    println!(
        "incidents/s: {:.0}",
        list.len() as f64 / t.elapsed().as_secs_f64()
    );
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(1_000));
    g.bench_function("replay --dry-run, 1,000 incidents", |b| {
        b.iter(|| run(&list[..1_000]))
    });
    g.finish();
    c.final_summary();
    rt.block_on(devnet.stop());
}
