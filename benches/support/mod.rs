//! What the benchmarks share.

use std::time::Instant;

/// The host's speed now: canonical signatures per second on this thread (5,000
/// signatures over distinct digests, about a third of a second). The shared machines'
/// speed moves by up to 1.6x with no CPU time stolen to show for it: figures are
/// comparable when measured at a like yardstick.
pub fn host_yardstick() -> f64 {
    let key = bos::protocol::PrivateKey::from_seed(b"bench");
    let digests: Vec<[u8; 32]> = (0u32..5_000)
        .map(|i| bos::protocol::hash::sha256(&i.to_le_bytes()))
        .collect();
    let t = Instant::now();
    for d in &digests {
        std::hint::black_box(bos::protocol::signing::sign_digest(d, &key));
    }
    digests.len() as f64 / t.elapsed().as_secs_f64()
}
