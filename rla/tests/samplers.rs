//! Rivest's sampler, the manifest helper and the `portal sample` output.

use rla::manifest::{Manifest, ManifestDraw};
use rla::rivest;
use rla::sample_cli::{parse_range, parse_sample_args};
use rla::{run_sample_command, sample_cli, sample_stdout, Population, SampleItem, SampleMethod};

/// Rivest's own example: the transcript in the docstring of sampler.py
/// ("November 14, 2011"; copy in FreeAndFair/ColoradoRLA
/// test/smoketest/sampler.py) and ColoradoRLA's
/// PseudoRandomNumberGeneratorTest.testRandomGenerator
/// (server/eclipse-project/src/test/java/us/freeandfair/corla/crypto/):
/// seed 3546311556112163624615351222, 1..876, 47 values without replacement.
const RIVEST_SEED: &str = "3546311556112163624615351222";
const RIVEST_EXPECTED: [u64; 47] = [
    740, 180, 264, 789, 238, 448, 272, 611, 761, 208, 596, 88, 160, 113, 766, 427, 184, 816, 653, 411, 779, 331, 339,
    487, 594, 235, 65, 527, 821, 490, 461, 251, 471, 414, 174, 567, 300, 134, 144, 357, 786, 792, 218, 550, 787, 537,
    197,
];

#[test]
fn rivest_docstring_and_coloradorla_example() {
    let got = rivest::sample(RIVEST_SEED, 1, 876, 47, false).unwrap();
    let values: Vec<u64> = got.iter().map(|d| d.value).collect();
    assert_eq!(values, RIVEST_EXPECTED);
    // The transcript: "31. ...,32 ==> 611  (duplicate rejected)", so the
    // counters run 1..=31 then 33..=48.
    let counters: Vec<u64> = got.iter().map(|d| d.counter).collect();
    let mut want: Vec<u64> = (1..=31).collect();
    want.extend(33..=48);
    assert_eq!(counters, want);
    // with replacement the 32nd draw is the duplicate 611
    let with = rivest::sample_values(RIVEST_SEED, 1, 876, 32, true).unwrap();
    assert_eq!(with[31], 611);
    assert_eq!(&with[..31], &RIVEST_EXPECTED[..31]);
}

/// cjerdonek/rivest-sampler-tests, tests.json (version 0.2.0-alpha, commit
/// 68a415dfbc5cd6138cfd6021a5dda57a158504e3): checked by its author against
/// Rivest's reference implementation; range 1..total, duplicates allowed.
#[test]
fn rivest_sampler_tests_json() {
    let cases: &[(&str, u64, &[u64])] = &[
        ("1", 1000, &[97, 89, 163]),
        ("0", 2, &[1, 1, 2]),
        ("0", 1000, &[905, 573, 160]),
        ("0000000000", 1000, &[978, 359, 132]),
        ("999999999999999999999999", 1000, &[544, 800, 654]),
        (RIVEST_SEED, 876, &[740, 180, 264, 789, 238]),
        ("abcde", 1000, &[247, 427, 157]),
        ("abc123", 1000, &[455, 764, 629]),
        ("snowman: \u{2603}", 1000, &[634, 56, 46]),
        ("\u{1F600}", 1000, &[596, 415, 303, 11, 141]),
    ];
    for (seed, total, want) in cases {
        let got = rivest::sample_values(seed, 1, *total, want.len() as u64, true).unwrap();
        assert_eq!(&got, want, "seed {seed:?}");
    }
}

#[test]
fn rivest_errors() {
    assert!(rivest::sample("x", 5, 4, 1, true).is_err());
    assert!(rivest::sample("x", 1, 3, 4, false).is_err());
    assert_eq!(rivest::sample_values("x", 7, 7, 3, true).unwrap(), vec![7, 7, 7]);
    assert!(rivest::sample("x", 0, u64::MAX, 1, true).is_err());
}

#[test]
fn manifest_parsing() {
    let m = Manifest::parse_csv("\u{feff}batch,ballots\r\npct 1, 25\r\npct 2,0\n\npct 3,7\n").unwrap();
    assert_eq!(m.batches, vec![("pct 1".to_string(), 25), ("pct 2".to_string(), 0), ("pct 3".to_string(), 7)]);
    assert_eq!(m.total_ballots(), 32);
    assert_eq!(m.locate(1), Some((0, 1)));
    assert_eq!(m.locate(25), Some((0, 25)));
    assert_eq!(m.locate(26), Some((2, 1)));
    assert_eq!(m.locate(32), Some((2, 7)));
    assert_eq!(m.locate(33), None);
    assert_eq!(m.locate(0), None);

    let e = |t: &str| Manifest::parse_csv(t).unwrap_err().to_string();
    assert_eq!(e("batch,ballots\nA,10\nB,x\n"), "manifest line 3: the ballot count must be a whole number, found 'x'");
    assert_eq!(e("batch,ballots\nA,10\nA,3\n"), "manifest line 3: batch 'A' is listed twice (first on line 2)");
    assert_eq!(e("batch,ballots\nA,10,3\n"), "manifest line 2: expected 2 fields (batch,ballots) but found 3");
    assert_eq!(
        e("batch,ballots\n\"A\",10\n"),
        "manifest line 2: quotes are not supported; write the fields without quotes"
    );
    assert_eq!(e("name,count\nA,1\n"), "manifest line 1: the header must be 'batch,ballots', found 'name,count'");
    assert_eq!(e("batch,ballots\n,4\n"), "manifest line 2: the batch id is empty");
    assert_eq!(e("batch,ballots\nA,-4\n"), "manifest line 2: the ballot count must be a whole number, found '-4'");
    assert_eq!(e(""), "manifest line 1: the manifest is empty; expected the header 'batch,ballots'");
    assert_eq!(e("batch,ballots\n"), "manifest: the manifest lists no batches");
    assert_eq!(
        e("batch,ballots\nA,99999999999999999999999\n"),
        "manifest line 2: the ballot count '99999999999999999999999' is too large"
    );
}

#[test]
fn rivest_manifest_mapping() {
    // ColoradoRLA-style: global ballot numbers through the batches in order.
    let m = Manifest::parse_csv("batch,ballots\nA,500\nB,376\n").unwrap();
    let d = m.rivest_draws(RIVEST_SEED, 47, false).unwrap();
    for (i, (draw, v)) in d.iter().zip(RIVEST_EXPECTED).enumerate() {
        let (batch, pos) = if v <= 500 { ("A", v) } else { ("B", v - 500) };
        assert_eq!(draw.batch, batch);
        assert_eq!(draw.position, pos);
        let counter = if i < 31 { i + 1 } else { i + 2 };
        assert_eq!(draw.ticket, counter.to_string());
    }
}

/// The Arlo draw_sample vector (arlo_sampler.json), through the manifest
/// helper and the CLI text.
#[test]
fn consistent_manifest_cli_output() {
    let seed = "12345678901234567890abcdefghijklmnopqrstuvwxyz😊";
    let csv = "batch,ballots\npct 1,25\npct 2,25\npct 3,25\npct 4,25\n";
    let m = Manifest::parse_csv(csv).unwrap();
    let out = sample_stdout(SampleMethod::Consistent, seed, 5, &Population::Manifest(m.clone()), true).unwrap();
    assert_eq!(
        out,
        "ticket,batch,position\n\
         0.000617786129909912,pct 2,3\n\
         0.002991631653037245,pct 3,24\n\
         0.012057030610635061,pct 1,25\n\
         0.017930028930651931,pct 4,19\n\
         0.025599454926985137,pct 3,15\n"
    );
    // with replacement, draw 11 repeats ('pct 1', 20)
    let d = m.consistent_draws(seed, 11, true).unwrap();
    assert_eq!(d[10], ManifestDraw { ticket: "0.096136506157297637".into(), batch: "pct 1".into(), position: 20 });
    // without replacement the repeat is skipped
    let d = m.consistent_draws(seed, 11, false).unwrap();
    assert_eq!(d[10].ticket, "0.104280162683637014");
    assert_eq!((d[10].batch.as_str(), d[10].position), ("pct 4", 17));
    // through the command line
    let text = run_sample_command(
        &["--method", "consistent", "--seed", seed, "--size", "5", "--manifest", "m.csv", "--with-replacement"],
        |p| {
            assert_eq!(p, "m.csv");
            Ok(csv.to_string())
        },
    )
    .unwrap();
    assert_eq!(text, out);
}

#[test]
fn population_cli_output() {
    // Rivest population: one number per line
    let out =
        run_sample_command(&["--method=rivest", "--seed", RIVEST_SEED, "--size", "5", "--population", "1-876"], |_| {
            Err("no file".into())
        })
        .unwrap();
    assert_eq!(out, "740\n180\n264\n789\n238\n");
    // consistent sampler population: the doctest sampler(range(100), seed=41, take=10)
    // lists ids 73, 51, 17, ...; ids 0..99 are the population 0-99
    let items =
        sample_cli(SampleMethod::Consistent, "41", 10, &Population::Range { first: 0, last: 99 }, false).unwrap();
    let nums: Vec<u64> = items
        .iter()
        .map(|i| match i {
            SampleItem::Number(n) => *n,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(nums, vec![73, 51, 17, 58, 38, 42, 39, 20, 11, 67]);
    // rivest manifest CSV
    let out =
        run_sample_command(&["--method", "rivest", "--seed", RIVEST_SEED, "--size", "3", "--manifest", "x"], |_| {
            Ok("batch,ballots\nA,500\nB,376\n".to_string())
        })
        .unwrap();
    assert_eq!(out, "ticket,batch,position\n1,B,240\n2,A,180\n3,A,264\n");
}

#[test]
fn cli_argument_errors() {
    let run = |args: &[&str]| run_sample_command(args, |_| Ok("batch,ballots\nA,3\n".into()));
    let msg = |args: &[&str]| run(args).unwrap_err().to_string();
    assert_eq!(
        msg(&["--method", "coin", "--seed", "1", "--size", "1", "--population", "1-5"]),
        "--method must be 'consistent', 'rivest' or 'ppeb', found 'coin'"
    );
    assert_eq!(msg(&["--method", "rivest", "--size", "1", "--population", "1-5"]), "--seed is required");
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "1", "--size", "x", "--population", "1-5"]),
        "--size must be a whole number, found 'x'"
    );
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "1", "--size", "1"]),
        "give either --population A-B or --manifest FILE"
    );
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "1", "--size", "1", "--population", "1-5", "--manifest", "m"]),
        "give either --population or --manifest, not both"
    );
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "1", "--size", "6", "--population", "1-5"]),
        "cannot draw 6 different numbers from a population of 5 without replacement"
    );
    assert_eq!(
        msg(&["--method", "consistent", "--seed", "1", "--size", "4", "--manifest", "m"]),
        "cannot draw 4 different ballots from a manifest of 3 ballots"
    );
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "1", "--size", "1", "--population", "9-5"]),
        "--population start 9 is larger than its end 5"
    );
    assert_eq!(msg(&["--method", "rivest", "--seed", "1", "--size", "1", "--bogus"]), "unknown argument '--bogus'");
    assert_eq!(
        msg(&["--method", "rivest", "--seed", "", "--size", "1", "--population", "1-5"]),
        "--seed must not be empty"
    );
    assert!(parse_range("1-").is_err());
    assert!(parse_range("a-b").is_err());
    assert_eq!(parse_range("3-3").unwrap(), (3, 3));
    let a = parse_sample_args(&[
        "--method",
        "rivest",
        "--seed",
        "s",
        "--size",
        "2",
        "--population",
        "1-9",
        "--with-replacement",
    ])
    .unwrap();
    assert!(a.with_replacement);
    // with replacement may exceed the population
    assert_eq!(
        run(&["--method", "rivest", "--seed", "0", "--size", "3", "--population", "1-2", "--with-replacement"])
            .unwrap(),
        "1\n1\n2\n"
    );
}

/// Random manifests and arguments: errors are fine, panics are not.
#[test]
fn fuzz_manifest_and_args() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let pieces = [
        "batch,ballots",
        "\n",
        "\r\n",
        ",",
        "A",
        "B",
        " ",
        "\"",
        "0",
        "7",
        "-",
        "18446744073709551616",
        "999999999999",
        "x",
        "\u{feff}",
        "é",
    ];
    for _ in 0..3000 {
        let n = (next() % 12) as usize;
        let text: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        if let Ok(m) = Manifest::parse_csv(&text) {
            let size = next() % 5;
            let wr = next().is_multiple_of(2);
            let _ = sample_cli(SampleMethod::Rivest, "s", size, &Population::Manifest(m.clone()), wr);
            let _ = sample_cli(SampleMethod::Consistent, "s", size, &Population::Manifest(m), wr);
        }
        let args: Vec<&str> = (0..(next() % 9))
            .map(|_| {
                [
                    "--method",
                    "rivest",
                    "consistent",
                    "--seed",
                    "--size",
                    "3",
                    "--population",
                    "1-4",
                    "--manifest",
                    "m",
                    "--with-replacement",
                    "--size=2",
                    "--population=0-0",
                ][(next() % 13) as usize]
            })
            .collect();
        let _ = run_sample_command(&args, |_| Ok("batch,ballots\nA,2\n".to_string()));
    }
}

/// `portal sample --method ppeb` reads the manifest and one contest's batch
/// tallies (the portal's download, extra columns and all) and prints whole
/// batches, weighted by their error bounds.
#[test]
fn ppeb_command_draws_batches_from_the_tallies() {
    let manifest = "batch,ballots\nX,100\nY,80\nZ,10\n";
    let tallies = "audit,audit_version,contest,batch,candidate,reported,audited\n\
                   a,2,Mayor,X,A,60,\na,2,Mayor,X,B,40,\na,2,\"Mayor\",Y,A,50,49\na,2,Mayor,Y,B,30,31\n";
    let read = |path: &str| match path {
        "m.csv" => Ok(manifest.to_string()),
        "t.csv" => Ok(tallies.to_string()),
        _ => Err("no such file".to_string()),
    };
    let args = ["--method", "ppeb", "--seed", "123", "--size", "6", "--manifest", "m.csv", "--tallies", "t.csv"];
    let out = run_sample_command(&args, read).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "ticket,batch,position");
    assert_eq!(lines.len(), 7);
    // Weights 3e9 (X) and 2.5e9 (Y): draw i is Rivest's value mod 5.5e9.
    let values = rivest::sample("123", 0, 5_499_999_999, 6, true).unwrap();
    for (line, v) in lines[1..].iter().zip(values) {
        let batch = if v.value < 3_000_000_000 { "X" } else { "Y" };
        assert_eq!(*line, format!("{},{batch},", v.counter));
    }
    let bad = |args: &[&str]| run_sample_command(args, read).unwrap_err().0;
    assert!(bad(&["--method", "ppeb", "--seed", "1", "--size", "1", "--manifest", "m.csv"]).contains("--tallies"));
    assert!(bad(&["--method", "rivest", "--seed", "1", "--size", "1", "--manifest", "m.csv", "--tallies", "t.csv"])
        .contains("--tallies"));
    let two = "contest,batch,candidate,reported\nMayor,X,A,3\nClerk,X,A,1\n";
    let e = rla::sample_cli::parse_tallies(two, None, 1).unwrap_err();
    assert!(e.0.contains("name one with --contest"), "{e}");
    let e = rla::sample_cli::parse_tallies("contest,batch,reported\n", None, 1).unwrap_err();
    assert!(e.0.contains("'candidate' is missing"), "{e}");
    let e = rla::sample_cli::parse_tallies("contest,batch,candidate,reported\nM,X,A,x\n", None, 1).unwrap_err();
    assert!(e.0.starts_with("line 2: reported"), "{e}");
}
