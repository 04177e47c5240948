//! `bos incident replay` as a witness runs it, against `bos devnet` in its own
//! process: incidents per second and the replay's peak memory.
//!
//! Run: `cargo bench --bench replay`. It prints, per binary:
//! * `replay --dry-run`: 10,000 generated incidents (2,000 NBA games from
//!   examples/sports: create x2 providers, in_progress, result x2) against a
//!   `bos devnet` process holding the sports;
//! * `replay --devnet` (live: signed, broadcast, each proposal waited for and
//!   approved in its job) of the same incidents, in-process devnet with automine;
//! * peak RSS of a dry replay of 10,000 and of 1,000,000 incidents (flat memory:
//!   the two agree within a few MB; the million takes about two minutes per binary).
//!   `BOS_BENCH_BIG=100000` sets a smaller size.
//!
//! Before each round it prints `host`: canonical signatures per second on one core,
//! a fixed CPU yardstick (the shared machines' speed moves by up to 1.6x with no CPU
//! time stolen to show for it; compare figures measured at a like yardstick).
//!
//! `BOS_BEFORE=/path/to/an/older/bos` measures that binary too, alternating runs,
//! so that before and after come from one run on the same (noisy) machine.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Incidents of the live replay of `BOS_BEFORE`.
const LIVE_BEFORE: usize = 100;

const TEAMS: [&str; 4] = [
    "Atlanta Hawks",
    "Boston Celtics",
    "Golden State Warriors",
    "Washington Wizards",
];

/// Ten-minute start slots from 2019-01-05 that stay inside the example NBA season
/// (it ends 2019-07-01): past them, games start over at the first slot with the
/// next pairing of the teams, so a million incidents are all valid and distinct.
const SLOTS: i64 = 24_000;

/// The ordered pairings of the four teams; the first four are the games of the
/// first pass through the slots.
const PAIRS: [(usize, usize); 12] = [
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 0),
    (0, 2),
    (1, 3),
    (2, 0),
    (3, 1),
    (1, 0),
    (2, 1),
    (3, 2),
    (0, 3),
];

/// `n` incidents as JSON lines: five per game, games ten minutes apart (see [`SLOTS`]).
fn write_incidents(path: &Path, n: usize) {
    assert!(
        n / 5 <= (SLOTS * 12) as usize,
        "at most {} games",
        SLOTS * 12
    );
    let f = std::fs::File::create(path).expect("incident file");
    let mut w = std::io::BufWriter::new(f);
    let t0 = chrono::DateTime::parse_from_rfc3339("2019-01-05T00:00:00Z").expect("time");
    let calls = [
        ("create", r#"{"season":"2018/2019"}"#, "p1"),
        ("create", r#"{"season":"2018/2019"}"#, "p2"),
        ("in_progress", "{}", "p1"),
        ("result", r#"{"home_score":"99","away_score":"83"}"#, "p1"),
        ("result", r#"{"home_score":"99","away_score":"83"}"#, "p2"),
    ];
    for i in 0..n {
        let ev = (i / 5) as i64;
        let (call, args, p) = calls[i % 5];
        let (slot, pass) = (ev % SLOTS, ev / SLOTS);
        let start = (t0 + chrono::Duration::minutes(10 * slot)).format("%Y-%m-%dT%H:%M:00Z");
        let (h, a) = PAIRS[((slot % 4 + pass) % 12) as usize];
        let (h, a) = (TEAMS[h], TEAMS[a]);
        writeln!(
            w,
            r#"{{"id":{{"sport":"Basketball","event_group_name":"NBA Regular Season","start_time":"{start}","home":"{h}","away":"{a}"}},"call":"{call}","arguments":{args},"timestamp":"2019-01-01T00:00:00Z","provider_info":{{"name":"{p}","pushed":"2019-01-01T00:00:00Z"}}}}"#
        )
        .expect("write");
    }
}

/// The peak RSS (VmHWM, kB) of a running process, read until it exits.
fn wait_with_peak(mut child: Child) -> (bool, u64) {
    let pid = child.id();
    let mut peak = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
            {
                peak = peak.max(kb);
            }
        }
        match child.try_wait() {
            Ok(Some(st)) => return (st.success(), peak),
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => return (false, peak),
        }
    }
}

/// Starts `bos devnet` with the example sports; returns it and its URL.
fn devnet(bin: &Path, sports: &Path) -> (Child, String) {
    let mut child = Command::new(bin)
        .args([
            "devnet",
            "--listen",
            "127.0.0.1:0",
            "--witnesses",
            "1",
            "--json",
        ])
        .arg("--sports")
        .arg(sports)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("bos devnet");
    let mut line = String::new();
    let out = child.stdout.take().expect("stdout");
    BufReader::new(out).read_line(&mut line).expect("listing");
    let v: serde_json::Value = serde_json::from_str(&line).expect("devnet listing");
    let url = v["endpoint"].as_str().expect("endpoint").to_string();
    (child, url)
}

struct Run {
    rate: f64,
    peak_mb: f64,
}

fn replay(bin: &Path, sports: &Path, file: &Path, n: usize, node: Option<&str>) -> Run {
    let db = std::env::temp_dir().join(format!("bos-bench-replay-{}.sqlite", std::process::id()));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let mut cmd = Command::new(bin);
    cmd.arg("--sports").arg(sports).arg("--db").arg(&db).args([
        "--now",
        "2019-01-01T00:00:00Z",
        "incident",
        "replay",
        "--json",
    ]);
    match node {
        Some(url) => cmd.args(["--dry-run", "--proposer", "init0", "--node", url]),
        None => cmd.arg("--devnet"),
    };
    let errors = db.with_extension("stderr");
    let t = Instant::now();
    let child = cmd
        .arg(file)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&errors).expect("stderr file"))
        .spawn()
        .expect("bos incident replay");
    let (ok, peak) = wait_with_peak(child);
    let secs = t.elapsed().as_secs_f64();
    let said = std::fs::read_to_string(&errors).unwrap_or_default();
    let _ = std::fs::remove_file(&errors);
    assert!(ok, "{} incident replay failed: {said}", bin.display());
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    Run {
        rate: n as f64 / secs,
        peak_mb: peak as f64 / 1024.0,
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sports = root.join("examples/sports");
    let mut bins = vec![("this build", PathBuf::from(env!("CARGO_BIN_EXE_bos")))];
    if let Ok(b) = std::env::var("BOS_BEFORE") {
        bins.insert(0, ("BOS_BEFORE", PathBuf::from(b)));
    }
    let dir = std::env::temp_dir().join(format!("bos-bench-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let small = 10_000;
    let big: usize = std::env::var("BOS_BENCH_BIG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let f_small = dir.join("small.jsonl");
    let f_big = dir.join("big.jsonl");
    write_incidents(&f_small, small);
    let f_live_before = dir.join("live-before.jsonl");
    write_incidents(&f_live_before, LIVE_BEFORE);
    write_incidents(&f_big, big);
    for round in 1..=2 {
        println!(
            "[{round}] host: {:.0} canonical signatures/s on one core",
            support::host_yardstick()
        );
        for (name, bin) in &bins {
            let (mut node, url) = devnet(bin, &sports);
            let dry = replay(bin, &sports, &f_small, small, Some(&url));
            let _ = node.kill();
            let _ = node.wait();
            println!(
                "[{round}] {name}: replay --dry-run vs bos devnet: {:.0} incidents/s ({small}), peak RSS {:.1} MB",
                dry.rate, dry.peak_mb
            );
        }
        for (name, bin) in &bins {
            if round > 1 && *name == "BOS_BEFORE" {
                continue;
            }
            // An older bos waits for a 3 s slot per proposal: a short run says enough.
            let (file, n) = if *name == "BOS_BEFORE" {
                (&f_live_before, LIVE_BEFORE)
            } else {
                (&f_small, small)
            };
            let live = replay(bin, &sports, file, n, None);
            println!(
                "[{round}] {name}: replay --devnet (live): {:.0} incidents/s ({n}), peak RSS {:.1} MB",
                live.rate, live.peak_mb
            );
        }
    }
    for (name, bin) in &bins {
        let (mut node, url) = devnet(bin, &sports);
        let big_run = replay(bin, &sports, &f_big, big, Some(&url));
        let _ = node.kill();
        let _ = node.wait();
        println!(
            "{name}: replay --dry-run of {big}: {:.0} incidents/s, peak RSS {:.1} MB",
            big_run.rate, big_run.peak_mb
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
