//! `watch-witness` against the devnet in-process (manual clock, 3 s slots of
//! chain time): failover to a backup node, round robin with cooldown, no switch
//! under the threshold, the secret-chain trap, a node dying mid-watch, dry run.
//!
//! The test drives the clock one slot at a time and waits until the watcher has
//! seen each block, so every run makes the same decisions.

use std::time::{Duration, Instant};

use bos::chain::{Chain, Mode, Sender, Wait};
use bos::devnet::{Config, Devnet};
use bos::protocol::codec::FixedBytes;
use bos::protocol::hash::ripemd160;
use bos::protocol::ids::{Id, WitnessId};
use bos::protocol::operations::WitnessUpdate;
use bos::protocol::types::Asset;
use bos::protocol::{Json, JsonCx, Operation, PrivateKey, TimePointSec, Transaction};
use bos::rpc::{Api, Client, Options};
use bos::witness::failover;
use bos::witness::{Event, Policy, State, Watcher};
use serde_json::{json, Value};
use tokio::sync::mpsc;

mod support;

use support::Listing;

const ZERO_SECRET: &str = "5c00bd4aca04a9057c09b20b05f723f2e23deb65";

fn options() -> Options {
    Options {
        timeout: Duration::from_secs(5),
        backoff_min: Duration::from_millis(20),
        backoff_max: Duration::from_millis(200),
        max_lag: None,
        ..Options::default()
    }
}

struct Rig {
    devnet: Devnet,
    ctl: Client,
    listing: Listing,
    events: mpsc::UnboundedReceiver<Event>,
    log: Vec<Event>,
    task: Option<tokio::task::JoinHandle<()>>,
    threshold: u32,
    /// How long to wait for a decision after a sample at the threshold.
    patience: Duration,
}

struct Setup {
    keys: Vec<PrivateKey>,
    /// Which of the backup keys (index >= 1) have an online node.
    online: Vec<bool>,
    cooldown: u32,
    dry_run: bool,
    heartbeat: Duration,
    /// Extra URLs served on the same chain (for node failover).
    second_url: Option<String>,
}

async fn devnet(seed: &str) -> (Devnet, Client, Listing) {
    let devnet = Devnet::start(Config::for_tests(seed, 3)).await.unwrap();
    let ctl = Client::new(vec![devnet.url()], options()).unwrap();
    let listing = Listing::parse(&devnet.listing());
    ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([3]))
        .await
        .unwrap();
    (devnet, ctl, listing)
}

impl Rig {
    /// A rig on `devnet` not watching yet (threshold 3, 5 s of patience).
    fn new(devnet: Devnet, ctl: Client, listing: Listing) -> Rig {
        Rig {
            devnet,
            ctl,
            listing,
            events: mpsc::unbounded_channel().1,
            log: Vec::new(),
            task: None,
            threshold: 3,
            patience: Duration::from_secs(5),
        }
    }

    /// init0 watched with its genesis key first, then `backups` more keys.
    async fn start(seed: &str, backups: usize, f: impl FnOnce(&mut Setup)) -> Rig {
        let (devnet, ctl, listing) = devnet(seed).await;
        let mut keys = vec![listing.witness("init0").key()];
        for i in 1..=backups {
            keys.push(PrivateKey::from_seed(
                format!("{seed}-backup-{i}").as_bytes(),
            ));
        }
        let mut setup = Setup {
            online: vec![true; keys.len()],
            keys,
            cooldown: 300,
            dry_run: false,
            heartbeat: Duration::from_secs(600),
            second_url: None,
        };
        f(&mut setup);
        let mut rig = Rig::new(devnet, ctl, listing);
        for (i, k) in setup.keys.iter().enumerate().skip(1) {
            rig.control(
                "add_node",
                json!([
                    format!("init0-backup{i}"),
                    "init0",
                    k.to_wif().as_str(),
                    setup.online[i]
                ]),
            )
            .await;
        }
        let mut urls = vec![rig.devnet.url()];
        urls.extend(setup.second_url.clone());
        rig.watch(urls, &setup).await;
        rig
    }

    async fn watch(&mut self, urls: Vec<String>, setup: &Setup) {
        let client = Client::new(urls, options()).unwrap();
        let info = failover::find_witness(&client, "init0").await.unwrap();
        let signer = (!setup.dry_run).then(|| {
            Sender::new(
                Chain::new(client.clone()),
                Mode::Broadcast,
                30,
                vec![self.listing.account("init0").key()],
            )
        });
        let watcher = Watcher {
            client,
            policy: Policy {
                threshold: self.threshold,
                window: 600,
                cooldown: setup.cooldown,
                keys: setup
                    .keys
                    .iter()
                    .map(|k| k.public_key().to_string_with_prefix(&info.prefix))
                    .collect(),
                confirm_timeout: 120,
                backoff: 3600,
            },
            witness: info,
            signer,
            expiration: 30,
            stale_after: None,
            retries: 2,
            heartbeat: setup.heartbeat,
            state_path: None,
            node_events: None,
            notify: None,
            remind_every: None,
        };
        let (tx, rx) = mpsc::unbounded_channel();
        self.events = rx;
        self.task = Some(tokio::spawn(async move {
            let mut sink = move |e: Event| {
                let _ = tx.send(e);
            };
            let _ = watcher.run(State::default(), &mut sink).await;
        }));
        // The watcher subscribes, then takes its baseline sample at once: wait for it.
        let head = self.head().await;
        self.wait_sample(head).await;
    }

    async fn control(&self, method: &str, args: Value) -> Value {
        self.ctl
            .call(Api::Named("devnet".into()), method, args)
            .await
            .unwrap()
    }

    async fn head(&self) -> u32 {
        self.ctl
            .db("get_dynamic_global_properties", json!([]))
            .await
            .unwrap()["head_block_number"]
            .as_u64()
            .unwrap() as u32
    }

    async fn witness(&self) -> Value {
        self.ctl
            .db("get_witness_by_account", json!(["init0"]))
            .await
            .unwrap()
    }

    /// Collects events until the watcher has sampled block `n` and finished deciding on it.
    async fn wait_sample(&mut self, n: u32) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let e = tokio::time::timeout(left, self.events.recv())
                .await
                .unwrap_or_else(|_| panic!("no sample of block {n}; log: {:?}", self.log))
                .expect("watcher stopped");
            let done =
                matches!(&e, Event::Sample { head_block_number, .. } if *head_block_number >= n);
            self.log.push(e);
            if done {
                break;
            }
        }
        // The decision on that sample follows it.
        let mut limit = Duration::from_millis(30);
        if let Some(Event::Sample {
            missed_in_window, ..
        }) = self.log.last()
        {
            if *missed_in_window >= self.threshold {
                limit = self.patience;
            }
        }
        while let Ok(Some(e)) = tokio::time::timeout(limit, self.events.recv()).await {
            let decided = matches!(
                e,
                Event::Switch { .. }
                    | Event::Hold { .. }
                    | Event::WouldSwitch { .. }
                    | Event::Error { .. }
                    | Event::RotationStopped { .. }
            );
            self.log.push(e);
            if decided {
                limit = Duration::from_millis(30);
            }
        }
    }

    /// One slot; returns the slot outcome and, when a block was made, waits for the watcher.
    async fn slot(&mut self) -> Value {
        let o = self.control("advance_slots", json!([1])).await[0].clone();
        if o["produced"] == true {
            self.wait_sample(o["block_num"].as_u64().unwrap() as u32)
                .await;
        }
        o
    }

    fn switches(&self) -> Vec<(String, String, u32, u64)> {
        self.log
            .iter()
            .filter_map(|e| match e {
                Event::Switch {
                    from,
                    to,
                    head_block_number,
                    latency_ms,
                    ..
                } => Some((from.clone(), to.clone(), *head_block_number, *latency_ms)),
                _ => None,
            })
            .collect()
    }

    /// Head time of block `n` as the watcher sampled it.
    fn time_of(&self, n: u32) -> u32 {
        self.log
            .iter()
            .find_map(|e| match e {
                Event::Sample {
                    head_block_number,
                    head_time,
                    ..
                } if *head_block_number == n => Some(TimePointSec::parse(head_time).unwrap().0),
                _ => None,
            })
            .unwrap()
    }

    fn confirmed(&self, stage: &str) -> bool {
        self.log
            .iter()
            .any(|e| matches!(e, Event::Confirm { stage: s, .. } if s == stage))
    }

    async fn stop(mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
        self.devnet.stop().await;
    }
}

fn pubkey(k: &PrivateKey) -> String {
    k.public_key().to_string_with_prefix("TEST")
}

#[tokio::test]
async fn primary_offline_switches_to_the_backup_within_threshold_plus_one_block() {
    let mut rig = Rig::start("watch-failover", 1, |_| {}).await;
    let wid = rig.witness().await["id"].clone();
    let backup = PrivateKey::from_seed(b"watch-failover-backup-1");
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    let mut missed_slots = 0;
    let mut third_miss_charged_at = None;
    for _ in 0..40 {
        let o = rig.slot().await;
        if o["produced"] == false && o["witness"] == wid {
            missed_slots += 1;
        } else if o["produced"] == true && missed_slots >= 3 && third_miss_charged_at.is_none() {
            third_miss_charged_at = o["block_num"].as_u64();
        }
        if !rig.switches().is_empty() {
            break;
        }
    }
    let sw = rig.switches();
    assert_eq!(sw.len(), 1, "{:?}", rig.log);
    let (from, to, at, latency) = sw[0].clone();
    assert_eq!(to, pubkey(&backup));
    assert_ne!(from, to);
    // The block that charged the third miss is the one the switch reacts to:
    // the threshold plus one block.
    assert_eq!(Some(at as u64), third_miss_charged_at, "{:?}", rig.log);
    eprintln!("detection-to-broadcast latency (manual clock, from the block notice): {latency} ms");
    assert!(latency < 1000, "latency {latency} ms");
    // The update is in the next block, with new_initial_secret.
    let o = rig.control("produce_blocks", json!([1])).await;
    let num = o[o.as_array().unwrap().len() - 1]["block_num"]
        .as_u64()
        .unwrap();
    rig.wait_sample(num as u32).await;
    let block = rig.ctl.db("get_block", json!([num])).await.unwrap();
    let op = &block["transactions"][0]["operations"][0];
    assert_eq!(op[0], 21, "{block}");
    assert_eq!(op[1]["new_signing_key"], pubkey(&backup));
    assert_eq!(op[1]["new_initial_secret"], ZERO_SECRET);
    assert!(rig.confirmed("applied"), "{:?}", rig.log);
    // The backup produces; total_missed stops growing.
    let before = rig.witness().await["total_missed"].as_i64().unwrap();
    let mut produced = 0;
    for _ in 0..15 {
        let o = rig.slot().await;
        if o["produced"] == true && o["witness"] == wid {
            produced += 1;
        }
    }
    let w = rig.witness().await;
    assert_eq!(w["signing_key"], pubkey(&backup));
    assert_eq!(w["total_missed"].as_i64().unwrap(), before, "{w}");
    assert!(produced >= 3, "backup produced {produced}");
    assert!(rig.confirmed("produced"), "{:?}", rig.log);
    assert_eq!(rig.switches().len(), 1);
    rig.stop().await;
}

#[tokio::test]
async fn three_keys_rotate_with_cooldown() {
    // K1's node is down too; K2's is up. Cooldown 45 s of chain time (15 slots).
    let mut rig = Rig::start("watch-rotate", 2, |s| {
        s.online = vec![true, false, true];
        s.cooldown = 45;
    })
    .await;
    let k1 = pubkey(&PrivateKey::from_seed(b"watch-rotate-backup-1"));
    let k2 = pubkey(&PrivateKey::from_seed(b"watch-rotate-backup-2"));
    let k0 = rig.witness().await["signing_key"]
        .as_str()
        .unwrap()
        .to_string();
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    for _ in 0..120 {
        rig.slot().await;
        if rig.switches().len() >= 2 {
            break;
        }
    }
    let sw = rig.switches();
    assert_eq!(sw.len(), 2, "{:?}", rig.log);
    assert_eq!(
        (sw[0].0.as_str(), sw[0].1.as_str()),
        (k0.as_str(), k1.as_str())
    );
    assert_eq!(
        (sw[1].0.as_str(), sw[1].1.as_str()),
        (k1.as_str(), k2.as_str())
    );
    // K1 reached the threshold during the cooldown: held, not switched.
    assert!(
        rig.log.iter().any(|e| matches!(e, Event::Hold { .. })),
        "{:?}",
        rig.log
    );
    // The second switch waited out the cooldown (chain time).
    let (t0, t1) = (rig.time_of(sw[0].2), rig.time_of(sw[1].2));
    assert!(t1 - t0 >= 45, "{t0} -> {t1}");
    for _ in 0..12 {
        rig.slot().await;
    }
    assert_eq!(rig.witness().await["signing_key"], k2);
    assert!(rig.confirmed("produced"));
    assert_eq!(rig.switches().len(), 2);
    rig.stop().await;
}

#[tokio::test]
async fn one_miss_under_the_threshold_does_not_switch() {
    let mut rig = Rig::start("watch-single", 1, |_| {}).await;
    let wid = rig.witness().await["id"].clone();
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    // Down for exactly one of its slots (like a maintenance miss), then back.
    loop {
        let o = rig.slot().await;
        if o["produced"] == false && o["witness"] == wid {
            break;
        }
    }
    rig.control("set_node_online", json!(["init0", true])).await;
    for _ in 0..30 {
        rig.slot().await;
    }
    assert!(rig.log.iter().any(|e| matches!(e, Event::Miss { .. })));
    assert!(rig.switches().is_empty(), "{:?}", rig.log);
    rig.stop().await;
}

#[tokio::test]
async fn a_switch_without_new_initial_secret_keeps_missing() {
    // Built by hand: what the scripts in use broadcast.
    let (devnet, ctl, listing) = devnet("watch-nosecret").await;
    let c = &ctl;
    let info = failover::find_witness(c, "init1").await.unwrap();
    let backup = PrivateKey::from_seed(b"nosecret-backup");
    ctl.call(
        Api::Named("devnet".into()),
        "add_node",
        json!(["init1-backup", "init1", backup.to_wif().as_str()]),
    )
    .await
    .unwrap();
    let op: Operation = WitnessUpdate {
        fee: Asset::core(0),
        witness: info.witness,
        witness_account: info.account,
        new_url: None,
        new_signing_key: Some(backup.public_key()),
        new_initial_secret: None,
    }
    .into();
    Sender::new(
        Chain::new(c.clone()),
        Mode::Broadcast,
        30,
        vec![listing.account("init1").key()],
    )
    .send(vec![op], Wait::No)
    .await
    .unwrap()
    .into_result()
    .unwrap();
    ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap();
    ctl.call(
        Api::Named("devnet".into()),
        "set_node_online",
        json!(["init1", false]),
    )
    .await
    .unwrap();
    let before = ctl.db("get_witnesses", json!([[info.id]])).await.unwrap()[0]["total_missed"]
        .as_i64()
        .unwrap();
    let out = ctl
        .call(Api::Named("devnet".into()), "advance_slots", json!([12]))
        .await
        .unwrap();
    ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap();
    let rejected = out
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["reason"]
                .as_str()
                .unwrap_or("")
                .contains("next_secret_hash")
        })
        .count();
    assert!(rejected >= 3, "{out}");
    let after = ctl.db("get_witnesses", json!([[info.id]])).await.unwrap()[0]["total_missed"]
        .as_i64()
        .unwrap();
    assert!(after >= before + 3, "{before} -> {after}: {out}");
    // What watch-witness builds always carries the secret.
    let Operation::WitnessUpdate(u) =
        failover::witness_update(info.witness, info.account, None, Some(backup.public_key()))
    else {
        panic!()
    };
    assert_eq!(
        u.new_initial_secret,
        Some(FixedBytes(ripemd160(&[0u8; 20])))
    );
    let _ = (Id::<1, 2>(0), WitnessId::parse("1.6.1"), TimePointSec(0));
    let _ = Transaction::default().to_json(&JsonCx::default());
    devnet.stop().await;
}

#[tokio::test]
async fn the_node_dies_mid_watch_and_the_second_url_takes_over() {
    // Two servers on one chain: the watcher starts on the first.
    let first = Devnet::start(Config::for_tests("watch-nodes", 3))
        .await
        .unwrap();
    let second = Devnet::serve(Config::for_tests("watch-nodes", 3), first.chain.clone())
        .await
        .unwrap();
    let ctl = Client::new(vec![second.url()], options()).unwrap();
    ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([3]))
        .await
        .unwrap();
    let listing = Listing::parse(&first.listing());
    let mut rig = Rig::new(second, ctl, listing);
    let backup = PrivateKey::from_seed(b"watch-nodes-backup");
    rig.control(
        "add_node",
        json!(["init0-backup1", "init0", backup.to_wif().as_str()]),
    )
    .await;
    let setup = Setup {
        keys: vec![rig.listing.witness("init0").key(), backup.clone()],
        online: vec![true, true],
        cooldown: 300,
        dry_run: false,
        heartbeat: Duration::from_millis(300),
        second_url: None,
    };
    rig.watch(vec![first.url(), rig.devnet.url()], &setup).await;
    let wid = rig.witness().await["id"].clone();
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    // Two misses counted on the first node...
    let mut missed = 0;
    while missed < 2 {
        let o = rig.slot().await;
        if o["produced"] == false && o["witness"] == wid {
            missed += 1;
        }
    }
    rig.slot().await;
    let in_window = |log: &[Event]| {
        log.iter()
            .rev()
            .find_map(|e| match e {
                Event::Miss {
                    missed_in_window, ..
                } => Some(*missed_in_window),
                _ => None,
            })
            .unwrap_or(0)
    };
    assert_eq!(in_window(&rig.log), 2, "{:?}", rig.log);
    // ...then it dies; the watcher moves to the second and keeps counting.
    first.stop().await;
    for _ in 0..30 {
        rig.slot().await;
        if !rig.switches().is_empty() {
            break;
        }
    }
    assert_eq!(rig.switches().len(), 1, "{:?}", rig.log);
    assert_eq!(rig.switches()[0].1, pubkey(&backup));
    rig.stop().await;
}

#[tokio::test]
async fn dry_run_never_broadcasts() {
    let mut rig = Rig::start("watch-dry", 1, |s| s.dry_run = true).await;
    let key = rig.witness().await["signing_key"].clone();
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    for _ in 0..30 {
        rig.slot().await;
    }
    let would: Vec<&Event> = rig
        .log
        .iter()
        .filter(|e| matches!(e, Event::WouldSwitch { .. }))
        .collect();
    assert_eq!(would.len(), 1, "{:?}", rig.log);
    if let Event::WouldSwitch { operation, .. } = would[0] {
        assert_eq!(
            operation[1]["new_initial_secret"], ZERO_SECRET,
            "{operation}"
        );
    }
    assert!(rig.switches().is_empty());
    assert_eq!(rig.witness().await["signing_key"], key);
    let updates = rig.devnet.with_chain(|c| {
        c.blocks
            .iter()
            .flat_map(|b| b.transactions.iter())
            .chain(c.pending.iter())
            .count()
    });
    assert_eq!(updates, 0);
    rig.stop().await;
}

#[tokio::test]
async fn stale_head_unreachable_after_retries_and_reconnect() {
    // A chain whose head is an hour old: the first sample raises `stale`.
    let mut config = Config::for_tests("watch-health", 3);
    config.genesis.genesis_time = TimePointSec(TimePointSec::now().0 / 3 * 3 - 3600);
    let devnet = Devnet::start(config.clone()).await.unwrap();
    let addr = devnet.addr;
    let chain = devnet.chain.clone();
    let client = Client::new(vec![devnet.url()], options()).unwrap();
    client
        .call(Api::Named("devnet".into()), "produce_blocks", json!([3]))
        .await
        .unwrap();
    let info = failover::find_witness(&client, "init0").await.unwrap();
    let watcher = Watcher {
        client,
        policy: Policy {
            threshold: 3,
            window: 600,
            cooldown: 300,
            keys: vec![info.signing_key.clone()],
            confirm_timeout: 120,
            backoff: 3600,
        },
        witness: info,
        signer: None,
        expiration: 30,
        stale_after: Some(Duration::from_secs(60)),
        retries: 2,
        heartbeat: Duration::from_millis(200),
        state_path: None,
        node_events: None,
        notify: None,
        remind_every: None,
    };
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        let mut sink = move |e: Event| {
            let _ = tx.send(e);
        };
        let _ = watcher.run(State::default(), &mut sink).await;
    });
    let mut log = Vec::new();
    until(&mut rx, "stale", &mut log).await;
    // The only node goes away: errors, then `unreachable` after 2 failures.
    devnet.stop().await;
    until(&mut rx, "unreachable", &mut log).await;
    assert!(log.iter().any(|e| e.name() == "error"));
    // It comes back on the same address: `reconnected`, and samples go on.
    let back = Devnet::serve(
        Config {
            listen: addr,
            ..config
        },
        chain,
    )
    .await
    .unwrap();
    until(&mut rx, "reconnected", &mut log).await;
    let ctl = Client::new(vec![back.url()], options()).unwrap();
    let head = ctl
        .call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap()[0]["block_num"]
        .as_u64()
        .unwrap() as u32;
    loop {
        until(&mut rx, "sample", &mut log).await;
        if matches!(log.last(), Some(Event::Sample { head_block_number, .. }) if *head_block_number == head)
        {
            break;
        }
    }
    task.abort();
    back.stop().await;
}

/// Collects events into `log` until one named `name`.
async fn until(rx: &mut mpsc::UnboundedReceiver<Event>, name: &str, log: &mut Vec<Event>) {
    loop {
        let e = tokio::time::timeout(Duration::from_secs(15), rx.recv())
            .await
            .unwrap_or_else(|_| panic!("no {name} event: {log:?}"))
            .unwrap();
        let hit = e.name() == name;
        log.push(e);
        if hit {
            return;
        }
    }
}

#[tokio::test]
async fn a_switch_landing_in_the_witness_own_block_is_sent_again() {
    let mut rig = Rig::start("watch-reseed", 1, |_| {}).await;
    let wid = rig.witness().await["id"].clone();
    let backup = pubkey(&PrivateKey::from_seed(b"watch-reseed-backup-1"));
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    for _ in 0..40 {
        rig.slot().await;
        if !rig.switches().is_empty() {
            break;
        }
    }
    assert_eq!(rig.switches().len(), 1, "{:?}", rig.log);
    // The primary is back just in time to put its own update in its own block
    // (the others are down for that one block): its secret replaces the new one.
    rig.control("set_node_online", json!(["init0", true])).await;
    rig.control("set_node_online", json!(["init1", false]))
        .await;
    rig.control("set_node_online", json!(["init2", false]))
        .await;
    let o = rig.control("produce_blocks", json!([1])).await;
    let last = o.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["witness"], wid);
    rig.control("set_node_online", json!(["init1", true])).await;
    rig.control("set_node_online", json!(["init2", true])).await;
    rig.wait_sample(last["block_num"].as_u64().unwrap() as u32)
        .await;
    assert!(rig.confirmed("applied"), "{:?}", rig.log);
    // The check and the second broadcast follow the `applied` event.
    if !rig.log.iter().any(|e| matches!(e, Event::Reseed { .. })) {
        until(&mut rig.events, "reseed", &mut rig.log).await;
    }
    // The second update lands in another witness's block; the backup then produces.
    rig.control("produce_blocks", json!([1])).await;
    let before = rig.witness().await["total_missed"].as_i64().unwrap();
    for _ in 0..12 {
        rig.slot().await;
    }
    let w = rig.witness().await;
    assert_eq!(w["signing_key"], backup.as_str());
    assert!(rig.confirmed("produced"), "{:?}", rig.log);
    assert_eq!(w["total_missed"].as_i64().unwrap(), before, "{w}");
    rig.stop().await;
}

#[tokio::test]
async fn every_key_dead_at_most_one_rotation_then_switching_stops() {
    // init0 and its backup are both down: K0 -> K1 -> K0, then it stops (and says so),
    // instead of paying a fee every cooldown forever.
    let mut rig = Rig::start("watch-alldead", 1, |s| {
        s.online = vec![true, false];
        s.cooldown = 15;
    })
    .await;
    rig.control("set_node_online", json!(["init0", false]))
        .await;
    let mut stopped_at = None;
    for i in 0..200 {
        rig.slot().await;
        if stopped_at.is_none()
            && rig
                .log
                .iter()
                .any(|e| matches!(e, Event::RotationStopped { .. }))
        {
            stopped_at = Some(i);
            // From here every sample is at the threshold and nothing is decided.
            rig.patience = Duration::from_millis(300);
        }
        // Well past the stop: nothing more happens within the backoff (an hour).
        if stopped_at.is_some_and(|s| i >= s + 60) {
            break;
        }
    }
    assert!(stopped_at.is_some(), "{:?}", rig.log);
    let sw = rig.switches();
    assert_eq!(sw.len(), 2, "{:?}", rig.log);
    assert_eq!(sw[1].1, sw[0].0, "the rotation came back to the first key");
    let stops = rig
        .log
        .iter()
        .filter(|e| matches!(e, Event::RotationStopped { .. }))
        .count();
    assert_eq!(stops, 1);
    rig.stop().await;
}
