//! The sampler vectors (Arlo's draw_sample and the consistent sampler's own
//! doctests) in tests/vectors/ (copied from /work/shared/rla-vectors).

mod common;

use common::J;
use rla::consistent_sampler::{self as cs, PyId};

// ---------------------------------------------------------------- samplers

#[test]
fn arlo_sampler_draw_sample() {
    let v = J::load("arlo_sampler.json");
    let seed = v.get("seed").s();
    let ds = v.get("draw_sample");
    assert!(ds.get("with_replacement").b());
    assert_eq!(ds.get("digits").u(), 18);
    let manifest: Vec<(PyId, Vec<u64>)> = ds
        .get("manifest")
        .entries()
        .iter()
        .map(|(k, r)| {
            let (a, b) = r.s().split_once("..").unwrap();
            (PyId::Str(k.clone()), (a.parse().unwrap()..=b.parse().unwrap()).collect())
        })
        .collect();
    let take = ds.get("take").u() as usize;
    let got = cs::arlo_draw_sample(seed, &manifest, take, 0, true).unwrap();
    let exp = ds.get("expected").arr();
    assert_eq!(got.len(), exp.len());
    for (g, e) in got.iter().zip(exp) {
        let e = e.arr();
        let id = e[1].arr();
        assert_eq!(g.ticket_number, e[0].s());
        assert_eq!(g.batch, PyId::Str(id[0].s().to_string()));
        assert_eq!(g.position, id[1].u());
        assert_eq!(g.generation, e[2].u());
    }
    // "take 10 then (num_sampled=10) next 10 = same 20 split 10/10"
    let first = cs::arlo_draw_sample(seed, &manifest, 10, 0, true).unwrap();
    let second = cs::arlo_draw_sample(seed, &manifest, 10, 10, true).unwrap();
    assert_eq!(first, got[..10].to_vec());
    assert_eq!(second, got[10..].to_vec());
}

#[test]
fn arlo_sampler_first_tickets() {
    let v = J::load("arlo_sampler.json");
    let seed = v.get("seed").s();
    for (k, t) in v.get("first_ticket_for_batch_keys").entries() {
        if k == "note" {
            continue;
        }
        // "('Jx 1', 'pct 1')"
        let inner = k.trim_start_matches('(').trim_end_matches(')');
        let parts: Vec<PyId> = inner.split(", ").map(|p| PyId::Str(p.trim_matches('\'').to_string())).collect();
        let id = PyId::Tuple(parts);
        assert_eq!(&id.py_str(), k);
        assert_eq!(cs::trim(&cs::first_fraction(&id.py_str(), seed), 18), t.s(), "{k}");
    }
    // ppeb_macro_sample_NOT_PORTABLE: documented as not reproducible (numpy PCG64)
    assert!(v.opt("ppeb_macro_sample_NOT_PORTABLE").is_some());
}

#[test]
fn consistent_sampler_doctests() {
    let v = J::load("consistent_sampler_doctests.json");
    for (k, e) in v.entries() {
        match k.as_str() {
            "source" | "notes" => {}
            "sha256_hex('abc')" => assert_eq!(cs::sha256_hex("abc"), e.s()),
            "sha256_uniform('abc')" => assert_eq!(cs::sha256_uniform("abc"), e.s()),
            "first_fraction('AB-130','01382438112797316654')" => {
                assert_eq!(cs::first_fraction("AB-130", "01382438112797316654"), e.s())
            }
            "next_fraction('0.25471')" => assert_eq!(cs::next_fraction("0.25471"), e.s()),
            "next_ticket(gen1 of AB-130)" => {
                let t1 = cs::first_fraction("AB-130", "01382438112797316654");
                assert_eq!(cs::next_fraction(&t1), e.s());
            }
            "trim('0.9991234567890',4)" => assert_eq!(cs::trim("0.9991234567890", 4), e.s()),
            "make_ticket_heap(['dog','cat','fish','goat'],3,'xy()134!g2n')" => {
                let ids: Vec<String> = ["dog", "cat", "fish", "goat"].iter().map(|s| s.to_string()).collect();
                let heap = cs::make_ticket_heap(&ids, 3, "xy()134!g2n");
                assert_eq!(heap.len(), e.entries().len());
                for (t, i) in heap {
                    assert_eq!(t, e.get(&ids[i]).s(), "{}", ids[i]);
                }
            }
            "draw_with_replacement next for x='0.234'" => {
                assert_eq!(cs::next_fraction("0.234"), e.s())
            }
            "sampler(['A#2','B#7','C#1','D#4'],with_replacement=True,take=8,seed=314159,output='id')" => {
                let ids: Vec<String> = ["A#2", "B#7", "C#1", "D#4"].iter().map(|s| s.to_string()).collect();
                let got: Vec<String> = cs::sampler(&ids, "314159", true, 0, 8, 9)
                    .unwrap()
                    .into_iter()
                    .map(|t| ids[t.index].clone())
                    .collect();
                let want: Vec<String> = e.arr().iter().map(|x| x.s().to_string()).collect();
                assert_eq!(got, want);
            }
            "sampler(['ab-1','ab-2','cd-1','ef-3'],seed=314159) digits=9" => {
                let ids: Vec<String> = ["ab-1", "ab-2", "cd-1", "ef-3"].iter().map(|s| s.to_string()).collect();
                let got = cs::sampler(&ids, "314159", false, 0, usize::MAX, 9).unwrap();
                assert_eq!(got.len(), e.arr().len());
                for (g, w) in got.iter().zip(e.arr()) {
                    let w = w.arr();
                    assert_eq!(g.ticket_number, w[0].s());
                    assert_eq!(ids[g.index], w[1].s());
                    assert_eq!(g.generation, w[2].u());
                }
            }
            "sampler(['a','b','c','d'],seed=31,output='id')" | "sampler(['a','b','c','d'],seed=77,output='id')" => {
                let seed = if k.contains("seed=31") { "31" } else { "77" };
                let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
                let got: Vec<String> = cs::sampler(&ids, seed, false, 0, usize::MAX, 9)
                    .unwrap()
                    .into_iter()
                    .map(|t| ids[t.index].clone())
                    .collect();
                let want: Vec<String> = e.arr().iter().map(|x| x.s().to_string()).collect();
                assert_eq!(got, want, "{k}");
            }
            "sampler(range(100),seed=41,output='id',take=10)" => {
                let ids: Vec<String> = (0..100).map(|i: i64| PyId::Int(i).py_str()).collect();
                let got: Vec<u64> =
                    cs::sampler(&ids, "41", false, 0, 10, 9).unwrap().into_iter().map(|t| t.index as u64).collect();
                let want: Vec<u64> = e.arr().iter().map(|x| x.u()).collect();
                assert_eq!(got, want);
            }
            other => panic!("unhandled doctest vector {other}"),
        }
    }
}
