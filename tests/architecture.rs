//! Structure the project promises and a compiler does not check.
//!
//! One place signs transactions for broadcast: `src/chain/sender.rs`
//! (`sign_transaction`, used by the `Sender` and by the offline `bos tx sign`).
//! Block signatures in the devnet's producer and the signing primitives in
//! `src/protocol` are the only other signing code.

use std::path::Path;

mod support;

fn files_containing(needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = support::files_with_extension(&root.join("src"), "rs");
    let mut out: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| needles.iter().any(|n| l.contains(n)))
        })
        .map(|f| {
            f.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn one_place_signs_transactions() {
    // `tx.sign(...)` / `Transaction::sign` and the raw signing primitive.
    let signing = files_containing(&[".sign(", "sign_digest("]);
    let allowed = [
        "src/chain/sender.rs",
        "src/protocol/signing.rs",
        "src/protocol/transaction.rs",
        // Block signatures (not transactions) of the devnet's producer.
        "src/devnet/block.rs",
        "src/devnet/producer.rs",
    ];
    let stray: Vec<&String> = signing
        .iter()
        .filter(|f| !allowed.contains(&f.as_str()))
        .collect();
    assert!(
        stray.is_empty(),
        "signing outside src/chain/sender.rs: {stray:?}"
    );
    assert!(signing.contains(&"src/chain/sender.rs".to_string()));
    // Who calls the one signing function: the Sender, and the offline `bos tx sign`.
    let callers = files_containing(&["sign_transaction("]);
    assert_eq!(
        callers,
        vec![
            "src/chain/sender.rs",
            "src/cli/tx.rs",
            "src/wallet/store.rs"
        ],
        "sign_transaction is called from elsewhere"
    );
}

#[test]
fn one_place_broadcasts_transactions() {
    let broadcasting = files_containing(&["\"broadcast_transaction"]);
    let stray: Vec<&String> = broadcasting
        .iter()
        .filter(|f| !f.starts_with("src/chain/") && *f != "src/devnet/api.rs")
        .collect();
    assert!(
        stray.is_empty(),
        "a broadcast outside the Sender (the devnet serves the call): {stray:?}"
    );
    assert!(broadcasting.contains(&"src/chain/sender.rs".to_string()));
}

/// The CLI's command files never import each other: what several commands need lives in
/// the shared modules (`config` settings, `error`, `input`, `intake`, `node`, `output`,
/// `secrets`, `signal`). A command group may only name its subcommands' argument types
/// (`Replay(super::engine::ReplayArgs)`).
#[test]
fn cli_commands_never_import_each_other() {
    const SHARED: &[&str] = &[
        "config",
        "error",
        "input",
        "intake",
        "node",
        "output",
        "secrets",
        "settings",
        "signal",
        "stream",
        "docs",
        "completions",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut bad = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        if p.extension().is_none_or(|x| x != "rs")
            || name == "mod"
            || SHARED.contains(&name.as_str())
        {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            let mut rest = t;
            while let Some(i) = rest.find("super::") {
                let after = &rest[i + "super::".len()..];
                let module: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let is_module = after[module.len()..].starts_with("::");
                // A subcommand variant: `Name(super::module::SomethingArgs),`
                let variant = t.ends_with("Args),")
                    && t.split('(').next().is_some_and(|v| {
                        v.chars().all(|c| c.is_ascii_alphanumeric()) && !v.is_empty()
                    });
                if is_module && !SHARED.contains(&module.as_str()) && !variant {
                    bad.push(format!("src/cli/{name}.rs:{}: {t}", n + 1));
                }
                rest = after;
            }
            if let Some(list) = t.strip_prefix("use super::{") {
                for item in list.trim_end_matches("};").split(',') {
                    let item = item.trim();
                    let first = item.split("::").next().unwrap_or_default();
                    if !first.is_empty()
                        && first.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && !SHARED.contains(&first)
                    {
                        bad.push(format!("src/cli/{name}.rs:{}: {t}", n + 1));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "command files importing other commands:\n{}",
        bad.join("\n")
    );
}
