//! The `portal` command line: serving, the database, the demo, the policy and
//! scanner tools, the audit-math and sampling tools, and the officials'
//! commands (accounts, imports, review).

mod math;
mod officials;
mod tools;

use crate::db::OfficialsDb;
use crate::gate::policy::Policy;
use crate::http::config::{Config, ENV_HELP};
use crate::http::Application;

pub const HELP: &str = "\
portal — the election transparency portal

Usage: portal <command>

Commands:
  serve     migrate the database and serve the portal at PORTAL_ADDR (and its
            metrics at PORTAL_METRICS_ADDR); GET /healthz answers while the
            process runs, GET /readyz while the database answers and is
            migrated. SIGTERM or Ctrl-C: finish the requests in flight, exit 0
  migrate   create or upgrade the database schema, then exit
  backup FILE
            SQLite: write a consistent copy of the database to FILE while the
            portal runs (never over an existing file); back up the log's key
            file (PORTAL_LOG_KEY_FILE) too. PostgreSQL: prints the pg_dump and
            pg_restore commands to use instead and exits 1
  demo      load the demonstration data (Missouri 2018 HAVA grant and sample
            records) through the publication gate; running it again changes nothing
  demo --scale N
            benchmarks only: the demo plus N synthetic audits (10 contests
            each), 10·N synthetic expenditures and N/100 synthetic grants,
            written in bulk (see the README, Scale); refuses a database with real
            publications or synthetic records already
  export DIR [--force] [--public-url URL]
            write the whole public site as files in DIR, for a static host or
            CDN: every page in English and Spanish, versions, record and
            collection JSON and CSV, the data package, feeds, sitemap, charts,
            the log's checkpoint, key and tiles, proof bundles, QR codes, static
            files and hashed assets, each with .br and .gz siblings; the bytes
            are the live portal's. URL (default PORTAL_PUBLIC_URL, required) is
            the live site's address, which links, feeds and the log name. DIR
            must be new or empty unless --force (its contents are replaced);
            nothing is left half-written. deploy/nginx-static.conf and
            deploy/Caddyfile.static serve the result
  grant-public-role ROLE
            PostgreSQL: let ROLE read the public tables and nothing else; point
            PUBLIC_DATABASE_URL at a connection as ROLE
  policy check FILE
            check a withholding policy file; prints every mistake with its line
            number and exits 1 if there is any
  scan FILE check a text before publishing it: prints each defensive detail the
            gate's scanner finds (line:column, rule, severity, hint); exits 1 when
            any finding blocks publication, 0 otherwise
  audit-math FILE
            recompute one contest's risk-limiting audit math, as Arlo does, from
            a JSON object in FILE (- for standard input): \"method\" (bravo,
            kaplan_markov, macro or minerva), \"risk_limit\" (percent), \"ballots\",
            \"votes_allowed\" (default 1), \"winners\" (default 1), \"reported\"
            ({\"name\": votes, ...}), \"gamma\" (kaplan_markov, default 1.03905) and
            optionally \"sample\": {\"size\", \"audited\": {\"name\": votes, ...}} for
            bravo and minerva, {\"size\", \"o1\", \"o2\", \"u1\", \"u2\"} for
            kaplan_markov; for macro, \"batches\" ([{\"name\", \"ballots\",
            \"reported\"}, ...]) and \"sample\": {\"draws\": [batch, ...], \"audited\":
            {batch: {\"name\": votes, ...}}}. Prints a JSON object: diluted_margin,
            p_value and risk_limit_met (null without a sample), and asn (bravo) or
            sample_size_no_discrepancies (kaplan_markov). A mistake exits 2 and
            names the field
  sample --method consistent|rivest --seed SEED --size N
         (--population A-B | --manifest FILE) [--with-replacement]
            draw a public random sample: consistent is Arlo's SHA-256 sampler,
            rivest is Rivest's sampler as ColoradoRLA uses it. Prints the draws
            in selection order: one number per line for a population, or for a
            manifest (CSV with the header batch,ballots) CSV with the header
            ticket,batch,position. Without --with-replacement a repeat draw is
            skipped. A mistake exits 2. --rounds 10,25 (cumulative sizes, in
            place of --size) draws a multi-round audit's rounds: the sample
            continues from round to round, and each line begins with its round
            (header round,ticket,batch,position)
  sample --method ppeb --seed SEED --size N --manifest FILE --tallies FILE
         [--contest NAME] [--winners N]
            re-draw a batch-comparison audit's batches: each batch's chance is
            proportional to its error bound from the batch tallies (CSV with
            the columns contest,batch,candidate,reported, e.g. the portal's
            /data/batch-tallies.csv?audit=SLUG), with Rivest's SHA-256 draws,
            always with replacement. Prints ticket,batch,position (position
            empty: the whole batch)
  user add EMAIL --role author|reviewer|admin [--office SLUG]
            create an official's account; the password (at least 12
            characters) is read from standard input; without --office the
            account belongs to the state's office and may act everywhere
  user list list accounts: e-mail, role, office, whether disabled
  user disable EMAIL
            disable an account (it can no longer sign in or act; its sessions
            end and publications it scheduled go back to the review queue)
  user set-password EMAIL
            set a new password for an official who lost theirs: the password
            on the first line of standard input and again on the second, to
            confirm; their sessions end
  user reset-2fa EMAIL
            turn off an official's second factor (lost phone and recovery
            codes): type the e-mail address again on standard input to confirm;
            their sessions end
  user require-2fa EMAIL
            require two-step sign-in: until the official turns it on (at
            /admin/account), they may do nothing else
  import audits FILE.csv --as EMAIL
  import spending FILE.csv --as EMAIL
            create drafts from a spreadsheet (templates/ has one of each) and
            submit each for review; prints the id of each submission. A file
            with any mistake stores nothing: every bad row is printed with its
            line, column and reason, and the exit code is 1
  import manifest FILE.csv --audit SLUG --as EMAIL
  import cast-vote-records FILE --audit SLUG --as EMAIL
            an audit's evidence, committed before its seed is drawn: the
            ballot manifest (CSV batch,ballots[,label]; a label is withheld),
            or a file's SHA-256 and size (the file itself is not published);
            each is a new version of the published audit, submitted for review
  import batch-tallies FILE.csv --audit SLUG --as EMAIL
            a batch-comparison audit's votes per contest and batch, published:
            CSV contest,batch,candidate,reported,audited. Before the seed,
            audited empty: the reported votes are committed (their SHA-256)
            and the portal draws the batches from them (sampler ppeb); after
            the seed, the same reported votes with the sampled batches' hand
            counts, from which the portal recomputes the MACRO risk. A batch
            not in the manifest, a candidate not in the contest, or a hand
            count of a batch the seed did not draw is refused with its line
  import rounds FILE.csv --audit SLUG --as EMAIL
            an audit's rounds, after its seed, when round 1 did not meet the
            risk limit and more ballots were drawn from the same seed and
            sampler: CSV contest,round,sample_size,audited_results,o1,o2,u1,
            u2,p_value,risk_limit_met,started_on,completed_on, one row per
            contest per round, every number cumulative (audited_results as
            Name=votes;Name=votes). Each contest's last round becomes its
            sample and claim; the portal recomputes every round's risk on the
            cumulative sample. Mistakes are printed with line and column and
            nothing is stored
  import interpretations FILE.csv --audit SLUG --as EMAIL
            a ballot-comparison audit's readings, after its seed: CSV
            batch,position,contest,machine,audited, one row per sampled ballot
            and contest (candidates separated by ;, empty for no vote; audited
            may be: not found); a ballot the seed did not draw is refused, and
            the portal counts each discrepancy itself
  review list
            print one submission awaiting review per line, beginning with its id
  review approve ID... --as EMAIL [--at TIME]
            approve and publish, or retract when the submission is a
            retraction (or schedule for TIME, RFC 3339 with its offset, e.g.
            2026-11-05T14:00:00-05:00); refused, with exit code 1, for a draft
            you created, edited or submitted (two-person rule), for an author,
            outside your office, or while a blocking finding stands
  review return ID --as EMAIL --comment TEXT
            return a submission to its author with a comment
  verify URL-or-FILE [--checkpoint OLD] [--key VKEY] [--data FILE] [--origin ORIGIN] [--ca FILE]
            check a published version against the transparency log: from a
            version's address (http:// or https://HOST/audits/SLUG/v/N), fetch
            the log key, the signed checkpoint, the version's bytes and proofs,
            and check that the checkpoint is HOST's log (or --origin's, for a
            mirror), the bytes are the ones logged and the entry is in the log;
            with --checkpoint, a checkpoint saved earlier, check the log only
            grew since; --ca trusts one more certificate authority (PEM). FILE
            is a downloaded proof.txt, checked against --key (and --data, the
            version's data.json). Prints each check; exits 1 on any failure
  help      print this help (also -h, --help)

Acting as an official (--as EMAIL) needs that official's password: from
PORTAL_PASSWORD, or else the first line of standard input; with a second factor,
the current code from PORTAL_TOTP, or else the next line of standard input.
";

/// Runs the command line; returns the process exit code.
pub async fn run(args: Vec<String>) -> i32 {
    let command = args.get(1).map(String::as_str).unwrap_or("help");
    match command {
        "help" | "-h" | "--help" => {
            println!("{HELP}\n{ENV_HELP}");
            0
        }
        // Checking an audit's math needs no database and no configuration.
        "audit-math" => math::audit_math_command(&args[2..]),
        "sample" => math::sample_command(&args[2..]),
        "policy" => tools::policy_command(&args[2..]),
        "grant-public-role" => match args.get(2) {
            Some(role) => match grant_public_role(role).await {
                Ok(()) => {
                    println!("{role} may now read the public tables, and nothing else.");
                    0
                }
                Err(message) => {
                    eprintln!("portal grant-public-role: {message}");
                    1
                }
            },
            None => {
                eprintln!("Usage: portal grant-public-role ROLE");
                2
            }
        },
        "scan" => tools::scan_command(&args[2..]),
        "export" => match export_command(&args[2..]).await {
            Ok(report) => {
                println!("{report}");
                0
            }
            Err(message) => {
                eprintln!("portal export: {message}");
                1
            }
        },
        "backup" => tools::backup_command(&args[2..]).await,
        "verify" => crate::transparency::verify::command(&args[2..]).await,
        "user" | "import" | "review" => match officials::command(command, &args[2..]).await {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("portal {command}: {message}");
                1
            }
        },
        "demo" if args.len() > 2 => match scale_command(&args[2..]).await {
            Ok(report) => {
                println!("{report}");
                0
            }
            Err(message) => {
                eprintln!("portal demo: {message}");
                1
            }
        },
        "serve" | "migrate" | "demo" => match execute(command).await {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("portal {command}: {message}");
                1
            }
        },
        other => {
            eprintln!("portal: unknown command \"{other}\". Run `portal --help` for the list.");
            2
        }
    }
}

/// `portal export DIR [--force] [--public-url URL]`.
async fn export_command(args: &[String]) -> Result<crate::export::ExportReport, String> {
    const USAGE: &str = "usage: portal export DIR [--force] [--public-url URL]";
    let (mut dir, mut force, mut public_url) = (None, false, None);
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--force" => force = true,
            "--public-url" => public_url = Some(rest.next().ok_or(USAGE)?.clone()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}; {USAGE}")),
            d if dir.is_none() => dir = Some(std::path::PathBuf::from(d)),
            extra => return Err(format!("unexpected argument \"{extra}\"; {USAGE}")),
        }
    }
    let dir = dir.ok_or(USAGE)?;
    let public_url = public_url
        .or_else(|| std::env::var("PORTAL_PUBLIC_URL").ok())
        .filter(|u| !u.is_empty())
        .ok_or("give the live site's address with --public-url URL or PORTAL_PUBLIC_URL: the exported links, feeds, sitemap and log checkpoint name it")?;
    let config = Config::from_env()?;
    let officials_db = OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    let public_db = crate::db::PublicDb::connect(&officials_db, config.public_database_url.as_deref())
        .await
        .map_err(|e| e.to_string())?;
    let options = crate::export::ExportOptions { dir, public_url, site_root: config.site_root.clone(), force };
    crate::export::export(&officials_db, public_db, &config.security, &options).await
}

async fn grant_public_role(role: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    let db = OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    db.grant_public_read(role).await.map_err(|e| e.to_string())
}

/// `portal demo --scale N`: the demo and the scale fixture.
async fn scale_command(args: &[String]) -> Result<String, String> {
    let n = match args {
        [flag, n] if flag == "--scale" => {
            n.parse::<usize>().map_err(|_| format!("--scale takes a whole number of audits, not \"{n}\""))?
        }
        _ => return Err("usage: portal demo [--scale N]".into()),
    };
    let config = Config::from_env()?;
    Policy::from_env()?;
    let db = OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    crate::demo::scale::load(&db, n).await.map_err(|e| e.to_string())
}

async fn execute(command: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    // The server refuses to start on an invalid policy, saying why.
    Policy::from_env()?;
    match command {
        "migrate" => {
            OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
            println!("The database is up to date.");
        }
        "demo" => {
            let db = OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
            let report = crate::demo::load(&db).await.map_err(|e| e.to_string())?;
            println!("{report}");
        }
        _ => {
            let app = Application::build(&config).await.map_err(|e| e.to_string())?;
            println!("The portal is at http://{}", app.addr());
            if let Some(metrics) = app.metrics_addr() {
                println!("Its metrics are at http://{metrics}/metrics");
            }
            app.run().await.map_err(|e| format!("the server stopped: {e}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_and_variable() {
        for word in [
            "serve",
            "migrate",
            "demo",
            "demo --scale N",
            "policy check",
            "scan FILE",
            "audit-math FILE",
            "sample --method",
            "verify URL-or-FILE",
            "backup FILE",
            "export DIR",
            "help",
        ] {
            assert!(HELP.contains(&format!("  {word}")), "help lists {word}");
        }
        for var in [
            "PORTAL_ADDR",
            "DATABASE_URL",
            "PORTAL_LOG",
            "LEPTOS_SITE_ROOT",
            "PORTAL_POLICY",
            "PORTAL_LOG_KEY_FILE",
            "PORTAL_WITNESSES",
            "PORTAL_METRICS_ADDR",
            "PORTAL_LOG_FORMAT",
        ] {
            assert!(ENV_HELP.contains(var), "help documents {var}");
        }
    }
}
