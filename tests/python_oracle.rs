//! python-peerplays itself checks signatures made by `bos` (issue 2's held-out oracle).
//! Runs only when BOS_PYTHON names a python with `peerplays==0.5.3` installed, e.g.
//! `python3 -m venv /tmp/ppy && /tmp/ppy/bin/pip install peerplays==0.5.3 && BOS_PYTHON=/tmp/ppy/bin/python cargo test --test python_oracle`.

use std::io::Write;
use std::process::{Command, Stdio};

use bos::protocol::codec::Json;
use bos::protocol::{Path, PrivateKey, Transaction};
use serde_json::{json, Value};

/// The python of `BOS_PYTHON`, or `None` (and a note that the check is skipped).
fn python() -> Option<std::ffi::OsString> {
    let python = std::env::var_os("BOS_PYTHON");
    if python.is_none() {
        println!("skipped: set BOS_PYTHON to a python with peerplays==0.5.3 to run this check");
    }
    python
}

/// Runs `tests/python/SCRIPT` with `python`, `cases` as JSON on its stdin; asserts it
/// succeeds and gives its stdout.
fn run_python(python: &std::ffi::OsStr, script: &str, cases: &[Value]) -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new(python)
        .arg(format!("{dir}/tests/python/{script}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run BOS_PYTHON");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(cases).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{script}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn python_peerplays_verifies_bos_signatures() {
    let Some(python) = python() else { return };
    let dir = env!("CARGO_MANIFEST_DIR");
    let d: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/tests/data/vectors/transactions.json")).unwrap(),
    )
    .unwrap();
    let mut cases = Vec::new();
    for v in d["vectors"].as_array().unwrap() {
        let chain: [u8; 32] = hex::decode(v["chain_id"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let mut tx = Transaction::from_json(&v["tx_json"], &Path::ROOT).unwrap();
        tx.signatures.clear();
        let keys: Vec<PrivateKey> = v["signer_wifs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| PrivateKey::from_wif(w.as_str().unwrap()).unwrap())
            .collect();
        tx.sign(&chain, &keys.iter().collect::<Vec<_>>());
        cases.push(json!({
            "label": v["label"], "chain_id": v["chain_id"], "prefix": v["prefix"],
            "unsigned_hex": hex::encode(tx.unsigned_bytes()),
            "signatures": tx.signatures.iter().map(hex::encode).collect::<Vec<_>>(),
            "pubs": v["signer_pubkeys"],
        }));
    }
    let stdout = run_python(&python, "verify_signatures.py", &cases);
    assert_eq!(stdout.trim(), "verified 102");
}

/// python-peerplays reads the memos `bos transfer --memo` writes, and writes the same
/// bytes for the same nonce.
#[test]
fn python_peerplays_reads_bos_memos() {
    let Some(python) = python() else { return };
    let keys: Vec<PrivateKey> = (1u8..=4)
        .map(|n| PrivateKey::from_bytes(&[n * 17; 32]).unwrap())
        .collect();
    let texts = [
        "hi",
        "exactly 12 b",
        "ünïcödé, and longer than one block of sixteen",
        "0",
    ];
    let mut cases = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let (from, to) = (&keys[i], &keys[(i + 1) % keys.len()]);
        let m = bos::protocol::memo::memo(from, &to.public_key(), text).unwrap();
        assert_eq!(bos::protocol::memo::read(&m, to).unwrap(), *text);
        cases.push(json!({
            "from_wif": from.to_wif().as_str(), "to_wif": to.to_wif().as_str(), "nonce": m.nonce,
            "text": text, "message": hex::encode(&m.message.0),
        }));
    }
    let stdout = run_python(&python, "read_memos.py", &cases);
    assert_eq!(stdout.trim(), format!("read {}", texts.len()));
}
