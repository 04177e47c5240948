//! The `bos` binary: parse arguments, run, map errors to exit codes.

/// mimalloc: a replay and `bos serve` allocate per incident (JSON values, strings);
/// glibc's malloc took about a quarter of a replay's time (benches/replay.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(bos::cli::main());
}
