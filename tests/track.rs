//! `src/track` against the devnet in-process (manual clock) and real SQLite
//! files: a witness taken offline for N slots shows N more misses in its series,
//! bets placed on the devnet move the recorded back/lay odds, pruning removes
//! exactly the samples older than the limit while a writer keeps writing, and
//! downsampling returns the right min/max/last.

use std::time::Duration;

use bos::devnet::Config;
use bos::protocol::types::*;
use bos::protocol::Operation;
use bos::rpc::Client;
use bos::track::sample::{self, Targets};
use bos::track::{Query, Sample, Store, Tracker};
use serde_json::json;

mod support;

use support::net::{bet, i18n, options, Net};

async fn start(seed: &str, witnesses: usize) -> Net {
    let net = Net::start(Config::for_tests(seed, witnesses)).await;
    net.produce(2).await;
    net
}

impl Net {
    /// A BOS proposal of init0, approved by init0: on a one-witness devnet it executes at once.
    async fn bos(&self, ops: Vec<Operation>) {
        self.bos_by(ops, &["init0"]).await
    }
}

/// Sport, event group, event 1.22.0, rules, BMG 1.24.0 and market 1.25.0 (relative ids).
fn bos_setup() -> Vec<Operation> {
    support::net::bos_setup(i18n, 0, &["A"])
}

fn tracker(net: &Net, store: Store, targets: Targets) -> Tracker {
    let url = net.devnet.url();
    Tracker {
        client: Client::new(vec![url.clone()], options()).unwrap(),
        nodes: vec![(url.clone(), Client::new(vec![url], options()).unwrap())],
        targets,
        store,
        keep: None,
        interval: None,
        heartbeat: Duration::from_secs(30),
    }
}

/// A tracker of the witness `who` (a name or a witness id) into the store at `db`;
/// and the witness's name.
async fn witness_tracker(net: &Net, db: &std::path::Path, who: &str) -> (Tracker, String) {
    let witnesses = sample::resolve_witnesses(&net.client, &[who.into()])
        .await
        .unwrap();
    let name = witnesses[0].name.clone();
    let targets = Targets {
        witnesses,
        markets: vec![],
    };
    (tracker(net, Store::open(db).unwrap(), targets), name)
}

fn all(store: &Store, series: &str) -> Vec<(i64, f64)> {
    store
        .query(series, i64::MIN, i64::MAX, None)
        .unwrap()
        .iter()
        .map(|p| (p.ts, p.last))
        .collect()
}

#[tokio::test]
async fn an_offline_witness_shows_its_misses_in_the_series() {
    let net = start("track-miss", 3).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let (mut t, name) = witness_tracker(&net, &db, "init1").await;
    assert_eq!(name, "init1");
    let before = t.round().await.unwrap();
    assert!(before.node_errors.is_empty());
    let chain_missed = || async {
        net.db("get_witness_by_account", json!(["init1"])).await["total_missed"]
            .as_i64()
            .unwrap()
    };
    let missed0 = chain_missed().await;
    // init1 offline for 9 slots: its own slots among them are the ones with no block.
    net.control("set_node_online", json!(["init1", false]))
        .await;
    for _ in 0..9 {
        net.control("advance_slots", json!([1])).await;
        t.round().await.unwrap();
    }
    let head = net.db("get_dynamic_global_properties", json!([])).await["head_block_number"]
        .as_u64()
        .unwrap();
    let n = 9 - (head - before.head.number as u64) as i64;
    assert!(n >= 2, "init1 has at least 2 slots in 9 (3 witnesses)");
    net.control("set_node_online", json!(["init1", true])).await;
    net.control("advance_slots", json!([3])).await;
    t.round().await.unwrap();
    assert_eq!(chain_missed().await - missed0, n);

    let store = Store::open(&db).unwrap();
    let missed = all(&store, "witness.init1.total_missed");
    let first = missed.first().unwrap().1;
    let last = missed.last().unwrap().1;
    assert_eq!(last - first, n as f64, "{missed:?}");
    // Samples are stamped with the head block time: a round whose slot was
    // missed sees the same head and replaces its sample (one per block).
    let blocks = all(&store, "chain.head_block");
    assert_eq!(missed.len(), blocks.len());
    assert!(missed.windows(2).all(|w| w[0].0 < w[1].0));
    let rmc = all(&store, "chain.recently_missed_count");
    assert!(rmc.iter().any(|(_, v)| *v > 0.0));
    let part = all(&store, "chain.participation");
    assert!(part.last().unwrap().1 < 100.0);
    let lag = all(&store, &format!("node.{}.head_lag", net.devnet.url()));
    assert!(lag.len() >= missed.len(), "one lag sample per round");
    net.devnet.stop().await;
}

#[tokio::test]
async fn bets_move_the_recorded_odds() {
    let net = start("track-bets", 1).await;
    net.bos(bos_setup()).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let markets = sample::resolve_markets(&net.client, &[], &["1.22.0".into()])
        .await
        .unwrap();
    assert_eq!(
        markets,
        vec![sample::Market {
            id: "1.25.0".into(),
            group: "1.24.0".into()
        }]
    );
    let mut t = tracker(
        &net,
        Store::open(&db).unwrap(),
        Targets {
            witnesses: vec![],
            markets,
        },
    );
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    const PPY: i64 = 100_000;
    // An empty book: no odds yet, nothing matched.
    t.round().await.unwrap();
    type Bet<'a> = (&'a str, u64, i64, u32, BetType);
    let rounds: [&[Bet]; 3] = [
        &[
            ("alice", alice, 10 * PPY, 25_000, BetType::Back),
            ("bob", bob, 3 * PPY, 20_000, BetType::Lay),
        ],
        // A lower back offer becomes the best one; a higher lay too.
        &[
            ("alice", alice, 4 * PPY, 24_000, BetType::Back),
            ("bob", bob, 2 * PPY, 21_000, BetType::Lay),
        ],
        // bob lays at 2.4 with 2.8 of liability: it takes alice's 2.0 back at 2.4 entirely.
        &[("bob", bob, 28 * PPY / 10, 24_000, BetType::Lay)],
    ];
    for bets in rounds {
        for &(who, id, amount, odds, side) in bets {
            net.send(who, vec![bet(id, 0, amount, odds, side)])
                .await
                .unwrap_or_else(|e| panic!("broadcast refused: {e}"));
        }
        net.produce(1).await;
        t.round().await.unwrap();
    }

    let store = Store::open(&db).unwrap();
    let values = |series| -> Vec<f64> { all(&store, series).iter().map(|p| p.1).collect() };
    let back = values("bm.1.25.0.back_odds");
    let lay = values("bm.1.25.0.lay_odds");
    let back_amount = values("bm.1.25.0.back_amount");
    let matched = values("bmg.1.24.0.matched");
    assert_eq!(back, vec![2.5, 2.4, 2.4]);
    assert_eq!(lay, vec![2.0, 2.1, 2.1]);
    assert_eq!(back_amount[0], (10 * PPY) as f64);
    assert_eq!(back_amount[1], (4 * PPY) as f64);
    assert!(back_amount[2] < back_amount[1], "{back_amount:?}");
    assert_eq!(matched.len(), 4);
    assert_eq!(matched[0], 0.0);
    assert!(matched[3] > matched[2], "{matched:?}");
    net.devnet.stop().await;
}

#[test]
fn downsampling_returns_min_max_last_per_bucket() {
    let mut s = Store::in_memory().unwrap();
    let h = 3_600_000;
    let t0 = 1_767_225_600_000; // on the hour
    let rows = [
        (t0 + 1000, 5.0),
        (t0 + 2000, 1.0),
        (t0 + 3000, 9.0),
        (t0 + 4000, 4.0),
        // an empty hour, then one sample
        (t0 + 2 * h + 10, 7.0),
        (t0 + 3 * h - 1, 8.0),
        (t0 + 3 * h, 2.0),
    ];
    let samples: Vec<Sample> = rows
        .iter()
        .map(|(t, v)| Sample::new("x.y.z", *t, *v))
        .collect();
    s.insert(&samples).unwrap();
    let p = s.query("x.y.z", i64::MIN, i64::MAX, Some(h)).unwrap();
    let got: Vec<(i64, f64, f64, f64, u64)> = p
        .iter()
        .map(|p| (p.ts, p.min, p.max, p.last, p.count))
        .collect();
    assert_eq!(
        got,
        vec![
            (t0, 1.0, 9.0, 4.0, 4),
            (t0 + 2 * h, 7.0, 8.0, 8.0, 2),
            (t0 + 3 * h, 2.0, 2.0, 2.0, 1),
        ]
    );
    // The range cuts inside a bucket: only the samples in range count.
    let p = s
        .query("x.y.z", t0 + 2500, t0 + 3 * h - 1, Some(h))
        .unwrap();
    assert_eq!(
        p.iter()
            .map(|p| (p.min, p.max, p.last, p.count))
            .collect::<Vec<_>>(),
        vec![(4.0, 9.0, 4.0, 2), (7.0, 8.0, 8.0, 2)]
    );
    // Raw, and a sample at the same time replaces the old one.
    s.insert(&[Sample::new("x.y.z", t0 + 1000, 6.0)]).unwrap();
    let raw = s.query("x.y.z", t0, t0 + 1000, None).unwrap();
    assert_eq!((raw.len(), raw[0].last), (1, 6.0));
    // The history query and its JSON.
    let q = Query::parse(
        "x.y.z",
        Some("2026-01-01T00:00:00Z"),
        Some("2026-01-01T01:00:00Z"),
        Some("1h"),
        0,
    )
    .unwrap();
    let j = q.json(&q.run(&s).unwrap());
    assert_eq!(j["every"], "1h");
    assert_eq!(j["points"][0]["value"], 4.0);
    assert_eq!(j["points"][0]["min"], 1.0);
    assert!(
        Query::parse("x.y.z", Some("1h"), Some("2h"), None, 10 * h).is_err(),
        "since after until"
    );
    assert!(Query::parse("nope.z", None, None, None, 0)
        .unwrap()
        .run(&s)
        .is_err());
}

#[test]
fn history_json_answers_the_serve_route() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let now = chrono::Utc::now().timestamp_millis();
    let mut s = Store::open(&db).unwrap();
    s.insert(&[
        Sample::new("witness.w.total_missed", now - 7_200_000, 1.0),
        Sample::new("witness.w.total_missed", now - 60_000, 3.0),
    ])
    .unwrap();
    let j =
        bos::track::history_json(&db, "witness.w.total_missed", Some("1h"), None, None).unwrap();
    assert_eq!(j["points"].as_array().unwrap().len(), 1);
    assert_eq!(j["points"][0]["value"], 3.0);
    let j = bos::track::history_json(
        &db,
        "witness.w.total_missed",
        Some(""),
        Some("now"),
        Some("1d"),
    )
    .unwrap();
    assert_eq!(j["every"], "1d");
    let e = bos::track::history_json(&db, "witness.w.nothing", None, None, None).unwrap_err();
    assert_eq!(e.http_status(), 404);
    let e = bos::track::history_json(&db, "witness.w.total_missed", Some("soon"), None, None)
        .unwrap_err();
    assert_eq!(e.http_status(), 400);
    let e = bos::track::history_json(&db, "witness.w.total_missed", None, None, Some("0s"))
        .unwrap_err();
    assert_eq!(e.http_status(), 400);
}

#[test]
fn pruning_removes_exactly_the_old_samples_while_a_writer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let t0: i64 = 1_767_225_600_000;
    let cut = t0 + 30_000 * 3000;
    {
        // 60,000 samples of 2 series, every 3 s: half before the cut.
        let mut s = Store::open(&db).unwrap();
        let all: Vec<Sample> = (0..30_000)
            .flat_map(|k| {
                [
                    Sample::new("a.b.c", t0 + k * 6000, k as f64),
                    Sample::new("d.e.f", t0 + k * 6000 + 3000, k as f64),
                ]
            })
            .collect();
        for c in all.chunks(5000) {
            s.insert(c).unwrap();
        }
    }
    // A writer adds new samples (after the cut) all the time pruning runs.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut s = Store::open(&db).unwrap();
            let mut k = 0i64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || k < 50 {
                let t = t0 + 200_000_000 + k * 3000;
                s.insert(&[
                    Sample::new("g.h.i", t, k as f64),
                    Sample::new("a.b.c", t, 0.5),
                ])
                .unwrap();
                k += 1;
            }
            k
        })
    };
    let store = Store::open(&db).unwrap();
    let deleted = store.prune(cut, 500).unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert_eq!(deleted, 30_000);
    let a = store.query("a.b.c", i64::MIN, i64::MAX, None).unwrap();
    let d = store.query("d.e.f", i64::MIN, i64::MAX, None).unwrap();
    assert!(a.iter().chain(&d).all(|p| p.ts >= cut));
    assert_eq!(a.len() as i64 + d.len() as i64, 30_000 + written);
    assert_eq!(a.first().unwrap().ts, cut);
    assert_eq!(
        store
            .query("g.h.i", i64::MIN, i64::MAX, None)
            .unwrap()
            .len() as i64,
        written
    );
    // A second prune finds nothing more.
    assert_eq!(store.prune(cut, 500).unwrap(), 0);
}

#[tokio::test]
async fn the_long_running_tracker_samples_every_block_and_prunes() {
    use bos::track::TrackEvent;
    let net = start("track-run", 3).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    {
        // An old sample for the retention limit to remove at start.
        let mut s = Store::open(&db).unwrap();
        s.insert(&[Sample::new("chain.head_block", 1_000, 0.0)])
            .unwrap();
    }
    let (mut t, name) = witness_tracker(&net, &db, "1.6.1").await;
    t.keep = Some(30 * 86_400_000);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let mut sink = |e: TrackEvent| {
            let _ = tx.send(e);
        };
        let _ = t.run(&mut sink).await;
    });
    async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<TrackEvent>) -> TrackEvent {
        tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event in time")
            .unwrap()
    }
    match next(&mut rx).await {
        TrackEvent::Pruned { deleted, .. } => assert_eq!(deleted, 1),
        e => panic!("{e:?}"),
    }
    // One round per block, at that block.
    let head = net.db("get_dynamic_global_properties", json!([])).await["head_block_number"]
        .as_u64()
        .unwrap() as u32;
    for i in 1..=3 {
        net.control("produce_blocks", json!([1])).await;
        match next(&mut rx).await {
            TrackEvent::Round {
                head_block_number,
                samples,
                ..
            } => {
                assert_eq!(head_block_number, head + i);
                // chain.{head_block,recently_missed_count,participation}, 2 of the witness, 1 lag.
                assert_eq!(samples, 6);
            }
            e => panic!("{e:?}"),
        }
    }
    task.abort();
    let store = Store::open(&db).unwrap();
    let blocks = all(&store, "chain.head_block");
    assert_eq!(blocks.len(), 3, "the old sample is gone: {blocks:?}");
    assert_eq!(
        all(&store, &format!("witness.{name}.total_missed")).len(),
        3
    );
    net.devnet.stop().await;
}
