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
