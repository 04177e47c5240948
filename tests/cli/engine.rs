//! The engine commands as a user runs them: `bos incident replay`, `bos proposals`,
//! `bos devnet --sports`.

use serde_json::{json, Value};

use crate::support::{bos, bos_in, bos_wallet, start_devnet, Run};

fn sports() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

fn stream() -> String {
    let mut out = String::new();
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
        let v = json!({"id": {"sport": "Basketball", "event_group_name": "NBA",
                "start_time": "2019-01-10T00:30:00Z", "home": "ATL", "away": "boston celtics"},
            "call": call, "arguments": args, "timestamp": "2019-01-10T03:00:00Z",
            "provider_info": {"name": p, "pushed": "2019-01-10T03:00:00Z"}});
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

fn proposed(job: &Value) -> Vec<u64> {
    job["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o[0] == 22)
        .flat_map(|o| o[1]["proposed_ops"].as_array().unwrap().clone())
        .map(|p| p["op"][0].as_u64().unwrap())
        .collect()
}

const START: &str = "2019-01-01T00:00:00Z";

/// `bos incident replay --sports EXAMPLES ARGS` with `input` on stdin; asserts success.
fn replay(args: &[&str], input: &str) -> Run {
    replay_any(args, input).ok()
}

/// [`replay`] of input with lines that are not incidents: the others run, and the
/// replay exits 1 saying how many were not.
fn replay_invalid(args: &[&str], input: &str, n: usize) -> Run {
    replay_any(args, input).fails(1, &format!("{n} input(s) were not valid incidents"))
}

fn replay_any(args: &[&str], input: &str) -> Run {
    let s = sports();
    let mut all = vec!["incident", "replay", "--sports", s.as_str()];
    all.extend_from_slice(args);
    bos_in(&all, input)
}

/// A store path in a temporary folder (kept while the folder lives).
fn temp_store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite").to_str().unwrap().to_string();
    (dir, db)
}

/// The status of each job of replay's JSON lines.
fn statuses(jobs: &Value) -> Vec<&str> {
    let jobs = jobs.as_array().unwrap().iter();
    jobs.map(|j| j["status"].as_str().unwrap()).collect()
}

/// Asserts the status of each job of replay's JSON lines.
#[track_caller]
fn assert_statuses(jobs: &Value, want: &[&str]) {
    assert_eq!(statuses(jobs), want, "{jobs}");
}

/// Replays [`stream`] as JSON lines into a fresh store, with `mode` (`--dry-run`,
/// `--devnet`): the store's folder (kept while it lives), its path, and the jobs.
fn replay_stream(mode: &str) -> (tempfile::TempDir, String, Value) {
    let (dir, db) = temp_store();
    let args = ["--db", db.as_str(), mode, "--now", START, "--json", "-"];
    let jobs = replay(&args, &stream()).json_lines();
    (dir, db, jobs)
}

#[test]
fn replay_dry_run_builds_without_a_wallet() {
    let (_dir, db, out) = replay_stream("--dry-run");
    let db = db.as_str();
    let jobs = out.as_array().unwrap();
    assert_eq!(jobs.len(), 5);
    // Dry run: nothing reaches the chain, so later calls find no event.
    assert_statuses(
        &out,
        &[
            "insufficient incidents",
            "done",
            "event missing",
            "insufficient incidents",
            "event missing",
        ],
    );
    assert_eq!(jobs[1]["call"], "create");
    assert_eq!(proposed(&jobs[1]), [56, 60, 61, 61, 60, 61, 61]);
    // `incident events` says why each call has its status, and what a job proposed.
    let ev = bos(&["--db", db, "incident", "events"]).ok().stdout;
    assert!(ev.contains("the event is not on chain"), "{ev}");
    assert!(ev.contains("proposed 1, not broadcast (dry run)"), "{ev}");
    assert!(ev.contains("reason") && ev.contains("proposals"), "{ev}");
    let u = jobs[1]["unique_string"].as_str().unwrap();
    assert!(
        u.ends_with("__atlanta-hawks__boston-celtics__create__20182019"),
        "{u}"
    );
    assert!(
        jobs[1]["operations"][0][1]["fee"]["amount"]
            .as_i64()
            .unwrap()
            > 0
    );
}

#[test]
fn replay_devnet_runs_from_creation_to_resolution() {
    let (_dir, db, out) = replay_stream("--devnet");
    let db = db.as_str();
    let jobs = out.as_array().unwrap();
    assert_statuses(
        &out,
        &[
            "insufficient incidents",
            "done",
            "done",
            "insufficient incidents",
            "done",
        ],
    );
    assert_eq!(proposed(&jobs[2]), [72]);
    assert_eq!(proposed(&jobs[4]), [72, 63, 63]);
    // Each new proposal is approved by init0 at the end of its job.
    assert_eq!(
        jobs[4]["operations"].as_array().unwrap().last().unwrap()[0],
        23
    );
    // Jobs after the create find the event on chain and say which it is; so does
    // `incident events`, on every line of the event (the create's too).
    assert_eq!(jobs[1]["event_id"], Value::Null, "{}", jobs[1]);
    let id = jobs[2]["event_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("1.22."), "{id}");
    assert_eq!(jobs[4]["event_id"], id.as_str());
    let ev = bos(&["--db", db, "--json", "incident", "events"])
        .ok()
        .json();
    let rows = ev.as_array().unwrap();
    assert!(rows.len() >= 3, "{ev}");
    assert!(rows.iter().all(|r| r["event_id"] == id.as_str()), "{ev}");
    let text = bos(&["--db", db, "incident", "events"]).ok().stdout;
    assert!(text.contains("on chain") && text.contains(&id), "{text}");
}

#[test]
fn replay_text_table_names_the_operations() {
    let out = replay(&["--dry-run", "--now", START, "-"], &stream());
    assert!(
        out.stdout
            .contains("propose [event_create, betting_market_group_create"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("insufficient incidents"));
}

#[test]
fn devnet_with_sports_and_proposals_listing() {
    let s = sports();
    let net = start_devnet(&["--clock", "manual", "--witnesses", "1", "--sports", &s]);
    let url = net.url.clone();
    let sport = bos(&["info", "1.20.0", "--node", &url, "--json"])
        .ok()
        .json();
    assert!(sport.to_string().contains("identifier"), "{sport}");
    bos(&["proposals", "--node", &url])
        .ok()
        .prints("no pending proposals for witness-account");
    let out = bos(&["proposals", "--node", &url, "--json"]).ok().json();
    assert_eq!(out, json!([]));
    // An account the chain does not know: said so (exit 1), not the node's assert.
    for who in ["nobody-here", "1.2.999"] {
        let r = bos(&["proposals", "--node", &url, who]).fails(1, "is not on chain");
        assert!(!r.stderr.contains("Assert"), "{}", r.stderr);
    }
}

/// The shipped bookiesports data (beatrice) and the 1,000-incident sample: an NBA create
/// proposes 7 operations and a soccer create 51, as bos-auto 0.4.9 did (spec §9).
/// Skips when ../shared/bookiesports is absent.
#[test]
fn replay_shipped_sports_matches_bos_auto_operation_counts() {
    let beatrice =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bookiesports/beatrice");
    if !beatrice.is_dir() {
        eprintln!("skipped: {} is absent", beatrice.display());
        return;
    }
    let sample = format!(
        "{}/tests/data/incidents/sample-1000.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let b = beatrice.to_string_lossy().to_string();
    let out = bos(&[
        "incident",
        "replay",
        "--sports",
        &b,
        "--dry-run",
        "--now",
        "incident",
        "--json",
        &sample,
    ])
    .ok()
    .json_lines();
    let jobs = out.as_array().unwrap();
    assert_eq!(jobs.len(), 1000);
    let mut counts = std::collections::BTreeMap::new();
    for j in jobs
        .iter()
        .filter(|j| j["status"] == "done" && j["call"] == "create")
    {
        let sport = j["unique_string"]
            .as_str()
            .unwrap()
            .split("__")
            .nth(1)
            .unwrap()
            .to_string();
        counts.insert(sport, proposed(j).len());
    }
    assert_eq!(counts.get("basketball"), Some(&7), "{counts:?}");
    assert_eq!(counts.get("soccer"), Some(&51), "{counts:?}");
}

#[test]
fn replay_against_a_node_with_the_wallet_then_proposals_and_approve() {
    let s = sports();
    let net = start_devnet(&["--block-interval", "1", "--witnesses", "3", "--sports", &s]);
    let url = net.url.clone();
    let wif = net.wif("init0");
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("wallet.sqlite");
    assert_eq!(bos_wallet(&w, &["wallet", "init"], "").0, 0);
    assert_eq!(
        bos_wallet(&w, &["wallet", "add-key", "-"], &format!("{wif}\n")).0,
        0
    );

    let (code, out, err) = bos_wallet(
        &w,
        &[
            "incident",
            "replay",
            "--sports",
            &s,
            "--node",
            &url,
            "--proposer",
            "init0",
            "--now",
            "2019-01-01T00:00:00Z",
            "--json",
            "-",
        ],
        &stream()
            .lines()
            .take(2)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    assert_eq!(code, 0, "{err}");
    let jobs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(jobs[1]["status"], "done", "{out}");

    // Pending, named, approved by init0 (its own approval at the end of the job).
    let (code, out, err) = bos_wallet(&w, &["proposals", "--node", &url], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("event_create \"Boston Celtics @ Atlanta Hawks\""),
        "{out}"
    );
    assert!(
        out.contains("betting_market_group_create \"Moneyline_TEST\""),
        "{out}"
    );
    assert!(out.contains("approved by: 1.2.7 (init0)"), "{out}");

    let db = dir.path().join("bos.sqlite");
    let db = db.to_str().unwrap();
    // `bos approve --proposer WHO` on the devnet with this store, then `more`.
    let approve = |who: &str, more: &[&str]| {
        let head = ["approve", "--proposer", who, "--node", &url, "--sports", &s];
        bos_wallet(&w, &[&head[..], &["--db", db], more].concat(), "")
    };
    let (code, out, err) = approve("init0", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("already approved by init0"), "{out}");
    // init1 has stored no incidents: nothing to re-derive, each proposal says why.
    let (code, out, err) = approve("init1", &["--dry-run", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["decisions"][0];
    assert_eq!(d["approved"], false, "{v}");
    assert!(
        d["reason"]
            .as_str()
            .unwrap()
            .contains("no stored incidents"),
        "{v}"
    );
    assert_eq!(v["operations"], json!([]));
    // Bad input: a non-proposal id, and --now incident outside replay.
    let (code, _, err) = bos_wallet(&w, &["approve", "--proposer", "init0", "1.2.3"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a proposal id"), "{err}");
    let (code, _, err) = bos_wallet(
        &w,
        &["approve", "--proposer", "init0", "--now", "incident"],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("only applies to `incident replay`"), "{err}");
}

/// The provider attacks of issue 21, replayed: a provider that copies another event's
/// `id_string` to ride on its providers, and one that reports a result twice under two
/// `unique_string`s to outvote an honest provider. Both incidents are refused at intake;
/// the copied event stays at `insufficient incidents` and the honest result is the one
/// settled.
#[test]
fn replay_refuses_forged_strings_and_settles_the_honest_majority() {
    let s = sports();
    let gsw = "2019-01-10t003000z__basketball__nba-regular-season__golden-state-warriors__washington-wizards";
    let inc = |call: &str, home: &str, away: &str, p: &str, extra: Value| {
        let args = match call {
            "create" => json!({"season": "2018/2019"}),
            _ => extra["arguments"].clone(),
        };
        let mut v = json!({"id": {"sport": "Basketball", "event_group_name": "NBA",
                "start_time": "2019-01-10T00:30:00Z", "home": home, "away": away},
            "call": call, "arguments": args, "timestamp": "2019-01-10T03:00:00Z",
            "provider_info": {"name": p, "pushed": "2019-01-10T03:00:00Z"}});
        for k in ["id_string", "unique_string"] {
            if let Some(x) = extra.get(k) {
                v[k] = x.clone();
            }
        }
        v.to_string()
    };
    let score = |h: &str, a: &str| json!({"arguments": {"home_score": h, "away_score": a}});
    let lines = [
        inc("create", "GSW", "WAS", "p1", json!({})),
        inc("create", "GSW", "WAS", "p2", json!({})),
        // One provider, another event's id string: its 2 providers would be counted.
        inc("create", "ATL", "BOS", "p3", json!({"id_string": gsw})),
        inc("create", "ATL", "BOS", "p3", json!({})),
        inc("result", "GSW", "WAS", "p1", score("100", "90")),
        inc("result", "GSW", "WAS", "p3", score("90", "100")),
        // The same result again under a unique string of its own choosing: a second vote.
        inc("result", "GSW", "WAS", "p3", {
            let mut x = score("90", "100");
            x["unique_string"] = json!(format!("{gsw}__result__90-100__again"));
            x
        }),
        inc("result", "GSW", "WAS", "p2", score("100", "90")),
    ];
    // `validate` says why.
    let out = bos_in(
        &["incident", "validate", "--sports", &s, "-"],
        &lines.join("\n"),
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains(&format!("id_string {gsw:?} does not match")),
        "{all}"
    );
    assert!(all.contains("unique_string"), "{all}");
    let all_jobs = replay_invalid(
        &["--devnet", "--now", START, "--json", "-"],
        &lines.join("\n"),
        2,
    )
    .json_lines();
    let jobs = all_jobs.as_array().unwrap();
    assert_statuses(
        &all_jobs,
        &[
            "insufficient incidents",
            "done",
            "invalid",
            "insufficient incidents",
            "insufficient incidents",
            "undecided",
            "invalid",
            "done",
        ],
    );
    // The settled result is the two honest providers' 100-90.
    let scores: Vec<Value> = jobs[7]["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o[0] == 22)
        .flat_map(|o| o[1]["proposed_ops"].as_array().unwrap().clone())
        .filter(|p| p["op"][0] == 72)
        .map(|p| p["op"][1]["scores"].clone())
        .collect();
    assert_eq!(scores, [json!(["100", "90"])], "{}", jobs[7]);
}

#[test]
fn replay_streams_json_lines_and_orders_by_time_on_request() {
    // The lifecycle with rising timestamps, written newest first, plus a broken line.
    let mut lines: Vec<String> = stream()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v["timestamp"] = json!(format!("2019-01-09T0{i}:00:00Z"));
            v.to_string()
        })
        .collect();
    lines.reverse();
    lines.insert(2, "{not json".into());
    let input = lines.join("\n");
    let run = |order: &str| {
        replay_invalid(
            &[
                "--devnet", "--now", "incident", "--json", "--order", order, "-",
            ],
            &input,
            1,
        )
    };
    let by_time = run("time");
    // One JSON object per line, every line a whole value.
    assert_eq!(by_time.stdout.lines().count(), 6, "{}", by_time.stdout);
    let jobs = by_time.json_lines();
    // The invalid line first (no time), then the lifecycle as it happened.
    assert_statuses(
        &jobs,
        &[
            "invalid",
            "insufficient incidents",
            "done",
            "done",
            "insufficient incidents",
            "done",
        ],
    );
    assert_eq!(jobs[0]["origin"], "<stdin>:3");
    assert!(
        jobs[0]["reason"].as_str().unwrap().contains("JSON"),
        "{jobs}"
    );
    assert_eq!(jobs[1]["origin"], "<stdin>:6");
    // In input order the results come before the event exists.
    let as_read = run("file").json_lines();
    assert_eq!(as_read[0]["call"], "result");
    assert_ne!(as_read[0]["status"], "done", "{as_read}");
    // Text (a dry run): one line per incident and the count by status on stderr.
    let text = replay_invalid(
        &["--dry-run", "--now", "incident", "--order", "time", "-"],
        &input,
        1,
    );
    assert_eq!(text.stdout.lines().count(), 6, "{}", text.stdout);
    assert!(
        text.stdout.lines().nth(2).unwrap().starts_with("done"),
        "{}",
        text.stdout
    );
    assert!(
        text.stderr.contains("6 incident(s) in") && text.stderr.contains("done 1"),
        "{}",
        text.stderr
    );
}

#[test]
fn replay_stops_quietly_when_its_reader_goes() {
    let s = sports();
    let many: String = stream().repeat(200);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bos"))
        .args([
            "incident",
            "replay",
            "--sports",
            &s,
            "--dry-run",
            "--json",
            "-",
        ])
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("bos-replay-pipe"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::{BufRead, Write};
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = stdin.write_all(many.as_bytes());
        });
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        let v: Value = serde_json::from_str(&first).unwrap();
        assert!(v["status"].is_string(), "{v}");
        // The reader closes after one line (`| head -1`).
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.code().is_some(), "killed by a signal");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

/// Input that is not an incident fails the replay (exit 1, as `incident validate`),
/// after every other incident ran and printed its line.
#[test]
fn replay_of_bad_input_runs_the_rest_and_exits_1() {
    let input = format!("{}\n{{oops\n", stream());
    let run = replay_invalid(&["--dry-run", "--now", START, "--json", "-"], &input, 1);
    let lines = run.json_lines();
    let st = statuses(&lines);
    assert_eq!(st.len(), 6, "{}", run.stdout);
    assert_eq!(st[5], "invalid");
    assert!(st[..5].iter().all(|s| *s != "invalid"), "{st:?}");
}
