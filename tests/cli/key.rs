//! `bos key ...` as a user runs it.

use crate::support::{bos, bos_in, temp_file, vectors, Run};
use bos::protocol::keys::{brain_key, BrainKeyCase, PrivateKey};

/// `bos key derive --account ACCOUNT --role ROLE`, then `more`, with `stdin`.
fn derive(account: &str, role: &str, more: &[&str], stdin: &str) -> Run {
    let head = ["key", "derive", "--account", account, "--role", role];
    bos_in(&[&head[..], more].concat(), stdin)
}

#[test]
fn new_prints_mnemonic_wif_and_public_key() {
    let r = bos(&["key", "new"]).ok();
    assert!(r.stdout.contains("mnemonic") && r.stdout.contains("wif") && r.stdout.contains("PPY"));
    let v = bos(&["--json", "key", "new", "--words", "24", "--prefix", "TEST"])
        .ok()
        .json();
    let words = v["mnemonic"].as_str().unwrap();
    assert_eq!(words.split(' ').count(), 24);
    let key = PrivateKey::from_wif(v["wif"].as_str().unwrap()).unwrap();
    assert_eq!(
        key.public_key().to_string_with_prefix("TEST"),
        v["public_key"].as_str().unwrap()
    );
    // cli_wallet's derivation from the upper-cased words gives the same key.
    assert_eq!(
        brain_key(&words.to_uppercase(), 0, BrainKeyCase::Graphenelib),
        key
    );
    // Two runs never give the same key.
    let again = bos(&["--json", "key", "new"]).ok().json();
    assert_ne!(again["wif"], v["wif"]);
}

#[test]
fn new_rejects_bad_arguments() {
    bos(&["key", "new", "--words", "13"]).fails(2, "12, 15, 18, 21 or 24");
    bos(&["key", "new", "--prefix", "P1"]).fails(2, "letters");
}

#[test]
fn info_matches_vectors() {
    let d = vectors("keys.json");
    for k in d["keys"].as_array().unwrap().iter().take(4) {
        let wif = k["wif"].as_str().unwrap();
        let r = bos_in(&["--json", "key", "info", "-"], &format!("{wif}\n")).ok();
        assert!(
            !r.stderr.contains("warning"),
            "stdin is the safe way: {}",
            r.stderr
        );
        let v = r.json();
        assert_eq!(v["public_key"], k["pubkey_PPY"]);
        assert_eq!(v["public_key_test"], k["pubkey_TEST"]);
        assert_eq!(v["address"], k["graphene_address_PPY"]);
        assert_eq!(v["private"], true);
        // A public key in any form gives the same answer; its prefix is kept.
        for form in [
            "pubkey_PPY",
            "pubkey_TEST",
            "pubkey_GPH",
            "pubkey_compressed_hex",
            "pubkey_uncompressed_hex",
        ] {
            let v = bos(&["--json", "key", "info", k[form].as_str().unwrap()])
                .ok()
                .json();
            assert_eq!(v["public_key_ppy"], k["pubkey_PPY"], "{form}");
            assert_eq!(v["private"], false);
        }
        let v = bos(&["--json", "key", "info", k["pubkey_TEST"].as_str().unwrap()])
            .ok()
            .json();
        assert_eq!(v["public_key"], k["pubkey_TEST"]);
    }
}

#[test]
fn info_warns_about_a_wif_in_argv_and_rejects_bad_keys() {
    let wif = vectors("keys.json")["keys"][0]["wif"]
        .as_str()
        .unwrap()
        .to_string();
    let r = bos(&["key", "info", &wif]).ok();
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("command line"),
        "{}",
        r.stderr
    );
    for n in vectors("keys.json")["negative"].as_array().unwrap() {
        bos(&["key", "info", n["input"].as_str().unwrap()]).fails(1, "checksum");
    }
    bos(&["key", "info", "hello"]).fails(1, "invalid");
    bos(&["key", "info", "PPY"]).fails(1, "invalid");
    bos_in(&["key", "info", "-"], "").fails(2, "no key");
    // A checksum-valid text that is not a curve point.
    let zero = "TEST1111111111111111111111111111111114T1Anm";
    bos(&["key", "info", zero]).fails(1, "not a point");
}

#[test]
fn derive_matches_both_password_schemes() {
    let d = vectors("password_keys.json");
    for v in d["vectors"].as_array().unwrap() {
        let (account, role, password) = (
            v["account"].as_str().unwrap(),
            v["role"].as_str().unwrap(),
            v["password"].as_str().unwrap(),
        );
        let out = derive(account, role, &["--json"], &format!("{password}\n"))
            .ok()
            .json();
        assert_eq!(out["wif"], v["graphenelib_PasswordKey"]["wif"]);
        assert_eq!(out["public_key"], v["graphenelib_PasswordKey"]["pub_PPY"]);
        let (_dir, file) = temp_file("pw", format!("{password}\n").as_bytes());
        let more = [
            "--json",
            "--scheme",
            "bookiepro",
            "--prefix",
            "TEST",
            "--password-file",
            file.to_str().unwrap(),
        ];
        let out = derive(account, role, &more, "").ok().json();
        assert_eq!(out["wif"], v["peerplaysjs_BookiePro_generateKeys"]["wif"]);
        assert_eq!(
            out["public_key"],
            v["peerplaysjs_BookiePro_generateKeys"]["pub_TEST"]
        );
    }
}

#[test]
fn derive_errors() {
    derive("a", "boss", &[], "pw\n").fails(2, "boss");
    bos_in(&["key", "derive", "--role", "owner"], "pw\n").fails(2, "--account");
    // No terminal and nothing piped: a clear error, never a hanging prompt.
    derive("a", "owner", &[], "").fails(1, "empty");
    derive("a", "owner", &["--scheme", "bookiepro"], "short\n").fails(1, "12 characters");
    derive("a", "owner", &["--password-file", "/nonexistent/pw"], "").fails(1, "/nonexistent/pw");
}

#[test]
fn brain_keys_match_vectors() {
    for v in vectors("brainkeys.json")["vectors"].as_array().unwrap() {
        let seq = v["sequence"].to_string();
        let out = bos_in(
            &["--json", "key", "brain", "--keep-case", "--sequence", &seq],
            v["brainkey_input"].as_str().unwrap(),
        )
        .ok()
        .json();
        assert_eq!(out["wif"], v["wif"]);
        assert_eq!(out["public_key"], v["pub_PPY"]);
    }
    // cli_wallet upper-cases: lower-case words give the upper-case words' key.
    let upper = "ABSORB ACID ACRE ACT ADOPT ADULT AGENT AISLE ALARM ALBUM ALLEY ALPHA AMBER ANGLE ANKLE APRON";
    let a = bos_in(&["--json", "key", "brain"], &upper.to_lowercase())
        .ok()
        .json();
    let b = bos_in(&["--json", "key", "brain"], upper).ok().json();
    assert_eq!(a["wif"], b["wif"]);
    assert_eq!(
        b["wif"],
        "5KC4LXqAA8ydFCsVKUNuihDw7CLxVZhuefv98EqSLakaEaefvKW"
    );
}
