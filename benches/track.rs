//! Series store throughput: inserting 1 million samples (10 series, batches of
//! 10,000 per transaction) into a fresh SQLite file in WAL mode, and querying a
//! week of 3-second samples (201,600) of one series downsampled to 1 h buckets
//! (min/max/last) and raw.
//!
//! Run: `cargo bench --bench track`. Besides criterion's report it prints plain
//! timed figures: `insert samples/s: N` and `query week ...: N ms`.

use std::time::Instant;

use bos::track::{Sample, Store};
use criterion::{BatchSize, Criterion, Throughput};

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const WEEK_3S: i64 = 7 * 86_400 / 3;

fn samples(series: usize, per_series: i64) -> Vec<Sample> {
    let names: Vec<String> = (0..series)
        .map(|i| format!("bm.1.25.{i}.back_odds"))
        .collect();
    let mut out = Vec::with_capacity(series * per_series as usize);
    for k in 0..per_series {
        for n in &names {
            out.push(Sample::new(
                n.clone(),
                T0 + k * 3000,
                2.0 + ((k * 7919) % 1000) as f64 / 1000.0,
            ));
        }
    }
    out
}

fn insert_all(store: &mut Store, all: &[Sample]) -> usize {
    all.chunks(10_000)
        .map(|c| store.insert(c).expect("insert"))
        .sum()
}

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut n = 0u32;
    let mut fresh = move |dir: &std::path::Path| {
        n += 1;
        Store::open(&dir.join(format!("t{n}.sqlite"))).expect("store")
    };

    // 1 million samples, 3 rounds into fresh files.
    let million = samples(10, 100_000);
    let mut secs = 0f64;
    for _ in 0..3 {
        let mut store = fresh(tmp.path());
        let t = Instant::now();
        assert_eq!(insert_all(&mut store, &million), 1_000_000);
        secs += t.elapsed().as_secs_f64();
    }
    println!(
        "insert samples/s: {:.0} (1,000,000 samples, 10 series, 10,000 per transaction, WAL file)",
        3_000_000.0 / secs
    );

    // A week of 3-second samples in one series, next to 4 other series of the same size.
    let mut store = fresh(tmp.path());
    insert_all(&mut store, &samples(5, WEEK_3S));
    let until = T0 + WEEK_3S * 3000;
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let p = store
            .query("bm.1.25.2.back_odds", T0, until, Some(3_600_000))
            .expect("query");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(p.len(), 168);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "query week of 3 s samples ({WEEK_3S} samples) downsampled to 1 h (168 buckets): median {:.1} ms, max {:.1} ms",
        times[10], times[19]
    );
    let t = Instant::now();
    let raw = store
        .query("bm.1.25.2.back_odds", T0, until, None)
        .expect("query");
    println!(
        "query week raw: {} samples in {:.1} ms",
        raw.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("track");
    g.sample_size(10);
    let hundred_k = samples(10, 10_000);
    g.throughput(Throughput::Elements(hundred_k.len() as u64));
    g.bench_function("insert 100k", |b| {
        b.iter_batched(
            || fresh(tmp.path()),
            |mut s| insert_all(&mut s, &hundred_k),
            BatchSize::PerIteration,
        )
    });
    g.throughput(Throughput::Elements(WEEK_3S as u64));
    g.bench_function("query week every 1h", |b| {
        b.iter(|| {
            store
                .query("bm.1.25.2.back_odds", T0, until, Some(3_600_000))
                .expect("query")
                .len()
        })
    });
    g.finish();
    c.final_summary();
}
