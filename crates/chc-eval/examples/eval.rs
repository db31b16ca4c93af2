//! Stand-in for `chc eval` while the CLI subcommand does not exist yet; same arguments:
//! `cargo run --release -p chc-eval --example eval -- --gold DIR OUTPUT [--json] [--min-f1 X]`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut gold: Option<PathBuf> = None;
    let mut output: Option<PathBuf> = None;
    let mut json = false;
    let mut min_f1: Option<f64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gold" => gold = args.next().map(PathBuf::from),
            "--json" => json = true,
            "--min-f1" => min_f1 = args.next().and_then(|v| v.parse().ok()),
            _ if output.is_none() => output = Some(PathBuf::from(a)),
            _ => {
                eprintln!("unexpected argument {a}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(gold), Some(output)) = (gold, output) else {
        eprintln!("usage: eval --gold DIR OUTPUT [--json] [--min-f1 X]");
        return ExitCode::from(2);
    };
    let report = match chc_eval::evaluate(&gold, &output) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render_table());
    }
    match min_f1 {
        Some(x) if !report.passes(x) => {
            eprintln!("overall provision F1 {:.4} is below {x}", report.overall_f1());
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
