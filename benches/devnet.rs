//! Devnet throughput: transactions applied per second (signature recovery,
//! authority check and evaluation included; signing is done outside the timing
//! in `apply_signed_transfer` and inside it in `sign_and_apply_transfer`), the
//! cost of the trial copy a transaction runs on, and RPC round trips per second
//! over loopback websocket.
//! Run: cargo bench --bench devnet

use std::time::Duration;

use bos::devnet::{Chain, Config, Devnet};
use bos::protocol::ids::Id;
use bos::protocol::operations::Transfer;
use bos::protocol::types::Asset;
use bos::protocol::{TimePointSec, Transaction};
use bos::rpc::{Client, Options};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde_json::json;

fn chain() -> Chain {
    let cfg = Config::for_tests("bench", 3);
    let (state, accounts, witnesses) = cfg.genesis.build();
    let mut c = Chain::new(state, accounts, witnesses);
    c.produce_blocks(1);
    c
}

fn apply(c: &mut Criterion) {
    let mut chain = chain();
    let alice = chain
        .accounts
        .iter()
        .find(|a| a.name == "alice")
        .unwrap()
        .clone();
    let bob = chain.accounts.iter().find(|a| a.name == "bob").unwrap().id;
    let head = chain.state.dynamic.head_block_id;
    let exp = TimePointSec(chain.state.dynamic.time.0 + 3600);
    let chain_id = chain.state.chain_id;
    let mut n: i64 = 0;
    let mut g = c.benchmark_group("devnet");
    g.throughput(Throughput::Elements(1));
    let transfer = |n: i64| {
        let op = Transfer {
            fee: Asset::core(100_000),
            from: Id(alice.id),
            to: Id(bob),
            amount: Asset::core(n),
            memo: None,
            extensions: Default::default(),
        };
        let mut tx = Transaction::new(vec![op.into()], &head, exp);
        tx.sign(&chain_id, &[&alice.key]);
        tx
    };
    let mut applied: u64 = 0;
    g.bench_function("apply_signed_transfer", |b| {
        b.iter_batched(
            || {
                n += 1;
                transfer(n)
            },
            |tx| {
                chain.push_transaction(tx).unwrap();
                applied += 1;
                if applied % 1000 == 0 {
                    chain.produce_blocks(1);
                }
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("sign_and_apply_transfer", |b| {
        b.iter(|| {
            n += 1;
            chain.push_transaction(transfer(n)).unwrap();
            applied += 1;
            if applied % 1000 == 0 {
                chain.produce_blocks(1);
            }
        })
    });
    g.bench_function("state_trial_copy", |b| {
        b.iter(|| black_box(chain.state.clone()))
    });
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (devnet, client) = rt.block_on(async {
        let d = Devnet::start(Config::for_tests("bench", 3)).await.unwrap();
        let c = Client::new(
            vec![d.url()],
            Options {
                max_lag: None,
                timeout: Duration::from_secs(5),
                ..Options::default()
            },
        )
        .unwrap();
        c.db("get_chain_id", json!([])).await.unwrap();
        (d, c)
    });
    g.bench_function("rpc_round_trip_get_dynamic_global_properties", |b| {
        b.iter(|| {
            rt.block_on(client.db("get_dynamic_global_properties", json!([])))
                .unwrap()
        })
    });
    g.finish();
    rt.block_on(devnet.stop());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    targets = apply
}
criterion_main!(benches);
