//! `bos track`, `bos history`, `bos chart` and `bos track prune` run as a user
//! would, against a `bos devnet` child process and a real SQLite file; and
//! `bos watch-witness` recording its samples into the same store.

use serde_json::{json, Value};

use crate::support::{bos_command, start_devnet, Run};

fn bos_env(args: &[&str], config_home: &std::path::Path) -> Run {
    let out = bos_command()
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env_remove("BOS_DB")
        .env_remove("BOS_NODE")
        .env_remove("BOS_WALLET")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run bos");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn track_history_chart_and_prune() {
    let net = start_devnet(&["--witnesses", "3", "--seed", "track", "--clock", "manual"]);
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    let db = dir.path().join("bos.sqlite");
    let (db_s, url) = (db.to_str().unwrap().to_string(), net.url.clone());
    let bos = |args: &[&str]| {
        let mut a = vec!["--db", db_s.as_str(), "--node", url.as_str()];
        a.extend_from_slice(args);
        bos_env(&a, &cfg)
    };
    let control = |m: &str, args: Value| net.control(m, args);

    // Rounds of samples from cron, one per block; init1 misses its slots in between.
    control("produce_blocks", json!([2]));
    let r = bos(&["track", "--once", "--witness", "init1", "--json"]).ok();
    let v = r.json();
    let names: Vec<&str> = v["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["series"].as_str().unwrap())
        .collect();
    for n in [
        "chain.head_block",
        "chain.recently_missed_count",
        "chain.participation",
        "witness.init1.total_missed",
    ] {
        assert!(names.contains(&n), "{n} missing: {names:?}");
    }
    assert!(names.contains(&format!("node.{url}.head_lag").as_str()));
    control("set_node_online", json!(["init1", false]));
    for _ in 0..6 {
        control("advance_slots", json!([1]));
        bos(&["track", "--once", "--witness", "init1"]).ok();
    }
    // watch-witness records into the same store.
    let key = net.listing.witnesses[0].signing_key.as_str();
    // A backup key too: watch-witness refuses a single key (nothing to switch to).
    let backup = bos::protocol::PrivateKey::from_seed(b"track-backup")
        .public_key()
        .to_string_with_prefix("TEST");
    let state = dir.path().join("watch.json");
    let w = bos(&[
        "watch-witness",
        "init0",
        "--key",
        key,
        "--key",
        &backup,
        "--once",
        "--dry-run",
        "--stale-after",
        "0",
        "--state",
        state.to_str().unwrap(),
    ]);
    assert_eq!(w.code, 0, "{}{}", w.stdout, w.stderr);

    // history: the series list, a table, CSV, JSON downsampled.
    let list = bos(&["history", "--json"]).ok().json();
    let listed: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["series"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&"witness.init0.total_missed"), "{listed:?}");
    assert!(listed.contains(&"witness.init0.missed_in_window"));
    let csv = bos(&["history", "witness.init1.total_missed", "--csv"]).ok();
    let rows: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(rows[0], "time,value");
    assert_eq!(rows[1].split(',').nth(1), Some("0"));
    // The last sample is what the chain says now (misses are charged when the next block comes).
    let w1 = net.db("get_witness_by_account", json!(["init1"]));
    let missed = w1["total_missed"].as_i64().unwrap();
    assert!(missed >= 1);
    let missed_text = missed.to_string();
    assert_eq!(
        rows.last().unwrap().split(',').nth(1),
        Some(missed_text.as_str()),
        "{rows:?}"
    );
    let j = bos(&[
        "history",
        "witness.init1.total_missed",
        "--every",
        "1h",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(j["every"], "1h");
    let p = &j["points"][0];
    let m = missed as f64;
    assert_eq!(
        (p["min"].as_f64(), p["max"].as_f64(), p["value"].as_f64()),
        (Some(0.0), Some(m), Some(m))
    );
    let t = bos(&["history", "chain.participation"]).ok();
    assert!(t.stdout.contains("time") && t.stdout.contains("value"));

    // chart: SVG and PNG with one line per series, sparklines without --out.
    let series = [
        "witness.init1.total_missed",
        "chain.recently_missed_count",
        "chain.participation",
    ];
    let svg = dir.path().join("c.svg");
    let mut a = vec!["chart"];
    a.extend(series);
    a.extend(["--out", svg.to_str().unwrap(), "--title", "init1 offline"]);
    bos(&a).ok();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</svg>"));
    assert_eq!(text.matches(r#"class="series""#).count(), 3);
    for s in series {
        assert!(text.contains(&format!(r#"data-series="{s}""#)));
    }
    assert!(text.contains("init1 offline") && text.contains("time (UTC)"));
    let png = dir.path().join("c.png");
    let i = a.len() - 3;
    a[i] = png.to_str().unwrap();
    bos(&a).ok();
    let pm = tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((pm.width(), pm.height()), (1000, 500));
    let has = |c: (u8, u8, u8)| {
        pm.pixels()
            .iter()
            .any(|p| (p.red(), p.green(), p.blue(), p.alpha()) == (c.0, c.1, c.2, 255))
    };
    // The first three series colours are drawn, the fourth is not.
    assert!(has((0x1f, 0x77, 0xb4)) && has((0xd6, 0x27, 0x28)) && has((0x2c, 0xa0, 0x2c)));
    assert!(!has((0xff, 0x7f, 0x0e)));
    let spark = bos(&["chart", "witness.init1.total_missed", "chain.participation"]).ok();
    assert!(spark.stdout.contains('█'), "{}", spark.stdout);

    // Bad input: one line, the right exit code.
    bos(&["chart", "chain.participation", "--out", "x.gif"]).fails(2, ".svg or .png");
    bos(&["history", "nope"]).fails(2, "kind.subject.metric");
    bos(&["history", "no.such.series"]).fails(1, "no series named");
    bos(&["history", "chain.participation", "--since", "yesterday"]).fails(2, "is not a time");
    bos(&["history", "chain.participation", "--every", "1y"]).fails(2, "not a duration");
    bos(&["track", "--once", "--market", "foo"]).fails(2, "not a betting market id");
    bos(&["track", "--once", "--witness", "nobody"]).fails(1, "witness nobody not found");
    bos_env(
        &[
            "--db",
            &db_s,
            "--node",
            "ws://127.0.0.1:1",
            "track",
            "--once",
        ],
        &cfg,
    )
    .fails(4, "no node reachable");
    bos(&["track", "prune"]).fails(2, "no retention limit");

    // prune: --keep, then the config key.
    let before = bos(&["history", "chain.participation", "--json"])
        .ok()
        .json()["points"]
        .as_array()
        .unwrap()
        .len();
    assert!(before >= 4, "{before}");
    let r = bos(&["track", "prune", "--keep", "1d", "--json"])
        .ok()
        .json();
    assert_eq!(r["deleted"], 0);
    let later = "2099-01-01T00:00:00Z";
    std::fs::create_dir_all(cfg.join("bos")).unwrap();
    std::fs::write(cfg.join("bos/config.yaml"), "track_keep: 1h\n").unwrap();
    let r = bos(&["--now", later, "track", "prune", "--json"])
        .ok()
        .json();
    assert!(r["deleted"].as_u64().unwrap() > before as u64);
    bos(&["history", "chain.participation"]).fails(1, "no series named");
}

/// Commands that only read a store refuse one that does not exist, with a clear
/// error, and create nothing (a mistyped --db used to create the folder and the file).
/// The long-running `bos track` stops on SIGTERM (a supervisor's stop) as on Ctrl-C:
/// exit 0 with what it recorded kept, not killed by the signal.
#[cfg(unix)]
#[test]
fn track_stops_on_sigterm() {
    let net = start_devnet(&["--seed", "track-term", "--clock", "manual"]);
    net.control("produce_blocks", json!([2]));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let mut child = bos_command()
        .args([
            "--db",
            db.to_str().unwrap(),
            "--node",
            net.url.as_str(),
            "track",
        ])
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    crate::support::wait_until("a first sample", std::time::Duration::from_secs(20), || {
        bos_env(
            &[
                "--db",
                db.to_str().unwrap(),
                "--json",
                "history",
                "chain.head_block",
            ],
            dir.path(),
        )
        .code
            == 0
    });
    let st = crate::support::sigterm_and_wait(&mut child, std::time::Duration::from_secs(20));
    assert!(st.success(), "{st:?}");
}

#[test]
fn read_only_commands_refuse_a_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config");
    let typo = dir.path().join("typo").join("x.sqlite");
    let db = typo.to_str().unwrap();
    for args in [
        vec!["history"],
        vec!["history", "witness.init0.total_missed"],
        vec!["chart", "witness.init0.total_missed"],
        vec!["track", "prune", "--keep", "1d"],
        vec!["incident", "list"],
        vec!["incident", "show", "x"],
        vec!["incident", "events"],
        vec!["incident", "providers"],
    ] {
        let mut a = vec!["--db", db];
        a.extend(args.iter().copied());
        bos_env(&a, &cfg).fails(1, "no such store");
        assert!(
            !dir.path().join("typo").exists(),
            "{args:?} created the folder"
        );
    }
}
