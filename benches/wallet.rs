//! Wallet unlock time with the default KDF parameters (argon2id, 64 MiB, t=3, p=1).
//! It should be a deliberate 0.1-1 s. Run: `cargo bench --bench wallet`.
//! Measured: 324 ms (304-349 ms) on a loaded 2-core x86-64 VM; peak memory ~73 MiB.

use criterion::{criterion_group, criterion_main, Criterion};

use bos::wallet::{KdfParams, Wallet};

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wallet.sqlite");
    drop(Wallet::create(&path, "bench password", KdfParams::DEFAULT).expect("create"));
    let mut g = c.benchmark_group("wallet");
    g.sample_size(10);
    g.bench_function("unlock (default KDF)", |b| {
        b.iter(|| {
            Wallet::open(&path)
                .expect("open")
                .unlock("bench password")
                .expect("unlock")
        })
    });
    g.finish();
}

criterion_group!(benches, unlock);
criterion_main!(benches);
