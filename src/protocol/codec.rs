//! Binary (fc raw) and JSON (fc variant) encoding of protocol values.
//!
//! Every protocol type implements [`Pack`] (the little-endian wire form the node
//! signs and hashes) and [`Json`] (the node's JSON form). Output always follows
//! the node's rules; input accepts what the node accepts: fields in any order,
//! 64-bit numbers as numbers or strings, sets and maps unsorted (sorted as the node
//! sorts them), enums by name or index, and `[]` or `{}` for empty extensions.

use serde_json::{Map, Value};

use super::error::{Error, Result};
use super::path::Path;

/// Output options for the JSON form.
#[derive(Clone, Copy, Debug)]
pub struct JsonCx<'a> {
    /// The public-key and address prefix (PPY, TEST, ...).
    pub prefix: &'a str,
}

impl Default for JsonCx<'_> {
    fn default() -> Self {
        JsonCx {
            prefix: super::keys::DEFAULT_PREFIX,
        }
    }
}

/// A cursor over binary input.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: u32,
}

/// How deeply values may nest (proposals inside proposals) in binary input.
pub const MAX_DEPTH: u32 = 32;

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader {
            buf,
            pos: 0,
            depth: 0,
        }
    }

    /// Enters a nested value; fails beyond [`MAX_DEPTH`] so hostile input cannot
    /// exhaust the stack.
    pub fn enter(&mut self, what: &'static str) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.bad_at(
                self.pos,
                what,
                format!("nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a nested value.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The current offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Takes `n` bytes.
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8]> {
        if self.remaining() < n {
            return Err(Error::UnexpectedEnd {
                offset: self.buf.len(),
                what,
            });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Takes a fixed-size array.
    pub fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }

    /// Reads an LEB128 varint (fc `unsigned_int`).
    pub fn varint(&mut self, what: &'static str) -> Result<u64> {
        let start = self.pos;
        let mut value: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.take(1, what)?[0];
            if shift >= 64 || (shift == 63 && b > 1) {
                return Err(self.bad_at(start, what, "varint is longer than 64 bits"));
            }
            value |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    /// Reads a varint that counts the items of a container, refusing counts that
    /// could not fit in the remaining bytes.
    pub fn length(&mut self, what: &'static str) -> Result<usize> {
        let start = self.pos;
        let n = self.varint(what)?;
        if n > self.remaining() as u64 {
            return Err(self.bad_at(
                start,
                what,
                format!(
                    "length {n} is larger than the {} bytes left",
                    self.remaining()
                ),
            ));
        }
        Ok(n as usize)
    }

    /// An error about the value that starts at `offset`.
    pub fn bad_at(&self, offset: usize, what: &'static str, reason: impl Into<String>) -> Error {
        Error::BadBinary {
            offset,
            what,
            reason: reason.into(),
        }
    }

    /// Fails if bytes are left.
    pub fn finish(&self, what: &'static str) -> Result<()> {
        if self.remaining() > 0 {
            return Err(Error::Trailing {
                offset: self.pos,
                count: self.remaining(),
                what,
            });
        }
        Ok(())
    }
}

/// Appends an LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The fc wire form.
pub trait Pack: Sized {
    fn pack(&self, out: &mut Vec<u8>);
    fn unpack(r: &mut Reader<'_>) -> Result<Self>;

    /// The packed bytes.
    fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(64);
        self.pack(&mut v);
        v
    }

    /// Unpacks a whole buffer, refusing trailing bytes.
    fn from_bytes(bytes: &[u8], what: &'static str) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let v = Self::unpack(&mut r)?;
        r.finish(what)?;
        Ok(v)
    }
}

/// The node's JSON form.
pub trait Json: Sized {
    fn to_json(&self, cx: &JsonCx) -> Value;
    fn from_json(v: &Value, p: &Path) -> Result<Self>;

    /// Writes this value as field `key` of a reflected struct.
    fn put_field(&self, m: &mut Map<String, Value>, key: &str, cx: &JsonCx) {
        m.insert(key.to_string(), self.to_json(cx));
    }

    /// Reads field `key` of a reflected struct.
    fn take_field(obj: &Map<String, Value>, key: &str, p: &Path) -> Result<Self> {
        match obj.get(key) {
            Some(v) => Self::from_json(v, &p.field(key)),
            None => Err(Error::MissingField {
                path: p.to_string(),
                field: key.to_string(),
            }),
        }
    }
}

/// Describes a JSON value's type for error messages.
pub fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub(crate) fn wrong(p: &Path, expected: &'static str, v: &Value) -> Error {
    Error::WrongType {
        path: p.to_string(),
        expected,
        found: kind(v),
    }
}

pub(crate) fn invalid(p: &Path, what: &'static str, reason: impl Into<String>) -> Error {
    Error::Invalid {
        path: p.to_string(),
        what,
        reason: reason.into(),
    }
}

/// The object of a reflected struct.
pub fn expect_object<'v>(v: &'v Value, p: &Path) -> Result<&'v Map<String, Value>> {
    v.as_object().ok_or_else(|| wrong(p, "an object", v))
}

/// The array of a container.
pub fn expect_array<'v>(v: &'v Value, p: &Path) -> Result<&'v Vec<Value>> {
    v.as_array().ok_or_else(|| wrong(p, "an array", v))
}

/// Warns about fields of `obj` that the struct does not have (the node ignores them).
pub fn check_fields(obj: &Map<String, Value>, known: &[&str], p: &Path) {
    for key in obj.keys() {
        if !known.contains(&key.as_str()) && key != "extensions" && key != "extenstions" {
            p.warn(|at| format!("{at}: unknown field `{key}` ignored (the node ignores it too)"));
        }
    }
}

/// Reads an integer given as a JSON number or a decimal string (fc writes 64-bit
/// values above 2^32-1 as strings).
fn json_integer(v: &Value, p: &Path, ty: &'static str) -> Result<i128> {
    let out_of_range = |s: String| Error::OutOfRange {
        path: p.to_string(),
        value: s,
        ty,
    };
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(u as i128)
            } else if let Some(i) = n.as_i64() {
                Ok(i as i128)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.fract() == 0.0 && f.is_finite() {
                    Err(out_of_range(n.to_string()))
                } else {
                    Err(wrong(p, "an integer", v))
                }
            }
        }
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(wrong(p, "an integer (number or decimal string)", v));
            }
            t.parse::<i128>().map_err(|_| out_of_range(t.to_string()))
        }
        _ => Err(wrong(p, "an integer", v)),
    }
}

macro_rules! int_codec {
    ($t:ty, $name:literal) => {
        impl Pack for $t {
            fn pack(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn unpack(r: &mut Reader<'_>) -> Result<Self> {
                Ok(<$t>::from_le_bytes(r.array($name)?))
            }
        }
        impl Json for $t {
            fn to_json(&self, _: &JsonCx) -> Value {
                // fc writes 64-bit values outside ±0xffffffff as strings.
                let wide = *self as i128;
                if !(-0xffff_ffff..=0xffff_ffff).contains(&wide) {
                    Value::String(self.to_string())
                } else {
                    Value::from(*self)
                }
            }
            fn from_json(v: &Value, p: &Path) -> Result<Self> {
                let n = json_integer(v, p, $name)?;
                <$t>::try_from(n).map_err(|_| Error::OutOfRange {
                    path: p.to_string(),
                    value: n.to_string(),
                    ty: $name,
                })
            }
        }
    };
}

int_codec!(u8, "uint8");
int_codec!(u16, "uint16");
int_codec!(u32, "uint32");
int_codec!(u64, "uint64");
int_codec!(i16, "int16");
int_codec!(i32, "int32");
int_codec!(i64, "int64");

impl Pack for bool {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        match r.take(1, "bool")?[0] {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(r.bad_at(at, "bool", format!("byte 0x{b:02x} is neither 00 nor 01"))),
        }
    }
}

impl Json for bool {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::Bool(*self)
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s == "true" => Ok(true),
            Value::String(s) if s == "false" => Ok(false),
            Value::Number(n) if n.as_u64() == Some(0) => Ok(false),
            Value::Number(n) if n.as_u64() == Some(1) => Ok(true),
            _ => Err(wrong(p, "a boolean", v)),
        }
    }
}

/// fc `unsigned_int`: a varint on the wire, a number in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Varint(pub u32);

impl Pack for Varint {
    fn pack(&self, out: &mut Vec<u8>) {
        write_varint(out, self.0 as u64);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        let v = r.varint("unsigned_int")?;
        u32::try_from(v)
            .map(Varint)
            .map_err(|_| r.bad_at(at, "unsigned_int", format!("{v} is above 2^32-1")))
    }
}

impl Json for Varint {
    fn to_json(&self, cx: &JsonCx) -> Value {
        self.0.to_json(cx)
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        u32::from_json(v, p).map(Varint)
    }
}

impl Pack for String {
    fn pack(&self, out: &mut Vec<u8>) {
        write_varint(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.length("string length")?;
        let at = r.position();
        let bytes = r.take(n, "string")?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| r.bad_at(at + e.valid_up_to(), "string", "invalid UTF-8"))
    }
}

impl Json for String {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(self.clone())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong(p, "a string", v))
    }
}

impl<T: Pack> Pack for Option<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.pack(out);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        match r.take(1, "optional flag")?[0] {
            0 => Ok(None),
            1 => T::unpack(r).map(Some),
            b => Err(r.bad_at(
                at,
                "optional flag",
                format!("byte 0x{b:02x} is neither 00 nor 01"),
            )),
        }
    }
}

impl<T: Json> Json for Option<T> {
    fn to_json(&self, cx: &JsonCx) -> Value {
        match self {
            None => Value::Null,
            Some(v) => v.to_json(cx),
        }
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v, p).map(Some),
        }
    }
    /// Unset optionals are left out, as fc does for reflected structs.
    fn put_field(&self, m: &mut Map<String, Value>, key: &str, cx: &JsonCx) {
        if let Some(v) = self {
            m.insert(key.to_string(), v.to_json(cx));
        }
    }
    fn take_field(obj: &Map<String, Value>, key: &str, p: &Path) -> Result<Self> {
        match obj.get(key) {
            None => Ok(None),
            Some(v) => Self::from_json(v, &p.field(key)),
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        write_varint(out, self.len() as u64);
        for item in self {
            item.pack(out);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.length("vector length")?;
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            v.push(T::unpack(r)?);
        }
        Ok(v)
    }
}

impl<T: Json> Json for Vec<T> {
    fn to_json(&self, cx: &JsonCx) -> Value {
        Value::Array(self.iter().map(|x| x.to_json(cx)).collect())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let a = expect_array(v, p)?;
        a.iter()
            .enumerate()
            .map(|(i, x)| T::from_json(x, &p.index(i)))
            .collect()
    }
}

/// A `flat_set`: unique items in the node's order, whatever order they came in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FlatSet<T>(Vec<T>);

impl<T> Default for FlatSet<T> {
    fn default() -> Self {
        FlatSet(Vec::new())
    }
}

impl<T: Ord> FlatSet<T> {
    /// Sorts and removes duplicates, as the node does when it builds the set.
    pub fn new(mut items: Vec<T>) -> Self {
        items.sort();
        items.dedup();
        FlatSet(items)
    }
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: Ord> FromIterator<T> for FlatSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        FlatSet::new(iter.into_iter().collect())
    }
}

impl<T: Pack + Ord> Pack for FlatSet<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        self.0.pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        Vec::unpack(r).map(FlatSet::new)
    }
}

impl<T: Json + Ord> Json for FlatSet<T> {
    fn to_json(&self, cx: &JsonCx) -> Value {
        self.0.to_json(cx)
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        Vec::from_json(v, p).map(FlatSet::new)
    }
}

/// A `flat_map`: unique keys in the node's order. When a key repeats, the first
/// value is kept, as the node's `flat_map::insert` does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FlatMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for FlatMap<K, V> {
    fn default() -> Self {
        FlatMap(Vec::new())
    }
}

impl<K: Ord, V> FlatMap<K, V> {
    /// Sorts by key (stable) and keeps the first of equal keys.
    pub fn new(mut items: Vec<(K, V)>) -> Self {
        items.sort_by(|a, b| a.0.cmp(&b.0));
        items.dedup_by(|later, earlier| later.0 == earlier.0);
        FlatMap(items)
    }
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.0
    }
    pub fn iter(&self) -> std::slice::Iter<'_, (K, V)> {
        self.0.iter()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, k: &K) -> Option<&V> {
        self.0
            .binary_search_by(|(x, _)| x.cmp(k))
            .ok()
            .map(|i| &self.0[i].1)
    }
    pub fn into_vec(self) -> Vec<(K, V)> {
        self.0
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for FlatMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        FlatMap::new(iter.into_iter().collect())
    }
}

impl<K: Pack + Ord, V: Pack> Pack for FlatMap<K, V> {
    fn pack(&self, out: &mut Vec<u8>) {
        write_varint(out, self.0.len() as u64);
        for (k, v) in &self.0 {
            k.pack(out);
            v.pack(out);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.length("map length")?;
        let mut items = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let k = K::unpack(r)?;
            let v = V::unpack(r)?;
            items.push((k, v));
        }
        Ok(FlatMap::new(items))
    }
}

impl<K: Json + Ord, V: Json> Json for FlatMap<K, V> {
    fn to_json(&self, cx: &JsonCx) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(k, v)| Value::Array(vec![k.to_json(cx), v.to_json(cx)]))
                .collect(),
        )
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let mut items = Vec::new();
        match v {
            // `{"en": "Soccer"}` is accepted as a convenience for string-keyed maps.
            Value::Object(o) => {
                for (k, val) in o {
                    let kp = p.field(k);
                    items.push((
                        K::from_json(&Value::String(k.clone()), &kp)?,
                        V::from_json(val, &kp)?,
                    ));
                }
            }
            Value::Array(a) => {
                for (i, pair) in a.iter().enumerate() {
                    let ip = p.index(i);
                    match pair.as_array().map(Vec::as_slice) {
                        Some([k, val]) => items.push((
                            K::from_json(k, &ip.index(0))?,
                            V::from_json(val, &ip.index(1))?,
                        )),
                        _ => return Err(wrong(&ip, "a [key, value] pair", pair)),
                    }
                }
            }
            _ => return Err(wrong(p, "an array of [key, value] pairs", v)),
        }
        let n = items.len();
        let map = FlatMap::new(items);
        if map.len() != n {
            p.warn(|at| {
                format!(
                    "{at}: repeated keys; the first value of each is kept, as the node keeps it"
                )
            });
        }
        Ok(map)
    }
}

/// Empty `extensions` (`future_extensions` sets and `extension<...>` structs).
/// Only the empty form exists in practice; a non-empty one is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Extensions;

impl Pack for Extensions {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        match r.varint("extensions")? {
            0 => Ok(Extensions),
            n => Err(r.bad_at(
                at,
                "extensions",
                format!("{n} extension(s); only empty extensions are supported"),
            )),
        }
    }
}

impl Json for Extensions {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::Array(Vec::new())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::Array(a) if a.is_empty() => Ok(Extensions),
            Value::Object(o) if o.is_empty() => Ok(Extensions),
            Value::Null => Ok(Extensions),
            Value::Array(_) | Value::Object(_) => Err(invalid(
                p,
                "extensions",
                "only empty extensions ([] or {}) are supported",
            )),
            _ => Err(wrong(p, "[] or {}", v)),
        }
    }
    /// A missing `extensions` field means empty, as the node defaults it.
    fn take_field(obj: &Map<String, Value>, key: &str, p: &Path) -> Result<Self> {
        match obj.get(key) {
            None => Ok(Extensions),
            Some(v) => Self::from_json(v, &p.field(key)),
        }
    }
}

/// Raw bytes of fixed size written as lowercase hex in JSON (hashes, secrets).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FixedBytes<const N: usize>(pub [u8; N]);

impl<const N: usize> std::fmt::Debug for FixedBytes<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl<const N: usize> Default for FixedBytes<N> {
    fn default() -> Self {
        FixedBytes([0u8; N])
    }
}

impl<const N: usize> Pack for FixedBytes<N> {
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        r.array("fixed-size hash").map(FixedBytes)
    }
}

impl<const N: usize> Json for FixedBytes<N> {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(hex::encode(self.0))
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v.as_str().ok_or_else(|| wrong(p, "a hex string", v))?;
        let mut a = [0u8; N];
        hex::decode_to_slice(s, &mut a)
            .map_err(|_| invalid(p, "hex", format!("expected {} hex characters", N * 2)))?;
        Ok(FixedBytes(a))
    }
}

/// `ripemd160` (20 bytes; witness secrets).
pub type Ripemd160 = FixedBytes<20>;
/// `sha256` (32 bytes).
pub type Sha256 = FixedBytes<32>;

/// Variable-length bytes written as hex in JSON (memo messages).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytes(pub Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(&self.0))
    }
}

impl Pack for Bytes {
    fn pack(&self, out: &mut Vec<u8>) {
        write_varint(out, self.0.len() as u64);
        out.extend_from_slice(&self.0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.length("bytes length")?;
        Ok(Bytes(r.take(n, "bytes")?.to_vec()))
    }
}

impl Json for Bytes {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(hex::encode(&self.0))
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v.as_str().ok_or_else(|| wrong(p, "a hex string", v))?;
        hex::decode(s)
            .map(Bytes)
            .map_err(|e| invalid(p, "hex", e.to_string()))
    }
}

/// Declares a reflected struct: field order is wire order, field names are the
/// node's JSON names (a leading `r#` is dropped).
#[macro_export]
macro_rules! fc_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $crate::protocol::codec::Pack for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                $( $crate::protocol::codec::Pack::pack(&self.$field, out); )*
            }
            fn unpack(r: &mut $crate::protocol::codec::Reader<'_>) -> $crate::protocol::Result<Self> {
                Ok($name { $( $field: $crate::protocol::codec::Pack::unpack(r)?, )* })
            }
        }

        impl $crate::protocol::codec::Json for $name {
            fn to_json(&self, cx: &$crate::protocol::codec::JsonCx) -> serde_json::Value {
                let mut m = serde_json::Map::new();
                $(
                    $crate::protocol::codec::Json::put_field(
                        &self.$field, &mut m, $crate::protocol::codec::field_name(stringify!($field)), cx);
                )*
                serde_json::Value::Object(m)
            }
            fn from_json(v: &serde_json::Value, p: &$crate::protocol::Path) -> $crate::protocol::Result<Self> {
                let obj = $crate::protocol::codec::expect_object(v, p)?;
                $crate::protocol::codec::check_fields(
                    obj, &[$( $crate::protocol::codec::field_name(stringify!($field)) ),*], p);
                Ok($name {
                    $( $field: $crate::protocol::codec::Json::take_field(
                        obj, $crate::protocol::codec::field_name(stringify!($field)), p)?, )*
                })
            }
        }
    };
}

/// The JSON name of a field declared with [`fc_struct!`].
pub const fn field_name(ident: &'static str) -> &'static str {
    let b = ident.as_bytes();
    if b.len() > 2 && b[0] == b'r' && b[1] == b'#' {
        ident.split_at(2).1
    } else {
        ident
    }
}

/// Declares an fc enum: zigzag varint on the wire, its name in JSON (the index is
/// accepted on input too).
#[macro_export]
macro_rules! fc_enum {
    ($(#[$meta:meta])* pub enum $name:ident as $label:literal { $( $var:ident = $text:literal ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $var, )* }

        impl $name {
            pub const ALL: &'static [$name] = &[$( $name::$var, )*];
            pub const NAMES: &'static [&'static str] = &[$( $text, )*];
            /// The node's name.
            pub fn as_str(self) -> &'static str {
                Self::NAMES[self as usize]
            }
            /// By name or by decimal index.
            pub fn parse(text: &str) -> Option<Self> {
                if let Some(i) = Self::NAMES.iter().position(|n| *n == text) {
                    return Some(Self::ALL[i]);
                }
                text.parse::<usize>().ok().and_then(|i| Self::ALL.get(i).copied())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::protocol::codec::Pack for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                // fc writes enums as signed_int: zigzag, then varint.
                $crate::protocol::codec::write_varint(out, (*self as u64) << 1);
            }
            fn unpack(r: &mut $crate::protocol::codec::Reader<'_>) -> $crate::protocol::Result<Self> {
                let at = r.position();
                let z = r.varint($label)?;
                let i = if z & 1 == 1 { None } else { Some((z >> 1) as usize) };
                i.and_then(|i| Self::ALL.get(i).copied()).ok_or_else(|| {
                    r.bad_at(at, $label, format!("value {} is not one of {}", if z & 1 == 1 { -(((z >> 1) + 1) as i128) } else { (z >> 1) as i128 }, Self::NAMES.join(", ")))
                })
            }
        }

        impl $crate::protocol::codec::Json for $name {
            fn to_json(&self, _: &$crate::protocol::codec::JsonCx) -> serde_json::Value {
                serde_json::Value::String(self.as_str().to_string())
            }
            fn from_json(v: &serde_json::Value, p: &$crate::protocol::Path) -> $crate::protocol::Result<Self> {
                let found = match v {
                    serde_json::Value::String(s) => Self::parse(s),
                    serde_json::Value::Number(n) => n.as_u64().and_then(|i| Self::ALL.get(i as usize).copied()),
                    _ => return Err($crate::protocol::codec::wrong(p, concat!("a ", $label, " name"), v)),
                };
                found.ok_or_else(|| $crate::protocol::Error::Invalid {
                    path: p.to_string(),
                    what: $label,
                    reason: format!("{} is not one of {}", $crate::protocol::codec::kind(v), Self::NAMES.join(", ")),
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        for (v, h) in [
            (0u64, "00"),
            (127, "7f"),
            (128, "8001"),
            (300, "ac02"),
            (34359738368, "808080808001"),
        ] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert_eq!(hex::encode(&out), h);
            assert_eq!(Reader::new(&out).varint("x").unwrap(), v);
        }
        assert!(Reader::new(&[0x80]).varint("x").is_err());
        assert!(Reader::new(&[0xff; 11]).varint("x").is_err());
    }

    #[test]
    fn numbers_as_strings() {
        let p = Path::ROOT;
        assert_eq!(
            u64::from_json(&Value::from("18446744073709551615"), &p).unwrap(),
            u64::MAX
        );
        assert!(u16::from_json(&Value::from(65536), &p).is_err());
        assert!(u32::from_json(&Value::from(-1), &p).is_err());
        assert!(u32::from_json(&Value::from(1.5), &p).is_err());
        assert!(u32::from_json(&Value::from("12a"), &p).is_err());
        assert_eq!(
            u64::MAX.to_json(&JsonCx::default()),
            Value::from("18446744073709551615")
        );
        assert_eq!(
            4294967295u64.to_json(&JsonCx::default()),
            Value::from(4294967295u64)
        );
        assert_eq!(
            (-4294967296i64).to_json(&JsonCx::default()),
            Value::from("-4294967296")
        );
    }

    #[test]
    fn strings_reject_bad_utf8() {
        let err = String::from_bytes(&[2, 0xc3, 0x28], "string").unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{err}");
        assert!(String::from_bytes(&[5, b'a'], "string").is_err());
    }
}
