//! `cargo bench -p server`: how fast the public surfaces answer over
//! real HTTP, on the demo data in a fresh SQLite file. Prints figures (it asserts
//! nothing: speed is measured here, not in timed tests that flake).
//!
//! Each surface is asked `ROUNDS` times one after another (latency: median, p95,
//! p99), then by `CLIENTS` clients at once (throughput). Use a release build for
//! figures worth comparing: `cargo bench` builds with the bench profile.

#[path = "../support/mod.rs"]
#[allow(dead_code, unused_macros, unused_imports)]
mod support;

use std::time::{Duration, Instant};
use support::{spawn_app, Store};

const ROUNDS: usize = 200;
const CLIENTS: usize = 8;

const SURFACES: &[&str] = &[
    "/",
    "/audits",
    "/audits/boone-county-2024-general-rla",
    "/spending",
    "/spending/hava-2018-election-security",
    "/es/updates",
    "/charts/spending-by-category.svg",
    "/audits/boone-county-2024-general-rla/v/1/data.json",
    "/api/v1/audits",
    "/data/expenditures.csv",
    "/feed.atom",
];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let app = spawn_app(Store::Sqlite).await;
    println!("{:<55} {:>8} {:>8} {:>8} {:>10}", "surface", "p50 ms", "p95 ms", "p99 ms", "req/s x8");
    for path in SURFACES {
        let url = format!("{}{path}", app.base);
        // Warm up (first renders, caches, connections).
        for _ in 0..10 {
            app.client.get(&url).send().await.unwrap().bytes().await.unwrap();
        }
        let mut times = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let res = app.client.get(&url).send().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            res.bytes().await.unwrap();
            times.push(start.elapsed());
        }
        times.sort();
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..CLIENTS {
            let client = app.client.clone();
            let url = url.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..ROUNDS / CLIENTS {
                    client.get(&url).send().await.unwrap().bytes().await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let throughput = (ROUNDS / CLIENTS * CLIENTS) as f64 / start.elapsed().as_secs_f64();
        println!(
            "{:<55} {:>8.2} {:>8.2} {:>8.2} {:>10.0}",
            path,
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
            throughput
        );
    }
}
