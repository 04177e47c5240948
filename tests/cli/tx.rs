//! `bos tx ...` as a user runs it, against the python-peerplays vectors.

use crate::support::{bos, bos_in, temp_file, tx_verify, vectors};
use bos::protocol::keys::PublicKey;
use serde_json::{json, Value};

fn write_json(v: &Value) -> (tempfile::TempDir, String) {
    let (dir, path) = temp_file("in.json", serde_json::to_string(v).unwrap().as_bytes());
    (dir, path.to_string_lossy().into_owned())
}

/// The strings of a JSON array.
fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn encode_every_operation_vector() {
    for o in vectors("operations.json").as_array().unwrap() {
        let (_d, f) = write_json(&o["op_json"]);
        let r = bos(&["tx", "encode", &f]).ok();
        assert_eq!(
            r.stdout.trim(),
            o["op_hex"].as_str().unwrap(),
            "{} {}",
            o["op_name"],
            o["label"]
        );
        // decode gives node JSON that encodes to the same bytes
        let decoded = bos(&[
            "--json",
            "tx",
            "decode",
            "--op",
            o["op_hex"].as_str().unwrap(),
        ])
        .ok();
        let again = bos_in(&["tx", "encode", "-"], &decoded.stdout).ok();
        assert_eq!(again.stdout.trim(), o["op_hex"].as_str().unwrap());
    }
}

#[test]
fn encode_every_transaction_vector() {
    for v in vectors("transactions.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .step_by(3)
    {
        let (_d, f) = write_json(&v["tx_json"]);
        let chain = v["chain_id"].as_str().unwrap();
        let out = bos(&["--json", "tx", "encode", &f, "--chain-id", chain])
            .ok()
            .json();
        assert_eq!(out["hex"], v["signed_tx_hex"]);
        assert_eq!(out["unsigned_hex"], v["unsigned_tx_hex"]);
        assert_eq!(out["digest"], v["digest_sha256"]);
        assert_eq!(out["txid"], v["txid"]);
        let mut unsigned = v["tx_json"].clone();
        unsigned.as_object_mut().unwrap().remove("signatures");
        let (_d2, f2) = write_json(&unsigned);
        assert_eq!(
            bos(&["tx", "encode", &f2]).ok().stdout.trim(),
            v["unsigned_tx_hex"].as_str().unwrap()
        );
        // decode of the signed hex keeps the signatures
        let d = bos(&[
            "--json",
            "tx",
            "decode",
            v["signed_tx_hex"].as_str().unwrap(),
            "--prefix",
            v["prefix"].as_str().unwrap(),
        ])
        .ok()
        .json();
        assert_eq!(d["signatures"], v["tx_json"]["signatures"]);
    }
}

#[test]
fn encode_upstream_python_cases() {
    let d = vectors("upstream_tx_vectors.json");
    for v in d["vectors"].as_array().unwrap() {
        let tx = json!({
            "ref_block_num": v["ref_block_num"], "ref_block_prefix": v["ref_block_prefix"],
            "expiration": v["expiration"], "operations": [v["op_json"]], "extensions": []
        });
        let (_d, f) = write_json(&tx);
        assert_eq!(
            bos(&["tx", "encode", &f]).ok().stdout.trim(),
            v["unsigned_tx_hex"].as_str().unwrap(),
            "{}",
            v["test"]
        );
    }
}

#[test]
fn sign_then_verify() {
    for v in vectors("transactions.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(3)
    {
        let mut tx = v["tx_json"].clone();
        tx["signatures"] = json!([]);
        let (_d, f) = write_json(&tx);
        let wifs = strs(&v["signer_wifs"]);
        let (_k, keyfile) = temp_file(
            "keys",
            format!("# signer keys\n{}\n", wifs.join("\n")).as_bytes(),
        );
        let chain = v["chain_id"].as_str().unwrap();
        let signed = bos(&[
            "tx",
            "sign",
            &f,
            "--chain-id",
            chain,
            "--wif-file",
            keyfile.to_str().unwrap(),
        ])
        .ok();
        for w in &wifs {
            assert!(
                !signed.stdout.contains(w) && !signed.stderr.contains(w),
                "a WIF leaked"
            );
        }
        let sj: Value = serde_json::from_str(&signed.stdout).unwrap();
        assert_eq!(sj["signatures"].as_array().unwrap().len(), wifs.len());
        let out = tx_verify(&signed.stdout, chain, &strs(&v["signer_pubkeys"]));
        assert_eq!(out["valid"], true);
        assert_eq!(out["digest"], v["digest_sha256"]);
        let got: Vec<Value> = out["signers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["public_key"].clone())
            .collect();
        assert_eq!(Value::Array(got), v["signer_pubkeys"]);
        // Signing again with the same keys adds nothing and warns.
        let (_d3, f3) = write_json(&sj);
        let again = bos(&[
            "tx",
            "sign",
            &f3,
            "--chain-id",
            chain,
            "--wif-file",
            keyfile.to_str().unwrap(),
        ])
        .ok();
        assert!(again.stderr.contains("warning"));
        assert_eq!(
            serde_json::from_str::<Value>(&again.stdout).unwrap()["signatures"],
            sj["signatures"]
        );
    }
}

#[test]
fn verify_fails_for_the_wrong_chain_or_a_missing_signer() {
    let v = &vectors("transactions.json")["vectors"][0];
    let (_d, f) = write_json(&v["tx_json"]);
    bos(&["tx", "verify", &f, "--network", "alice"]).ok();
    let signer = v["signer_pubkeys"][0].as_str().unwrap();
    bos(&[
        "tx",
        "verify",
        &f,
        "--network",
        "testnet",
        "--expect",
        signer,
    ])
    .fails(1, "did not sign");
    let other = PublicKey::parse(
        vectors("keys.json")["keys"][5]["pubkey_PPY"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
    .to_string();
    bos(&["tx", "verify", &f, "--network", "alice", "--expect", &other]).fails(1, "did not sign");
    let mut unsigned = v["tx_json"].clone();
    unsigned["signatures"] = json!([]);
    let (_d2, f2) = write_json(&unsigned);
    bos(&["tx", "verify", &f2, "--network", "alice"]).fails(1, "no signatures");
    let mut broken = v["tx_json"].clone();
    broken["signatures"] = json!(["00".repeat(65)]);
    let (_d3, f3) = write_json(&broken);
    bos(&["tx", "verify", &f3, "--network", "alice"]).fails(1, "signature 0");
}

#[test]
fn bad_input_is_one_clear_line_and_exit_1() {
    let tx = |op: Value| json!({"ref_block_num": 1, "ref_block_prefix": 2, "expiration": "2025-06-01T12:00:00", "operations": [op], "extensions": []});
    let fee = json!({"amount": 0, "asset_id": "1.3.0"});
    let cases: Vec<(Value, &str)> = vec![
        (
            json!([0, {"fee": fee, "from": "1.2.1", "amount": {"amount": 1, "asset_id": "1.3.0"}}]),
            "missing field `to`",
        ),
        (
            json!([0, {"fee": fee, "from": "1.2.1", "to": 5, "amount": {"amount": 1, "asset_id": "1.3.0"}}]),
            "$[1].to: expected an object id string",
        ),
        (
            json!([0, {"fee": fee, "from": "1.3.1", "to": "1.2.2", "amount": {"amount": 1, "asset_id": "1.3.0"}}]),
            "not a account id",
        ),
        (json!([200, {}]), "tag 200 is not a Peerplays operation"),
        (json!(["no_such_op", {}]), "not a Peerplays operation"),
        (
            json!([5, {"fee": fee, "registrar": "1.2.1", "referrer": "1.2.1", "referrer_percent": 70000}]),
            "70000 is out of range for uint16",
        ),
        (
            json!([52, {"fee": {"amount": "9223372036854775808", "asset_id": "1.3.0"}, "name": []}]),
            "out of range for int64",
        ),
        (
            json!([21, {"fee": fee, "witness": "1.6.1", "witness_account": "1.2.9", "new_signing_key": "PPY65ErLfHGXsDBGQjWLVhNfoy9i9QQypfftDikhKhbnWcGUtxem1"}]),
            "checksum mismatch",
        ),
        (
            json!([72, {"fee": fee, "event_id": "1.22.1", "status": "paused", "scores": []}]),
            "not one of upcoming",
        ),
        (
            json!([52, {"fee": fee, "name": [["en"]]}]),
            "[key, value] pair",
        ),
        (
            json!([56, {"fee": fee, "name": [], "season": [], "start_time": "2025-06-01 12:00", "event_group_id": "1.21.1"}]),
            "YYYY-MM-DDTHH:MM:SS",
        ),
        (
            json!([52, {"fee": fee, "name": [], "extensions": [[1, {}]]}]),
            "only empty extensions",
        ),
        (
            tx(json!([0, {}])),
            "$.operations[0][1]: missing field `fee`",
        ),
        (
            json!({"ref_block_num": 1}),
            "missing field `ref_block_prefix`",
        ),
        (json!(42), "expected a transaction object or an operation"),
    ];
    for (input, needle) in cases {
        let r = bos_in(
            &["tx", "encode", "-"],
            &serde_json::to_string(&input).unwrap(),
        )
        .fails(1, needle);
        assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
    }
    bos_in(&["tx", "encode", "-"], "{not json").fails(1, "not valid JSON");
    bos_in(&["tx", "encode", "-"], "").fails(1, "not valid JSON");
    let (_d, bad_utf8) = temp_file("bad.json", b"[52, {\"name\": [[\"en\", \"\xff\"]]}]");
    bos(&["tx", "encode", bad_utf8.to_str().unwrap()]).fails(1, "invalid UTF-8");
    bos(&["tx", "encode", "/nonexistent.json"]).fails(1, "/nonexistent.json");
    // binary input
    bos(&["tx", "decode", "--op", "3400000000000000000001026e6502c328"]).fails(1, "invalid UTF-8");
    bos(&["tx", "decode", "--op", "00ff"]).fails(1, "ends at byte");
    bos(&["tx", "decode", "--op", "c801"]).fails(1, "tag 200");
    bos(&["tx", "decode", "xyz"]).fails(1, "not hex");
    bos(&["tx", "decode", "--op", "3400000000000000000000000000"]).fails(1, "trailing");
}

#[test]
fn usage_errors_exit_2() {
    let v = &vectors("transactions.json")["vectors"][0];
    let (_d, f) = write_json(&v["tx_json"]);
    let (_k, keys) = temp_file("k", v["signer_wifs"][0].as_str().unwrap().as_bytes());
    // `tx sign TX CHAIN --wif-file KEYS`
    let sign = |chain: &[&str], keys: &std::path::Path| {
        let wif_file = ["--wif-file", keys.to_str().unwrap()];
        bos(&[&["tx", "sign", &f], chain, &wif_file].concat())
    };
    sign(&[], &keys).fails(2, "--chain-id");
    sign(&["--network", "nowhere"], &keys).fails(2, "unknown network");
    sign(&["--chain-id", "abc"], &keys).fails(2, "64 hex");
    bos(&["tx", "sign", &f, "--network", "alice"]).fails(2, "--wif-file");
    bos(&["tx", "frobnicate"]).fails(2, "unrecognized subcommand");
    let (_b, badkeys) = temp_file("k", b"not-a-wif\n");
    sign(&["--network", "alice"], &badkeys).fails(1, "line 1");
}

#[test]
fn python_quirks_are_accepted_with_warnings_only_for_unknown_fields() {
    // python's authority carries `extensions`, proposal_delete misspells it: no warning.
    let ops = vectors("operations.json");
    let ac = ops
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["op_name"] == "account_create")
        .unwrap();
    let r = bos_in(&["tx", "encode", "-"], &ac["op_json"].to_string()).ok();
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    // a typo in an optional field is reported (the node would silently ignore it)
    let typo = json!([21, {"fee": {"amount": 0, "asset_id": "1.3.0"}, "witness": "1.6.1", "witness_account": "1.2.9", "new_signing_ky": "x"}]);
    let r = bos_in(&["tx", "encode", "-"], &typo.to_string()).ok();
    assert!(
        r.stderr.contains("unknown field `new_signing_ky`"),
        "{}",
        r.stderr
    );
}
