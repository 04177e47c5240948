//! The held-out check of issue #4: python-peerplays 0.5.3, a client nobody here
//! wrote, connects to the devnet, reads its objects and broadcasts a transfer it
//! signs itself; the devnet must accept and apply it.
//!
//! Runs only when `BOS_PYTHON` names a python with `peerplays==0.5.3` installed
//! (e.g. `python3 -m venv /tmp/ppy && /tmp/ppy/bin/pip install peerplays==0.5.3`,
//! then `BOS_PYTHON=/tmp/ppy/bin/python cargo test --test python_peerplays`);
//! otherwise it says why it skipped.

use bos::devnet::Config;
use serde_json::{json, Value};

mod support;

use support::net::Net;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_peerplays_reads_and_broadcasts() {
    let Some(python) = std::env::var_os("BOS_PYTHON") else {
        eprintln!("skipped: set BOS_PYTHON to a python with peerplays==0.5.3 installed");
        return;
    };
    let net = Net::start(Config::for_tests("python", 3)).await;
    net.produce(2).await;
    let bob_before = net.balance("bob").await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/ppy_devnet.py");
    let url = net.url();
    let alice = net.listing.account("alice").wif.clone();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(python)
            .args([script, url.as_str(), alice.as_str()])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python-peerplays failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
    assert_eq!(report["chain_id"], net.listing.chain_id.as_str());
    // The transfer is in the pending state now and in the next block.
    let bob_after = net.balance("bob").await;
    let sent = report["transferred_satoshis"].as_i64().unwrap();
    assert_eq!(bob_after, bob_before + sent);
    let out = net.produce(1).await;
    let block = net.db("get_block", json!([out[0]["block_num"]])).await;
    let op = &block["transactions"][0]["operations"][0];
    assert_eq!(op[0], 0, "{block}");
    assert_eq!(op[1]["amount"]["amount"], sent);
    net.devnet.stop().await;
}
