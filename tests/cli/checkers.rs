//! Approval checkers through the CLI: `incident replay --checker`, `approve
//! --checker` with the example HTTP checker, and `bos proposals` showing why.

use super::propose::{create_incidents, propose_create, Net};

#[test]
fn refusals_are_kept_from_the_chain_and_shown_with_their_reason() {
    let n = Net::start(true);
    // init1 proposes the event; init0 would approve it from its own incidents...
    n.run(&propose_create(&[], "init1", &[])).ok();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let db = db.to_str().unwrap();
    let f = create_incidents(dir.path());
    let refuse = format!(
        "{}/examples/checkers/refuse-event-group.sh 'NBA Regular Season'",
        env!("CARGO_MANIFEST_DIR")
    );
    // ...but its checker refuses NBA games.
    let r = n
        .run(&[
            "--db",
            db,
            "--now",
            "2019-01-01T00:00:00Z",
            "incident",
            "replay",
            "--proposer",
            "init0",
            "--checker",
            &refuse,
            &f,
        ])
        .ok();
    assert!(
        r.stdout
            .contains("not approving 1.10.0: checker refuse-event-group.sh: touches event group NBA Regular Season"),
        "{}",
        r.stdout
    );
    let shown = n.run(&["--db", db, "proposals"]).ok();
    assert!(
        shown.stdout.contains("approved by: nobody"),
        "{}",
        shown.stdout
    );
    assert!(
        shown
            .stdout
            .contains("checker refuse-event-group.sh for init0: REFUSED: touches event group NBA Regular Season"),
        "{}",
        shown.stdout
    );

    // The example HTTP checker holds proposals of more than 3 operations.
    let exe = std::env::current_exe().unwrap();
    let checker = exe
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("examples").join("http-checker"))
        .unwrap();
    if !checker.exists() {
        eprintln!("skipped the HTTP part: {} is not built", checker.display());
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let _server = crate::support::Proc(
        std::process::Command::new(&checker)
            .args([addr.as_str(), "3"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://{addr}/check");
    let mut ok = None;
    for _ in 0..50 {
        let r = n.run(&[
            "--db",
            db,
            "--now",
            "2019-01-01T00:00:00Z",
            "approve",
            "--proposer",
            "init0",
            "--checker",
            &url,
        ]);
        if !r.stdout.contains("POST failed") && !r.stderr.contains("POST failed") {
            ok = Some(r);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let r = ok.expect("the HTTP checker answers").ok();
    assert!(
        r.stdout
            .contains("7 operations: more than 3, held for a person to review"),
        "{}",
        r.stdout
    );
}
