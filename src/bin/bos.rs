//! The `bos` binary: parse arguments, run, map errors to exit codes.
fn main() {
    std::process::exit(bos::cli::main());
}
