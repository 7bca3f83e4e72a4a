//! Native run of the seeded RSA key-generation workload, to compare with the same seeds in WebAssembly
//! (`seededKeygen(seed, bits, engine)` in the JS API). TEST AND BENCHMARK ONLY: seeded keys are not secret.
//!
//! Usage: `cargo run --release --example seeded_keygen [bits] [first_seed] [last_seed] [engines]`
//! (defaults: 4096 1 8 fast,rsa). Prints one line per seed and engine, then the totals and medians.

use keyfit::bench::{seeded_keygen, Engine};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.to_string());
    let bits: usize = arg(0, "4096").parse()?;
    let first: u32 = arg(1, "1").parse()?;
    let last: u32 = arg(2, "8").parse()?;
    let engines = arg(3, "fast,rsa");
    for name in engines.split(',') {
        let engine = Engine::from_name(name)?;
        let mut times = Vec::new();
        for seed in first..=last {
            let start = Instant::now();
            let fingerprint = seeded_keygen(seed, bits, engine)?;
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            println!("{name}\tbits={bits}\tseed={seed}\t{ms:.0} ms\t{fingerprint}");
            times.push(ms);
        }
        let total: f64 = times.iter().sum();
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
        println!("{name}\tbits={bits}\tseeds={first}..={last}\ttotal {total:.0} ms\tmedian {median:.0} ms");
    }
    Ok(())
}
