//! Tools anyone can run to check an audit's published numbers: the risk math
//! (`portal audit-math`) and the public ballot samplers (`portal sample`).
//! Both are the `rla` crate's; they need no database and no configuration.

use std::io::{Read, Write};

const AUDIT_MATH_USAGE: &str = "Usage: portal audit-math FILE   (FILE is a JSON file, or - for standard input)";
const SAMPLE_USAGE: &str = "Usage: portal sample --method consistent|rivest --seed SEED --size N \
                            (--population A-B | --manifest FILE) [--with-replacement]";

/// `portal audit-math FILE`: one contest as JSON in, its recomputed math as JSON out.
pub fn audit_math_command(args: &[String]) -> i32 {
    let path = match args {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{AUDIT_MATH_USAGE}\nRun `portal --help` for the fields of the JSON object.");
            return 0;
        }
        [path] => path,
        _ => {
            eprintln!("{AUDIT_MATH_USAGE}");
            return 2;
        }
    };
    let input = match read_text(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "portal audit-math: could not read {}: {e}. Check the file's name, or give - to read standard input.",
                describe(path)
            );
            return 2;
        }
    };
    match rla::audit_math_json(&input) {
        Ok(json) => print_stdout(&format!("{json}\n")),
        Err(e) => {
            eprintln!("portal audit-math: {}", input_error_message(&e, path));
            2
        }
    }
}

/// `portal sample ...`: the draws in selection order.
pub fn sample_command(args: &[String]) -> i32 {
    if matches!(args, [flag] if flag == "-h" || flag == "--help") {
        println!("{SAMPLE_USAGE}");
        return 0;
    }
    // A mistake in the options shows the usage; one in the manifest or the
    // numbers is explained on its own.
    if let Err(e) = rla::parse_sample_args(args) {
        eprintln!("portal sample: {e}.\n{SAMPLE_USAGE}");
        return 2;
    }
    match rla::run_sample_command(args, |path| read_text(path).map_err(|e| e.to_string())) {
        Ok(text) => print_stdout(&text),
        Err(e) => {
            eprintln!("portal sample: {e}.");
            2
        }
    }
}

/// A mistake in the input, naming the field and what to do about it.
fn input_error_message(e: &rla::InputError, path: &str) -> String {
    if e.field == "input" {
        // Not a JSON object at all (or not JSON): there is no field to name.
        format!(
            "{} {}. Give one JSON object describing one contest; `portal --help` lists its fields.",
            describe(path),
            e.message
        )
    } else {
        format!("in {}, \"{}\" {}. Correct that field and run the command again.", describe(path), e.field, e.message)
    }
}

fn describe(path: &str) -> String {
    if path == "-" {
        "standard input".to_string()
    } else {
        path.to_string()
    }
}

/// The whole of a file, or of standard input for `-`.
fn read_text(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().lock().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}

/// Prints `text`; a reader that stops early (`| head`) is not an error.
fn print_stdout(text: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("portal: could not write the output: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_errors_name_the_field_and_the_source() {
        let e = rla::audit_math_json(r#"{"method":"bravo","risk_limit":5,"ballots":-3,"reported":{"a":2,"b":1}}"#)
            .unwrap_err();
        let message = input_error_message(&e, "boone.json");
        assert!(message.starts_with("in boone.json, \"ballots\" must not be negative (found -3)."), "{message}");

        let e = rla::audit_math_json("[1, 2]").unwrap_err();
        let message = input_error_message(&e, "-");
        assert!(message.starts_with("standard input must be a JSON object, not a list."), "{message}");
    }
}
