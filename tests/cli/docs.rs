//! completions/ and man/ must match the clap definitions.
//! Regenerate with: BOS_BLESS=1 cargo test --test cli docs

use std::path::Path;

#[test]
fn generated_docs_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("BOS_BLESS").is_some();
    let mut stale = Vec::new();
    let files = bos::cli::docs::generated_files();
    assert!(
        files.iter().any(|(p, _)| p == "man/bos-tx-encode.1"),
        "one man page per command"
    );
    for (rel, contents) in &files {
        let path = root.join(rel);
        if std::fs::read(&path).ok().as_deref() != Some(contents.as_slice()) {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, contents).unwrap();
            } else {
                stale.push(rel.clone());
            }
        }
    }
    // Pages of commands that no longer exist are stale too.
    for dir in ["man", "completions"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let rel = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|(p, _)| *p == rel) && rel != "completions/README.md" {
                if bless {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(format!("{rel} (no such command)"));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nregenerate with: BOS_BLESS=1 cargo test --test cli docs"
    );
}

/// The README's exit-code table is the one definition in `cli::error::EXIT_CODES`
/// (which also makes the top-level `--help`). Regenerate with BOS_BLESS=1.
#[test]
fn readme_exit_codes_match_the_definition() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let want = bos::cli::error::exit_codes_markdown();
    let start = readme
        .find("| code | meaning |")
        .expect("README has an exit-code table");
    let len: usize = readme[start..]
        .split_inclusive('\n')
        .take_while(|l| l.starts_with('|'))
        .map(str::len)
        .sum();
    let have = &readme[start..start + len];
    if have != want && std::env::var_os("BOS_BLESS").is_some() {
        let mut fixed = readme.clone();
        fixed.replace_range(start..start + len, &want);
        std::fs::write(&path, fixed).unwrap();
        return;
    }
    assert_eq!(
        have, want,
        "README exit codes differ from cli::error::EXIT_CODES; regenerate with: BOS_BLESS=1 cargo test --test cli docs"
    );
    // --help says the same codes.
    let help = bos::cli::error::exit_codes_help();
    for d in bos::cli::error::EXIT_CODES {
        assert!(help.contains(&format!(" {} {}", d.code, d.short)), "{help}");
    }
    let out = std::process::Command::new(crate::support::bin())
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&help), "{text}");
}

/// Every man page ends with the EXIT STATUS made from `cli::error::EXIT_CODES`: the
/// codes of every command, and those of the page's own command (`isalive`: 6, 7).
#[test]
fn man_pages_carry_the_exit_codes() {
    let files = bos::cli::docs::generated_files();
    let page = |name: &str| {
        let (_, b) = files
            .iter()
            .find(|(p, _)| p == &format!("man/{name}.1"))
            .unwrap_or_else(|| panic!("no man page {name}"));
        String::from_utf8(b.clone()).unwrap()
    };
    let codes = |text: &str| -> Vec<i32> {
        let start = text
            .find(".SH \"EXIT STATUS\"")
            .expect("an EXIT STATUS section");
        text[start..]
            .lines()
            .filter_map(|l| l.strip_prefix("\\fB")?.strip_suffix("\\fR")?.parse().ok())
            .collect()
    };
    let all: Vec<i32> = bos::cli::error::EXIT_CODES.iter().map(|d| d.code).collect();
    assert_eq!(codes(&page("bos")), all);
    assert_eq!(codes(&page("bos-key-new")), [0, 1, 2, 3, 4, 5]);
    assert_eq!(codes(&page("bos-isalive")), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        codes(&page("bos-watch-witness")),
        [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14]
    );
    assert!(page("bos-isalive").contains("the service did not answer"));
}
