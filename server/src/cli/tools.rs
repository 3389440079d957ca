//! Tools that need no database: checking a policy file and scanning a text.

use crate::gate::policy::Policy;
use crate::gate::scanner::{Scanner, Severity};

pub fn policy_command(args: &[String]) -> i32 {
    let (Some("check"), Some(path)) = (args.first().map(String::as_str), args.get(1)) else {
        eprintln!("Usage: portal policy check FILE");
        return 2;
    };
    match Policy::load(path) {
        Ok(policy) => {
            println!(
                "{path}: valid ({}: {} bases, {} withholdable fields, {} always open)",
                policy.name,
                policy.bases.len(),
                policy.withholdable.len(),
                policy.always_open.len()
            );
            0
        }
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}

pub fn scan_command(args: &[String]) -> i32 {
    let Some(path) = args.first() else {
        eprintln!("Usage: portal scan FILE");
        return 2;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("portal scan: could not read {path}: {e}");
            return 2;
        }
    };
    let policy = match Policy::from_env() {
        Ok(p) => p,
        Err(message) => {
            eprintln!("portal scan: {message}");
            return 2;
        }
    };
    let scanner = Scanner::new(&policy);
    let mut blocking = 0;
    let mut total = 0;
    for (n, line) in text.lines().enumerate() {
        for f in scanner.scan(path, line) {
            total += 1;
            if f.severity == Severity::Block {
                blocking += 1;
            }
            println!(
                "{path}:{}:{}: {} [{}] \"{}\" — {}",
                n + 1,
                f.start + 1,
                f.severity.as_str(),
                f.rule,
                f.excerpt,
                f.hint
            );
        }
    }
    if total == 0 {
        println!("{path}: no defensive details found.");
    } else {
        println!("{path}: {total} findings, {blocking} blocking publication.");
    }
    i32::from(blocking > 0)
}
