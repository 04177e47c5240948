//! `--help`: each command's own options first, the global ones under their own heading
//! and only where they apply; `--password-file` before or after the subcommand.

use crate::support::bos;

/// The flags listed under "Global options:" in a help text.
fn globals(help: &str) -> Vec<String> {
    let Some(start) = help.find("\nGlobal options:\n") else {
        return Vec::new();
    };
    help[start..]
        .lines()
        .skip(2)
        .filter_map(|l| {
            let t = l.trim_start();
            let flag = t.split([' ', ',']).find(|w| w.starts_with("--"))?;
            (l.starts_with("  ") && t.starts_with('-')).then(|| flag.to_string())
        })
        .collect()
}

#[test]
fn global_options_are_listed_apart_and_only_where_they_apply() {
    let key = bos(&["key", "new", "--help"]).ok().stdout;
    assert_eq!(globals(&key), ["--json"], "{key}");
    for flag in [
        "--nobroadcast",
        "--unsigned",
        "--sports",
        "--db",
        "--password-file",
    ] {
        assert!(!key.contains(flag), "{flag} in key new --help:\n{key}");
    }
    // Own options come first.
    let own = key.find("--words").unwrap();
    assert!(own < key.find("Global options:").unwrap(), "{key}");

    let info = bos(&["info", "--help"]).ok().stdout;
    assert_eq!(
        globals(&info),
        ["--json", "--node", "--node-timeout"],
        "{info}"
    );

    let propose = bos(&["propose", "event-status", "--help"]).ok().stdout;
    let g = globals(&propose);
    for flag in [
        "--nobroadcast",
        "--unsigned",
        "--sports",
        "--db",
        "--node",
        "--password-file",
        "--wallet",
    ] {
        assert!(
            g.contains(&flag.to_string()),
            "{flag} not global in:\n{propose}"
        );
    }
    assert!(!g.contains(&"--proposer".to_string()), "{propose}");

    let wallet_list = bos(&["wallet", "list", "--help"]).ok().stdout;
    assert!(
        globals(&wallet_list).contains(&"--node".to_string()),
        "{wallet_list}"
    );
    let wallet_init = bos(&["wallet", "init", "--help"]).ok().stdout;
    assert_eq!(
        globals(&wallet_init),
        ["--json", "--wallet", "--password-file"],
        "{wallet_init}"
    );
    // `key derive --password-file` is that command's own (the account's password).
    let derive = bos(&["key", "derive", "--help"]).ok().stdout;
    assert_eq!(globals(&derive), ["--json"], "{derive}");
    assert!(derive.contains("--password-file"), "{derive}");
}

#[test]
fn password_file_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "correct horse battery\n").unwrap();
    let (pw, dir_s) = (pw.to_str().unwrap(), dir.path().to_str().unwrap());
    let w1 = format!("{dir_s}/w1.sqlite");
    let w2 = format!("{dir_s}/w2.sqlite");
    bos(&["--wallet", &w1, "--password-file", pw, "wallet", "init"]).ok();
    bos(&["--wallet", &w2, "wallet", "init", "--password-file", pw]).ok();
    let bad = dir.path().join("bad");
    std::fs::write(&bad, "wrong\n").unwrap();
    let bad = bad.to_str().unwrap();
    // Both wallets unlock with the password from the file, given either way; a wrong
    // one is exit 3 either way, so the file is what is read.
    for w in [&w1, &w2] {
        bos(&["--wallet", w, "--password-file", pw, "wallet", "list"]).ok();
        bos(&["--wallet", w, "wallet", "list", "--password-file", pw]).ok();
        bos(&["--wallet", w, "--password-file", bad, "wallet", "list"]).fails(3, "");
        bos(&["--wallet", w, "wallet", "list", "--password-file", bad]).fails(3, "");
    }
}
