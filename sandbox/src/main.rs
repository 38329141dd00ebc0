//! `sandbox`: parse the command line, start the servers, print where they are, serve until killed.

use std::process::ExitCode;

use sandbox::cli::{self, Command};

fn main() -> ExitCode {
    let config = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{}", cli::usage());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    let running = match sandbox::start(config.clone()) {
        Ok(running) => running,
        Err(error) => {
            eprintln!("sandbox: cannot listen ({error}); is another sandbox or trunk serve running?");
            return ExitCode::FAILURE;
        }
    };
    if running.app_addr.is_none() {
        eprintln!("sandbox: warning: app directory {} not found; serving the APIs only", config.app_dir.display());
    }
    print!("{}", cli::banner(&running, &config));
    running.wait();
    ExitCode::SUCCESS
}
