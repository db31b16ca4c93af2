//! `chc`: Complaint Handling Code self-assessments into clean, comparable data.
//! A thin binary: argument parsing, the batch loop and exit codes; every stage lives in
//! its own crate.

/// `eprintln!` that cannot panic: a message to a closed stderr (`chc … 2>&1 | head -1`) is
/// dropped instead of aborting the batch, which must go on and leave no partial file.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod extract;
mod registry_cmd;
mod report_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 all inputs processed, 1 some inputs failed, 2 usage error, 3 fatal
/// (the output folder could not be written).
pub const EXIT_OK: u8 = 0;
pub const EXIT_SOME_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_FATAL: u8 = 3;

#[derive(Parser, Debug)]
#[command(name = "chc", version, about = "Turn Complaint Handling Code self-assessment forms into clean, comparable data")]
struct Cli {
    /// More logging on stderr (-v info, -vv debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract forms (files or folders, searched recursively) into DIR.
    Extract(extract::ExtractArgs),
    /// Score extracted documents against hand-checked gold files.
    Eval(EvalArgs),
    /// Build or inspect the Code registry.
    #[command(subcommand)]
    Registry(registry_cmd::RegistryCommand),
    /// Write a self-contained HTML report (heatmap, non-compliances, warnings) or an Excel workbook of DIR.
    Report(report_cmd::ReportArgs),
    /// List what changed per provision between two extractions (files or output folders).
    Diff(report_cmd::DiffArgs),
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// Folder of gold files (fixtures/gold format, see docs/gold-format.md).
    #[arg(long)]
    gold: PathBuf,
    /// An extract output folder (with documents/) or a folder of document JSON files.
    output: PathBuf,
    /// Machine-readable JSON instead of the table.
    #[arg(long)]
    json: bool,
    /// Exit with 1 when the overall provision-row F1 is below this.
    #[arg(long)]
    min_f1: Option<f64>,
}

fn init_logging(verbose: u8, quiet: bool) {
    let level = if quiet {
        "error"
    } else {
        match verbose {
            0 => "warn",
            1 => "info",
            _ => "debug",
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CHC_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).without_time().init();
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    init_logging(cli.verbose, cli.quiet);
    let code = match cli.command {
        Command::Extract(args) => extract::run(args, cli.quiet),
        Command::Eval(args) => run_eval(args),
        Command::Registry(cmd) => registry_cmd::run(cmd),
        Command::Report(args) => report_cmd::run_report(args, cli.quiet),
        Command::Diff(args) => report_cmd::run_diff(args),
    };
    ExitCode::from(code)
}

/// An error already told to the user on stderr: the caller only picks the exit code.
#[derive(Debug)]
pub struct Reported;

/// Writes a command's result to stdout. A reader that stops early (`chc eval … | head`)
/// closes the pipe: that is the reader's choice, not a failure, so the rest is dropped
/// quietly (as `cat` and `rg` do) instead of the panic `print!` raises. Any other write
/// error is reported (here, once); the caller then exits with EXIT_FATAL.
pub fn write_stdout(text: &str) -> Result<(), Reported> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            say!("chc: error: cannot write to standard output: {e}");
            Err(Reported)
        }
    }
}

fn run_eval(args: EvalArgs) -> u8 {
    match chc_eval::evaluate(&args.gold, &args.output) {
        Ok(report) => {
            let text = if args.json {
                serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
            } else {
                report.render_table()
            };
            if write_stdout(&text).is_err() {
                return EXIT_FATAL;
            }
            match args.min_f1 {
                Some(min) if report.overall_f1() < min => {
                    say!("chc: overall F1 {:.4} is below --min-f1 {min}", report.overall_f1());
                    EXIT_SOME_FAILED
                }
                _ => EXIT_OK,
            }
        }
        Err(e) => {
            say!("chc: error: {e:#}");
            EXIT_FATAL
        }
    }
}
