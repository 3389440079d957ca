//! Reading the `audit-math` JSON input: an order-preserving JSON value (so a
//! duplicated key is caught, not silently merged) and readers that name the
//! field at fault in every error.

use crate::contest::Contest;
use crate::InputError;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value that keeps object keys in document order (and duplicates).
#[derive(Clone, Debug)]
pub(super) enum JVal {
    Null,
    Bool,
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<JVal>),
    Obj(Vec<(String, JVal)>),
}

impl<'de> Deserialize<'de> for JVal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<JVal, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JVal;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a JSON value")
            }
            fn visit_bool<E>(self, _b: bool) -> Result<JVal, E> {
                Ok(JVal::Bool)
            }
            fn visit_i64<E>(self, v: i64) -> Result<JVal, E> {
                Ok(JVal::Num(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<JVal, E> {
                Ok(JVal::Num(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<JVal, E> {
                serde_json::Number::from_f64(v).map(JVal::Num).ok_or_else(|| E::custom("numbers must be finite"))
            }
            fn visit_str<E>(self, s: &str) -> Result<JVal, E> {
                Ok(JVal::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<JVal, E> {
                Ok(JVal::Str(s))
            }
            fn visit_unit<E>(self) -> Result<JVal, E> {
                Ok(JVal::Null)
            }
            fn visit_none<E>(self) -> Result<JVal, E> {
                Ok(JVal::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JVal, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(JVal::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JVal, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = map.next_entry::<String, JVal>()? {
                    v.push((k, x));
                }
                Ok(JVal::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

pub(super) fn kind(v: &JVal) -> &'static str {
    match v {
        JVal::Null => "null",
        JVal::Bool => "true/false",
        JVal::Num(_) => "a number",
        JVal::Str(_) => "text",
        JVal::Arr(_) => "a list",
        JVal::Obj(_) => "an object",
    }
}

pub(super) fn err(field: &str, msg: impl Into<String>) -> InputError {
    InputError::new(field, msg)
}

/// An object's fields, checked for duplicates and unknown names.
pub(super) fn object<'a>(
    field: &str,
    v: &'a JVal,
    allowed: Option<&[&str]>,
) -> Result<&'a [(String, JVal)], InputError> {
    let pairs = match v {
        JVal::Obj(p) => p,
        other => return Err(err(field, format!("must be a JSON object, not {}", kind(other)))),
    };
    for (i, (k, _)) in pairs.iter().enumerate() {
        let name = if field.is_empty() { k.clone() } else { format!("{field}.{k}") };
        if pairs[..i].iter().any(|(k2, _)| k2 == k) {
            return Err(err(&name, "is given twice"));
        }
        if let Some(allowed) = allowed {
            if !allowed.contains(&k.as_str()) {
                return Err(err(&name, format!("is not a recognised field (expected one of: {})", allowed.join(", "))));
            }
        }
    }
    Ok(pairs)
}

pub(super) fn get<'a>(pairs: &'a [(String, JVal)], key: &str) -> Option<&'a JVal> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub(super) fn count(field: &str, v: &JVal) -> Result<u64, InputError> {
    let n = count_any(field, v)?;
    if n > crate::MAX_COUNT {
        return Err(err(field, format!("is too large (at most {})", crate::MAX_COUNT)));
    }
    Ok(n)
}

fn count_any(field: &str, v: &JVal) -> Result<u64, InputError> {
    match v {
        JVal::Num(n) => {
            if let Some(u) = n.as_u64() {
                return Ok(u);
            }
            if let Some(i) = n.as_i64() {
                if i < 0 {
                    return Err(err(field, format!("must not be negative (found {i})")));
                }
            }
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f < 0.0 {
                return Err(err(field, format!("must not be negative (found {f})")));
            }
            if f.fract() == 0.0 && f <= 9_007_199_254_740_992.0 {
                return Ok(f as u64);
            }
            Err(err(field, format!("must be a whole number (found {f})")))
        }
        other => Err(err(field, format!("must be a whole number, not {}", kind(other)))),
    }
}

pub(super) fn number(field: &str, v: &JVal) -> Result<f64, InputError> {
    match v {
        JVal::Num(n) => n.as_f64().filter(|f| f.is_finite()).ok_or_else(|| err(field, "must be a finite number")),
        other => Err(err(field, format!("must be a number, not {}", kind(other)))),
    }
}

pub(super) fn tally(field: &str, v: &JVal) -> Result<Vec<(String, u64)>, InputError> {
    let pairs = object(field, v, None)?;
    let mut out = Vec::new();
    for (k, x) in pairs {
        let f = format!("{field}.{k}");
        if k.is_empty() {
            return Err(err(field, "a candidate name is empty"));
        }
        out.push((k.clone(), count(&f, x)?));
    }
    Ok(out)
}

pub(super) fn check_names(field: &str, contest: &Contest, t: &[(String, u64)]) -> Result<(), InputError> {
    for (n, _) in t {
        if contest.index_of(n).is_none() {
            return Err(err(&format!("{field}.{n}"), format!("'{n}' is not one of the candidates in reported")));
        }
    }
    Ok(())
}
