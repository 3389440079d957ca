//! Shared helpers for the integration tests: an order-preserving JSON value
//! (the vectors rely on object key order, e.g. Minerva samples are listed
//! positionally in tally order), and Arlo's contest dicts as [`Contest`]s.

#![allow(dead_code)]

use rla::Contest;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Num(f64),
    Int(i128),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "JSON")
            }
            fn visit_bool<E>(self, b: bool) -> Result<J, E> {
                Ok(J::Bool(b))
            }
            fn visit_i64<E>(self, v: i64) -> Result<J, E> {
                Ok(J::Int(v as i128))
            }
            fn visit_u64<E>(self, v: u64) -> Result<J, E> {
                Ok(J::Int(v as i128))
            }
            fn visit_f64<E>(self, v: f64) -> Result<J, E> {
                Ok(J::Num(v))
            }
            fn visit_str<E>(self, s: &str) -> Result<J, E> {
                Ok(J::Str(s.to_string()))
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = m.next_entry::<String, J>()? {
                    v.push((k, x));
                }
                Ok(J::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl J {
    pub fn load(name: &str) -> J {
        let path = format!("{}/tests/vectors/{}", env!("CARGO_MANIFEST_DIR"), name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub fn get(&self, key: &str) -> &J {
        match self {
            J::Obj(p) => {
                p.iter().find(|(k, _)| k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("missing key {key}"))
            }
            _ => panic!("not an object looking for {key}"),
        }
    }

    pub fn opt(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(p) => p.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, J)] {
        match self {
            J::Obj(p) => p,
            _ => panic!("not an object"),
        }
    }

    pub fn arr(&self) -> &[J] {
        match self {
            J::Arr(a) => a,
            _ => panic!("not an array: {self:?}"),
        }
    }

    pub fn f(&self) -> f64 {
        match self {
            J::Num(x) => *x,
            J::Int(i) => *i as f64,
            _ => panic!("not a number: {self:?}"),
        }
    }

    pub fn u(&self) -> u64 {
        match self {
            J::Int(i) => *i as u64,
            J::Num(x) if x.fract() == 0.0 => *x as u64,
            _ => panic!("not an integer: {self:?}"),
        }
    }

    pub fn s(&self) -> &str {
        match self {
            J::Str(s) => s,
            _ => panic!("not a string: {self:?}"),
        }
    }

    pub fn b(&self) -> bool {
        match self {
            J::Bool(b) => *b,
            _ => panic!("not a bool: {self:?}"),
        }
    }
}

/// Relative-or-absolute closeness.
pub fn close(a: f64, b: f64, rel: f64) -> bool {
    if a == b {
        return true;
    }
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

const META: [&str; 5] = ["ballots", "numWinners", "votesAllowed", "pendingBallots", "isSubjectToRunoff"];

/// An Arlo contest dict `{cand: votes, ..., "ballots", "numWinners", "votesAllowed"}`.
pub fn arlo_contest(j: &J) -> Contest {
    let cands: Vec<(&str, u64)> =
        j.entries().iter().filter(|(k, _)| !META.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.u())).collect();
    let nw = j.opt("numWinners").map(|v| v.u()).unwrap_or(1) as usize;
    let va = j.opt("votesAllowed").map(|v| v.u()).unwrap_or(1) as u32;
    Contest::new(&cands, j.get("ballots").u(), nw, va).unwrap()
}

pub fn tally(j: &J) -> Vec<(&str, u64)> {
    j.entries().iter().map(|(k, v)| (k.as_str(), v.u())).collect()
}
