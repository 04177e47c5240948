//! Protocol benchmarks: canonical signing, recovery, and encoding a 50-operation
//! BOS proposal. Run: `cargo bench --bench protocol`.

use bos::protocol::codec::{Extensions, Json, JsonCx, Pack};
use bos::protocol::ids::Id;
use bos::protocol::operations::*;
use bos::protocol::types::{i18n, Asset};
use bos::protocol::{signing, ObjectId, Path, PrivateKey, TimePointSec, Transaction};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn proposal_50() -> Transaction {
    let fee = Asset::core(0);
    let mut ops: Vec<OpWrapper> = Vec::new();
    ops.push(
        Operation::from(EventCreate {
            fee: fee.clone(),
            name: i18n([
                ("en", "Washington Wizards @ Golden State Warriors"),
                ("identifier", "Washington Wizards @ Golden State Warriors"),
            ]),
            season: i18n([("en", "2019")]),
            start_time: Some(TimePointSec(1_548_378_000)),
            event_group_id: ObjectId::parse("1.21.12").unwrap(),
            extensions: Extensions,
        })
        .into(),
    );
    while ops.len() < 50 {
        let bmg = ops.len() as u64;
        ops.push(
            Operation::from(BettingMarketGroupCreate {
                fee: fee.clone(),
                description: i18n([("en", "Over/Under 215.5 pts"), ("identifier", "OU215.5")]),
                event_id: ObjectId::new(0, 0, 0),
                rules_id: ObjectId::parse("1.23.3").unwrap(),
                asset_id: Id(0),
                never_in_play: false,
                delay_before_settling: 300,
                extensions: Extensions,
            })
            .into(),
        );
        for side in ["Over", "Under"] {
            if ops.len() < 50 {
                ops.push(
                    Operation::from(BettingMarketCreate {
                        fee: fee.clone(),
                        group_id: ObjectId::new(0, 0, bmg),
                        description: i18n([("en", side)]),
                        payout_condition: i18n([("en", side)]),
                        extensions: Extensions,
                    })
                    .into(),
                );
            }
        }
    }
    let proposal = ProposalCreate {
        fee: Asset::core(2_000_000),
        fee_paying_account: Id(7),
        expiration_time: TimePointSec(1_548_378_000),
        proposed_ops: ops,
        review_period_seconds: None,
        extensions: Extensions,
    };
    Transaction::new(
        vec![proposal.into()],
        &[1u8; 20],
        TimePointSec(1_548_378_030),
    )
}

fn bench(c: &mut Criterion) {
    let key = PrivateKey::from_seed(b"bench");
    let digests: Vec<[u8; 32]> = (0u32..1024)
        .map(|i| bos::protocol::hash::sha256(&i.to_le_bytes()))
        .collect();
    let mut g = c.benchmark_group("signing");
    g.throughput(Throughput::Elements(1));
    let mut i = 0usize;
    g.bench_function("sign_canonical", |b| {
        b.iter(|| {
            i = (i + 1) % digests.len();
            black_box(signing::sign_digest(&digests[i], &key))
        })
    });
    let sigs: Vec<_> = digests
        .iter()
        .map(|d| signing::sign_digest(d, &key))
        .collect();
    let mut j = 0usize;
    g.bench_function("recover", |b| {
        b.iter(|| {
            j = (j + 1) % digests.len();
            black_box(signing::recover(&digests[j], &sigs[j]).unwrap())
        })
    });
    g.finish();

    let tx = proposal_50();
    let chain = [9u8; 32];
    let mut g = c.benchmark_group("proposal_50_ops");
    g.throughput(Throughput::Elements(1));
    g.bench_function("encode_binary", |b| {
        b.iter(|| black_box(tx.unsigned_bytes()))
    });
    g.bench_function("digest", |b| b.iter(|| black_box(tx.digest(&chain))));
    let json = tx.to_json(&JsonCx::default());
    g.bench_function("to_json", |b| {
        b.iter(|| black_box(tx.to_json(&JsonCx::default())))
    });
    g.bench_function("from_json", |b| {
        b.iter(|| black_box(Transaction::from_json(&json, &Path::ROOT).unwrap()))
    });
    let bytes = tx.signed_bytes();
    g.bench_function("decode_binary", |b| {
        b.iter(|| black_box(Transaction::from_binary(&bytes).unwrap()))
    });
    g.finish();
    let _ = tx.operations[0].to_bytes();
}

/// One line for the README: canonical signatures per second on one core (a plain
/// timed loop of 20,000 signatures over distinct digests, one thread).
fn signatures_per_second(_: &mut Criterion) {
    let key = PrivateKey::from_seed(b"bench");
    let digests: Vec<[u8; 32]> = (0u32..20_000)
        .map(|i| bos::protocol::hash::sha256(&i.to_le_bytes()))
        .collect();
    let t = std::time::Instant::now();
    for d in &digests {
        black_box(signing::sign_digest(d, &key));
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "canonical signatures/s (one core): {:.0} ({} in {:.3} s)",
        digests.len() as f64 / secs,
        digests.len(),
        secs
    );
}

criterion_group!(benches, signatures_per_second, bench);
criterion_main!(benches);
