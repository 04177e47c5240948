//! `bos devnet` and the commands that use a node, run as a new user would.

use crate::support::{bos, bos_env, bos_in, start_devnet, tx_verify, DevnetProcess};

fn devnet() -> DevnetProcess {
    start_devnet(&["--clock", "manual", "--witnesses", "3", "--seed", "cli"])
}

/// SIGTERM (a supervisor's stop) ends `bos devnet` as Ctrl-C does: exit 0, not killed
/// by the signal, even right after it printed its listing.
#[cfg(unix)]
#[test]
fn devnet_stops_on_sigterm() {
    let mut net = devnet();
    let st = crate::support::sigterm_and_wait(&mut net._proc.0, std::time::Duration::from_secs(20));
    assert!(st.success(), "{st:?}");
}

#[test]
fn devnet_listing_and_node_commands() {
    let net = devnet();
    let l = &net.listing;
    let url = l.endpoint.clone();
    assert_eq!(l.prefix, "TEST");
    assert_eq!(l.chain_id.len(), 64);
    assert_eq!(l.witnesses.len(), 3);
    let alice = l.account("alice");
    assert!(alice.wif.starts_with('5'));
    assert!(alice.public_key.starts_with("TEST"));

    let node = ["--node", url.as_str()];
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = node.to_vec();
        all.extend_from_slice(args);
        bos(&all)
    };
    run(&["rpc", "--api", "devnet", "produce_blocks", "2"]).ok();
    let dgp = run(&["--json", "info"]).ok().json();
    assert_eq!(dgp["head_block_number"], 2);
    let block = run(&["--json", "info", "1"]).ok().json();
    assert!(block["witness"].as_str().unwrap().starts_with("1.6."));
    let wa = run(&["--json", "info", "1.2.1"]).ok().json();
    assert_eq!(wa["name"], "witness-account");
    let by_key = run(&["--json", "info", alice.public_key.as_str()])
        .ok()
        .json();
    assert_eq!(by_key[0]["name"], "alice");
    let acct = run(&["--json", "info", "alice"]).ok().json();
    assert_eq!(acct["account"]["name"], "alice");
    let text = run(&["account", "alice"]).ok();
    assert!(text.stdout.contains("alice"), "{}", text.stdout);
    let w = run(&["--json", "witness", "init0"]).ok().json();
    assert_eq!(w["active"], true);
    assert!(w["last_confirmed_block_num"].as_u64().unwrap() <= 2);
    let text = run(&["witness", "init1"]).ok();
    assert!(text.stdout.contains("total missed"), "{}", text.stdout);
    let objs = run(&["--json", "rpc", "get_objects", r#"["2.1.0","1.6.1"]"#])
        .ok()
        .json();
    assert_eq!(objs[0]["id"], "2.1.0");
    run(&["rpc", "no_such_method"]).fails(5, "no method with name 'no_such_method'");
    run(&["info", "nobody-here"]).fails(1, "does not exist");
}

#[test]
fn unreachable_node_exits_4() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}", l.local_addr().unwrap());
    drop(l);
    bos(&["--node", &url, "info"]).fails(4, "no node reachable");
}

#[test]
fn sign_from_wallet_with_the_node_and_broadcast() {
    let net = devnet();
    let url = net.url.clone();
    let (alice, bob) = (net.account("alice"), net.account("bob"));
    let dir = tempfile::tempdir().unwrap();
    let wallet = dir.path().join("w.sqlite");
    let w = wallet.to_str().unwrap();
    let pw = [("BOS_WALLET_PASSWORD", "devnet wallet pw")];
    bos_env(&["--wallet", w, "wallet", "init"], "", &pw).ok();
    bos_env(
        &["--wallet", w, "wallet", "add-key", "-"],
        alice.wif.as_str(),
        &pw,
    )
    .ok();

    bos(&[
        "--node",
        &url,
        "rpc",
        "--api",
        "devnet",
        "produce_blocks",
        "1",
    ])
    .ok();
    let dgp = bos(&["--node", &url, "--json", "info"]).ok().json();
    let head: [u8; 20] = hex::decode(dgp["head_block_id"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let (num, prefix) = bos::protocol::transaction::tapos(&head);
    let now = bos::protocol::TimePointSec::parse(dgp["time"].as_str().unwrap()).unwrap();
    let tx = serde_json::json!({
        "ref_block_num": num, "ref_block_prefix": prefix,
        "expiration": bos::protocol::TimePointSec(now.0 + 120).to_string(),
        "operations": [[0, {"fee": {"amount": 5_000_000, "asset_id": "1.3.0"}, "from": alice.id, "to": bob.id,
                             "amount": {"amount": 12345, "asset_id": "1.3.0"}, "extensions": []}]],
        "extensions": []
    });
    let txf = dir.path().join("tx.json");
    std::fs::write(&txf, tx.to_string()).unwrap();
    // The node tells which keys can sign; the wallet has alice's; the chain id comes from the node.
    let txs = txf.to_str().unwrap();
    // `tx sign TX --from-wallet` with the wallet at `wallet`.
    let sign = |wallet: &str| {
        let args = [
            "--wallet",
            wallet,
            "--node",
            &url,
            "tx",
            "sign",
            txs,
            "--from-wallet",
        ];
        bos_env(&args, "", &pw)
    };
    let signed = sign(w).ok();
    assert!(!signed.stdout.contains(alice.wif.as_str()));
    let chain = net.listing.chain_id.as_str();
    let verified = tx_verify(&signed.stdout, chain, &[alice.public_key.as_str()]);
    assert_eq!(verified["valid"], true);
    // -d prints without sending; then the real broadcast; a second one is a duplicate.
    let broadcast = ["--node", &url, "tx", "broadcast", "-"];
    bos_in(
        &["--node", &url, "-d", "tx", "broadcast", "-"],
        &signed.stdout,
    )
    .ok();
    bos_in(&broadcast, &signed.stdout).ok();
    bos_in(&broadcast, &signed.stdout).fails(5, "uplicate");
    // A wallet without a usable key says so.
    let other = dir.path().join("o.sqlite");
    bos_env(
        &["--wallet", other.to_str().unwrap(), "wallet", "init"],
        "",
        &pw,
    )
    .ok();
    sign(other.to_str().unwrap()).fails(1, "holds none of the keys");
}
