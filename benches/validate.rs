//! `cargo bench --bench validate`: how long a hostile scenario takes to check — 16 MB, 10,000
//! options each with an input outside its range — from reading the file to every problem located
//! by line and column, as the window and `care-options validate` do it. Target: under a second.
//! Two layouts: one field a line, and the whole file on one line. The checking runs on one
//! thread, so on a quiet machine its CPU time is its wall time; on a machine shared with other
//! work the CPU time (Linux) is the steadier figure, and both are printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/hostile.rs"]
mod hostile;

use std::time::{Duration, Instant};

use care_options::io::{LoadError, open_scenario};

/// CPU time of this thread so far (Linux: the first figure of `/proc/thread-self/schedstat`).
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        text.split_whitespace().next()?.parse().ok()?,
    ))
}

fn main() {
    let dir = std::env::temp_dir().join(format!("care-options-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (one_line, layout) in [(false, "one field a line"), (true, "all on one line")] {
        let path = dir.join(if one_line {
            "one-line.ron"
        } else {
            "lines.ron"
        });
        std::fs::write(&path, hostile::hostile_text(one_line)).unwrap();
        let mut times = Vec::new();
        let mut cpu_times = Vec::new();
        let mut located = 0;
        for _ in 0..5 {
            let cpu_start = thread_cpu();
            let start = Instant::now();
            let result = open_scenario(&path);
            let elapsed = start.elapsed();
            let cpu = thread_cpu()
                .zip(cpu_start)
                .map(|(b, a)| b.saturating_sub(a));
            times.push(elapsed);
            cpu_times.extend(cpu);
            println!(
                "  {layout}: {:.0} ms{}",
                elapsed.as_secs_f64() * 1e3,
                cpu.map(|c| format!(" ({:.0} ms of CPU)", c.as_secs_f64() * 1e3))
                    .unwrap_or_default()
            );
            let Err(LoadError::Invalid { problems, .. }) = result else {
                panic!("the hostile file must be refused as invalid");
            };
            assert_eq!(problems.len(), hostile::OPTIONS);
            located = problems.iter().filter(|p| p.at.is_some()).count();
        }
        times.sort();
        cpu_times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let cpu = match cpu_times.get(2) {
            Some(median) => format!("; CPU time median {:.0} ms", ms(*median)),
            None => String::new(),
        };
        println!(
            "16 MB, {} invalid options, {layout}: median {:.0} ms (fastest {:.0} ms, slowest {:.0} \
             ms, 5 runs){cpu}; {located} problems located by line and column",
            hostile::OPTIONS,
            ms(times[2]),
            ms(times[0]),
            ms(times[4])
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
