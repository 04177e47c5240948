//! `bos balance`, `bos transfer`, `bos fees`, `bos info ASSET` against a devnet that
//! really executes the transfer.

use crate::support::{bos_env, start_devnet, wallet_with, Run, WALLET_PASSWORD};

#[test]
fn transfer_moves_funds_and_balance_fees_and_info_show_them() {
    let net = start_devnet(&["--clock", "manual", "--witnesses", "1", "--seed", "funds"]);
    let alice = net.account("alice");
    let (_dir, wallet) = wallet_with(&[&alice.wif]);
    let w = wallet.to_str().unwrap().to_string();
    let env = [
        ("BOS_WALLET", w.as_str()),
        ("BOS_WALLET_PASSWORD", WALLET_PASSWORD),
    ];
    let run = |args: &[&str]| -> Run {
        let mut all = vec!["--node", net.url.as_str()];
        all.extend_from_slice(args);
        bos_env(&all, "", &env)
    };
    let balance = |who: &str| -> i64 {
        let j = run(&["--json", "balance", who]).ok().json();
        let list = j.as_array().unwrap();
        assert_eq!(list.len(), 1, "{j}");
        assert_eq!(list[0]["asset"], "TEST");
        list[0]["satoshis"].as_i64().unwrap()
    };
    let (a0, b0) = (balance("alice"), balance("bob"));

    // The human table: names beside ids, amounts in the asset's units.
    let t = run(&["balance", "alice", "bob"]).ok().stdout;
    assert!(
        t.contains("alice (1.2.") && t.contains("TEST (1.3.0)"),
        "{t}"
    );
    // On a TEST chain, keys show with its prefix.
    let keys = run(&["wallet", "list"]).ok().stdout;
    assert!(keys.contains(&alice.public_key), "{keys}");
    // Without an account: the wallet's (alice's key).
    let mine = run(&["--json", "balance"]).ok().json();
    assert_eq!(mine[0]["account"], alice.name.as_str(), "{mine}");

    // -x and -d build the transfer and send nothing.
    let x = run(&["-x", "transfer", "alice", "bob", "1.5", "TEST"])
        .ok()
        .json();
    assert_eq!(x["operations"][0][0], 0, "{x}");
    assert_eq!(x["operations"][0][1]["amount"]["amount"], 150_000);
    assert!(x["signatures"].as_array().unwrap().is_empty());
    let d = run(&["-d", "transfer", "alice", "bob", "1.5", "test"])
        .ok()
        .json();
    assert_eq!(d["signatures"].as_array().unwrap().len(), 1, "{d}");
    run(&["rpc", "--api", "devnet", "produce_blocks", "1"]).ok();
    assert_eq!((balance("alice"), balance("bob")), (a0, b0));

    // Broadcast for real: bob gets 1.5, alice pays 1.5 and the fee.
    let fees = run(&["--json", "fees", "transfer"]).ok().json();
    assert_eq!(fees[0]["operation"], "transfer", "{fees}");
    let fee: f64 = fees[0]["fee"].as_str().unwrap().parse().unwrap();
    let out = run(&["transfer", "alice", "bob", "1.5", "TEST"])
        .ok()
        .stdout;
    assert!(
        out.contains("1.50000 TEST from alice (1.2.") && out.contains("to bob (1.2."),
        "{out}"
    );
    run(&["rpc", "--api", "devnet", "produce_blocks", "1"]).ok();
    let fee_sat = (fee * 100_000.0).round() as i64;
    assert_eq!(balance("bob"), b0 + 150_000);
    assert_eq!(balance("alice"), a0 - 150_000 - fee_sat);

    // A memo: encrypted from alice's memo key to bob's, in the block; bob reads it,
    // a third key does not.
    let out = run(&[
        "transfer",
        "alice",
        "bob",
        "0.1",
        "TEST",
        "--memo",
        "for the oracle",
    ])
    .ok()
    .stdout;
    assert!(
        out.contains("memo") && out.contains("for the oracle"),
        "{out}"
    );
    run(&["transfer", "alice", "bob", "0.2", "TEST", "--memo", "ünï 2"]).ok();
    run(&["rpc", "--api", "devnet", "produce_blocks", "1"]).ok();
    assert_eq!(balance("bob"), b0 + 150_000 + 30_000);
    // Read back from the block the node made.
    let head = run(&["--json", "info"]).ok().json()["head_block_number"].clone();
    let block = run(&["--json", "info", &head.to_string()]).ok().json();
    let memos: Vec<&serde_json::Value> = block["transactions"]
        .as_array()
        .unwrap_or_else(|| panic!("{block}"))
        .iter()
        .map(|t| &t["operations"][0][1]["memo"])
        .collect();
    assert_eq!(memos.len(), 2, "{block}");
    let bob = bos::protocol::PrivateKey::from_wif(&net.account("bob").wif).unwrap();
    let other = bos::protocol::PrivateKey::from_bytes(&[7; 32]).unwrap();
    let mut read = Vec::new();
    for memo in memos {
        let m = <bos::protocol::types::Memo as bos::protocol::Json>::from_json(
            memo,
            &bos::protocol::Path::ROOT,
        )
        .unwrap_or_else(|e| panic!("{e}: {block}"));
        read.push(bos::protocol::memo::read(&m, &bob).unwrap());
        assert!(bos::protocol::memo::read(&m, &other).is_err());
    }
    read.sort();
    assert_eq!(read, ["for the oracle", "ünï 2"]);
    // An empty memo is no memo (as python-peerplays does).
    let x = run(&["-x", "transfer", "alice", "bob", "1", "TEST", "--memo", ""])
        .ok()
        .json();
    assert!(x["operations"][0][1].get("memo").is_none(), "{x}");

    // --json without --blocking: the id and the signed transaction as sent (a script
    // can keep it); the block fields come only with --blocking (tests/devnet.rs).
    let bob_before = balance("bob");
    let v = run(&["--json", "transfer", "alice", "bob", "0.01", "TEST"])
        .ok()
        .json();
    assert_eq!(v["id"].as_str().map(str::len), Some(40), "{v}");
    assert_eq!(
        v["trx"]["operations"][0][1]["amount"]["amount"], 1000,
        "{v}"
    );
    assert_eq!(
        v["trx"]["signatures"].as_array().map(Vec::len),
        Some(1),
        "{v}"
    );
    assert!(v.get("block_num").is_none(), "{v}");
    assert!(v["trx"].get("operation_results").is_none(), "{v}");
    // The same transfer again before a block: the very same transaction (operations,
    // reference block and expiration), which the node refuses; the error says why.
    run(&["transfer", "alice", "bob", "0.01", "TEST"])
        .fails(5, "duplicate transaction")
        .fails(5, "hint: the same transaction");
    run(&["rpc", "--api", "devnet", "produce_blocks", "1"]).ok();
    assert_eq!(balance("bob"), bob_before + 1000);
    // After the block it is a new transaction.
    run(&["transfer", "alice", "bob", "0.01", "TEST"]).ok();
    run(&["rpc", "--api", "devnet", "produce_blocks", "1"]).ok();
    assert_eq!(balance("bob"), bob_before + 2000);

    // Bad input: usage errors before any transaction, clear failures after lookups.
    run(&["transfer", "alice", "bob", "-1", "TEST"]).fails(2, "is not an amount");
    run(&["transfer", "alice", "bob", "0", "TEST"]).fails(2, "more than 0");
    run(&["transfer", "alice", "bob", "1.000001", "TEST"]).fails(2, "TEST has 5 decimal places");
    run(&["transfer", "alice", "alice", "1", "TEST"]).fails(2, "would pay itself");
    run(&["transfer", "alice", "nobody-here", "1", "TEST"]).fails(1, "nobody-here");
    run(&["transfer", "alice", "bob", "1", "NOPE"]).fails(1, "asset \"NOPE\" is not on chain");
    run(&["fees", "no_such_op"]).fails(2, "is not an operation");

    // info ASSET: a table of fields; --json one value.
    let t = run(&["info", "TEST"]).ok().stdout;
    assert!(
        t.contains("symbol")
            && t.contains("precision")
            && t.contains("dynamic_asset_data.current_supply"),
        "{t}"
    );
    let j = run(&["--json", "info", "TEST", "1.3.0"]).ok();
    assert_eq!(j.stdout.lines().count(), 1, "{}", j.stdout);
    assert_eq!(j.json()[1]["symbol"], "TEST");
}
