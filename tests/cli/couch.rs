//! `bos incident new` (flags and a pseudo-terminal) and `bos incident providers`.

use serde_json::{json, Value};

use crate::support::{bin, bos, bos_in, game};

fn sports() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

/// A store path in a fresh temporary folder (kept while the folder lives).
fn temp_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite").display().to_string();
    (dir, db)
}

#[test]
fn new_from_flags_makes_an_incident_that_validates() {
    let s = sports();
    let (_dir, db) = temp_db();
    let db = db.as_str();
    // `incident new --call result` of the game with 101:97 by cp1, stored; `now`
    // adds `--now`.
    let new_result = |group: &str, now: &[&str]| {
        let mut a = vec!["--sports", s.as_str(), "--db", db];
        a.extend_from_slice(now);
        a.extend(["incident", "new", "--call", "result"]);
        a.extend(game(
            group,
            "Atlanta Hawks",
            "Boston Celtics",
            "2019-01-10T00:30:00Z",
        ));
        a.extend([
            "--home-score",
            "101",
            "--away-score",
            "97",
            "--provider",
            "cp1",
            "--store",
        ]);
        bos(&a).ok()
    };
    let r = new_result("NBAREGULARSEASON", &["--now", "2019-01-01T00:00:00Z"]);
    assert!(
        r.stderr.contains("stored: 2019-01-10t003000z__basketball"),
        "{}",
        r.stderr
    );
    let inc: Value = serde_json::from_str(&r.stdout).unwrap();
    // Normalized: the alias became the event group's name.
    assert_eq!(inc["id"]["event_group_name"], "NBA Regular Season");
    assert_eq!(
        inc["arguments"],
        json!({"home_score": "101", "away_score": "97"})
    );
    bos_in(&["--sports", &s, "incident", "validate", "-"], &r.stdout).ok();
    let again = new_result("NBA Regular Season", &[]);
    assert!(again.stderr.contains("duplicate"), "{}", again.stderr);

    // Outside bookiesports is impossible, as is a team playing itself; missing fields
    // without a terminal are usage errors that name the flag.
    let create = |home: &str, away: &str| {
        bos(&[
            &["--sports", &s, "incident", "new", "--call", "create"][..],
            &game("NBA", home, away, "2019-01-10T00:30:00Z"),
        ]
        .concat())
    };
    create("Nobody", "Boston Celtics")
        .fails(1, "no participant of Basketball has this name or alias");
    create("ATL", "Atlanta Hawks").fails(
        2,
        r#"home and away are the same team: "ATL" and "Atlanta Hawks" are both Atlanta Hawks"#,
    );
    bos(&["--sports", &s, "incident", "new", "--call", "create"])
        .fails(2, "missing --sport (and no terminal to ask on)");
    bos(&["--sports", &s, "incident", "new", "--call", "goal"]).fails(2, "goal");
}

#[test]
fn new_through_a_pseudo_terminal_walks_the_menus() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` (a pseudo-terminal) is not installed");
        return;
    }
    let s = sports();
    let (_dir, db) = temp_db();
    let cmd = format!(
        "{} --sports '{s}' --db '{db}' --now 2019-01-01T00:00:00Z incident new --provider cp2 --store",
        bin(),
    );
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut script = Command::new("script");
    crate::support::hermetic(&mut script);
    let mut child = script
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // call: three down to `result`; then the first sport, league, home team and
    // (of the rest) away team; the start; the scores.
    let keys: [&[u8]; 8] = [
        b"\x1b[B\x1b[B\x1b[B\r",
        b"\r",
        b"\r",
        b"\r",
        b"\r",
        b"2019-01-10T00:30:00Z\r",
        b"2\r",
        b"1\r",
    ];
    let writer = std::thread::spawn(move || {
        for k in keys {
            std::thread::sleep(std::time::Duration::from_millis(400));
            let _ = input.write_all(k);
            let _ = input.flush();
        }
        std::thread::sleep(std::time::Duration::from_millis(1500));
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(
        text.contains(
            "stored: 2019-01-10t003000z__basketball__nba-regular-season__atlanta-hawks__boston-celtics__result__2-1"
        ),
        "{text}"
    );
    // What the menus made is in the store and validates.
    let list = bos(&["--sports", &s, "--db", &db, "--json", "incident", "list"])
        .ok()
        .json();
    assert_eq!(list[0]["provider_info"]["name"], "cp2", "{list}");
    bos_in(
        &["--sports", &s, "incident", "validate", "-"],
        &list[0].to_string(),
    )
    .ok();
}

#[test]
fn providers_report_on_a_replayed_stream() {
    let s = sports();
    let (_dir, db) = temp_db();
    let db = db.as_str();
    let inc = |call: &str, args: Value, p: &str| {
        json!({"id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
            "start_time": "2019-01-10T00:30:00Z", "home": "Atlanta Hawks", "away": "Boston Celtics"},
            "call": call, "arguments": args, "timestamp": "2019-01-01T00:00:00Z",
            "provider_info": {"name": p, "pushed": "2019-01-01T00:00:00Z"}})
        .to_string()
    };
    let score = |h: &str, a: &str| json!({"home_score": h, "away_score": a});
    let stream = [
        inc("create", json!({"season": "2018/2019"}), "p1"),
        inc("create", json!({"season": "2018/2019"}), "p2"),
        inc("result", score("101", "97"), "p1"),
        inc("result", score("99", "97"), "p3"),
        inc("result", score("101", "97"), "p2"),
    ]
    .join("\n");
    let jobs: Value = bos_in(
        &[
            "--sports",
            &s,
            "--db",
            db,
            "--now",
            "2019-01-01T00:00:00Z",
            "--json",
            "incident",
            "replay",
            "--devnet",
            "-",
        ],
        &stream,
    )
    .ok()
    .json_lines();
    assert_eq!(jobs[4]["status"], "done", "{jobs}");
    let v = bos(&["--db", db, "--json", "incident", "providers"])
        .ok()
        .json();
    let p = |n: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["provider"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(p("p1")["calls"], json!({"create": 1, "result": 1}));
    assert_eq!(p("p1")["agreed"], 1);
    assert_eq!(p("p2")["agreed"], 1);
    assert_eq!(p("p3")["calls"], json!({"result": 1}));
    assert_eq!(p("p3")["disagreed"], 1);
    assert_eq!(p("p3")["agreed"], 0);
    let table = bos(&["--db", db, "incident", "providers"]).ok();
    assert!(table.stdout.contains("0/1 (0%)"), "{}", table.stdout);
}
