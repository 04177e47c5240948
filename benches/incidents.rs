//! Incident intake throughput: validate + normalize + store, single thread, one transaction
//! per 1,000 incidents, into a fresh SQLite file in WAL mode.
//!
//! Uses tests/data/incidents/sample-1000.jsonl against ../shared/bookiesports/beatrice (the
//! sample's dates are inside its windows); skips with a message when that is absent.
//! Run: `cargo bench --bench incidents`. Besides criterion's report it prints one line
//! `incidents/s: N` from a plain timed loop.

use std::path::Path;
use std::time::Instant;

use bos::incidents::store::Store;
use bos::incidents::{Intake, Normalizer};
use criterion::{BatchSize, Criterion, Throughput};

fn run(intake: &Intake, lines: &[&str], store: &mut Store) -> usize {
    let now = chrono::Utc::now();
    let mut batch = Vec::with_capacity(1000);
    let mut stored = 0;
    for l in lines {
        if let Ok(i) = intake.process_text(l) {
            batch.push(i);
        }
        if batch.len() == 1000 {
            stored += store
                .insert_batch(&batch, now)
                .map(|o| o.len())
                .unwrap_or(0);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        stored += store
            .insert_batch(&batch, now)
            .map(|o| o.len())
            .unwrap_or(0);
    }
    stored
}

fn main() {
    let sports = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/bookiesports/beatrice"
    ));
    if !sports.is_dir() {
        println!("skipped: ../shared/bookiesports/beatrice is absent");
        return;
    }
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/incidents/sample-1000.jsonl"
    ))
    .expect("sample-1000.jsonl");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let intake = Intake::new(Normalizer::new(
        bos::sports::load(sports).expect("beatrice"),
    ));
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut n = 0u32;
    let mut fresh = || {
        n += 1;
        Store::open(&tmp.path().join(format!("b{n}.sqlite"))).expect("store")
    };

    // A plain figure first: 20 rounds of the whole sample into fresh stores.
    let mut total = 0usize;
    let mut secs = 0f64;
    for _ in 0..20 {
        let mut store = fresh();
        let t = Instant::now();
        total += run(&intake, &lines, &mut store);
        secs += t.elapsed().as_secs_f64();
    }
    println!(
        "incidents/s: {:.0} (validate + normalize + store, {} incidents, single thread, 1,000 per commit)",
        total as f64 / secs,
        total
    );

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("incidents");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("validate+normalize", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| intake.process_text(l).is_ok())
                .count()
        })
    });
    g.bench_function("validate+normalize+store", |b| {
        b.iter_batched(
            fresh_store(&tmp),
            |mut s| run(&intake, &lines, &mut s),
            BatchSize::PerIteration,
        )
    });
    g.finish();
    c.final_summary();
}

fn fresh_store(tmp: &tempfile::TempDir) -> impl FnMut() -> Store + '_ {
    let mut n = 0u32;
    move || {
        n += 1;
        Store::open(&tmp.path().join(format!("c{n}.sqlite"))).expect("store")
    }
}
