//! The `bos` binary: parse arguments, run, map errors to exit codes.

/// mimalloc: a replay and `bos serve` allocate per incident (JSON values, strings);
/// glibc's malloc took about a quarter of a replay's time and a sixth of `bos serve`'s
/// (benches/replay.rs, benches/serve.rs under `perf`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's option number of `purge_delay` (`mi_option_e` in its `mimalloc.h`;
/// the lock file pins the version, and a test below checks the number).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory a long-running `bos serve` frees goes back to the system at once, as with
/// glibc, not after mimalloc's default second. With the `no_thp` feature (no
/// transparent huge pages for its arenas), four concurrent 10,000-point `/history`
/// pages peak at 33 MB; mimalloc's defaults gave 61 MB, glibc 21 MB.
fn tune_allocator() {
    // SAFETY: a plain setter of mimalloc's option table, called on the main thread
    // before any other thread exists; the option is read whenever memory is purged.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() {
    tune_allocator();
    std::process::exit(bos::cli::main());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number names the option meant: `purge_delay`'s default in
    /// mimalloc 3.3 is 1,000 ms, and no option near it has that default.
    #[test]
    fn option_number_is_mimallocs() {
        if std::env::vars().any(|(k, _)| k.starts_with("MIMALLOC_")) {
            eprintln!("skipped: MIMALLOC_* is set in the environment");
            return;
        }
        // SAFETY: getters of mimalloc's option table.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
