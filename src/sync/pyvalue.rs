//! Python numbers as bos-sync uses them: ints and floats that mix by Python's
//! rules, and their `str()`/`repr()` text, which ends up in market names and in
//! grading expressions.

use std::cmp::Ordering;
use std::fmt;

/// A Python value of the kinds grading and naming use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PyValue {
    /// `int` (bounded here; scores and lines never come close).
    Int(i128),
    /// `float`.
    Float(f64),
    /// `bool` (a subclass of int in Python).
    Bool(bool),
}

/// Errors of Python arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PyError {
    #[error("division by zero")]
    ZeroDivision,
    #[error("integer overflow")]
    Overflow,
    #[error("{0}")]
    Type(String),
}

impl PyValue {
    /// As a float (Python's implicit widening).
    pub fn as_f64(self) -> f64 {
        match self {
            PyValue::Int(i) => i as f64,
            PyValue::Float(f) => f,
            PyValue::Bool(b) => b as i32 as f64,
        }
    }

    fn as_int(self) -> Option<i128> {
        match self {
            PyValue::Int(i) => Some(i),
            PyValue::Bool(b) => Some(b as i128),
            PyValue::Float(_) => None,
        }
    }

    /// Python truthiness.
    pub fn truthy(self) -> bool {
        match self {
            PyValue::Int(i) => i != 0,
            PyValue::Float(f) => f != 0.0,
            PyValue::Bool(b) => b,
        }
    }

    fn arith(
        self,
        other: PyValue,
        int_op: fn(i128, i128) -> Option<i128>,
        float_op: fn(f64, f64) -> f64,
    ) -> Result<PyValue, PyError> {
        match (self.as_int(), other.as_int()) {
            (Some(a), Some(b)) => int_op(a, b).map(PyValue::Int).ok_or(PyError::Overflow),
            _ => Ok(PyValue::Float(float_op(self.as_f64(), other.as_f64()))),
        }
    }

    pub fn py_add(self, o: PyValue) -> Result<PyValue, PyError> {
        self.arith(o, i128::checked_add, |a, b| a + b)
    }
    pub fn py_sub(self, o: PyValue) -> Result<PyValue, PyError> {
        self.arith(o, i128::checked_sub, |a, b| a - b)
    }
    pub fn py_mul(self, o: PyValue) -> Result<PyValue, PyError> {
        self.arith(o, i128::checked_mul, |a, b| a * b)
    }
    /// `/`: always a float.
    pub fn truediv(self, o: PyValue) -> Result<PyValue, PyError> {
        let d = o.as_f64();
        if d == 0.0 {
            return Err(PyError::ZeroDivision);
        }
        Ok(PyValue::Float(self.as_f64() / d))
    }
    /// `//`: floor division.
    pub fn floordiv(self, o: PyValue) -> Result<PyValue, PyError> {
        if o.as_f64() == 0.0 {
            return Err(PyError::ZeroDivision);
        }
        match (self.as_int(), o.as_int()) {
            (Some(a), Some(b)) => Ok(PyValue::Int(
                a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 },
            )),
            _ => Ok(PyValue::Float((self.as_f64() / o.as_f64()).floor())),
        }
    }
    /// `%`: the result takes the sign of the divisor.
    pub fn modulo(self, o: PyValue) -> Result<PyValue, PyError> {
        if o.as_f64() == 0.0 {
            return Err(PyError::ZeroDivision);
        }
        match (self.as_int(), o.as_int()) {
            (Some(a), Some(b)) => {
                let r = a % b;
                Ok(PyValue::Int(if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }))
            }
            _ => {
                let (a, b) = (self.as_f64(), o.as_f64());
                let r = a % b;
                Ok(PyValue::Float(if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
                    r + b
                } else {
                    r
                }))
            }
        }
    }
    /// Unary minus.
    pub fn py_neg(self) -> Result<PyValue, PyError> {
        match self {
            PyValue::Float(f) => Ok(PyValue::Float(-f)),
            v => v
                .as_int()
                .and_then(i128::checked_neg)
                .map(PyValue::Int)
                .ok_or(PyError::Overflow),
        }
    }
    /// Unary plus (bool becomes int).
    pub fn py_pos(self) -> PyValue {
        match self {
            PyValue::Bool(b) => PyValue::Int(b as i128),
            v => v,
        }
    }

    /// Numeric comparison across int, float and bool.
    pub fn compare(self, o: PyValue) -> Option<Ordering> {
        match (self.as_int(), o.as_int()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => self.as_f64().partial_cmp(&o.as_f64()),
        }
    }
}

/// Python's `repr()`/`str()` of the value: `2`, `2.0`, `8.5`, `-16`, `1e+16`, `True`.
impl fmt::Display for PyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyValue::Int(i) => write!(f, "{i}"),
            PyValue::Bool(true) => f.write_str("True"),
            PyValue::Bool(false) => f.write_str("False"),
            PyValue::Float(x) => f.write_str(&float_repr(*x)),
        }
    }
}

/// Python 3's `repr(float)`: the shortest digits that round-trip, in fixed
/// notation when the decimal exponent is in -4..16, else scientific (`1e+16`,
/// `1.5e-05`); always with a `.0` for integral values in fixed notation.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde±x".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let s = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        format!(
            "{sign}{m}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_match_python() {
        for (x, want) in [
            (2.0, "2.0"),
            (8.5, "8.5"),
            (182.0, "182.0"),
            (-16.0, "-16.0"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "-0.0"),
            (215.5, "215.5"),
        ] {
            assert_eq!(float_repr(x), want, "{x}");
        }
        assert_eq!(PyValue::Int(-16).to_string(), "-16");
        assert_eq!(PyValue::Bool(true).to_string(), "True");
    }

    #[test]
    fn arithmetic_matches_python() {
        use PyValue::*;
        assert_eq!(Int(7).floordiv(Int(-2)).unwrap(), Int(-4));
        assert_eq!(Int(-7).floordiv(Int(2)).unwrap(), Int(-4));
        assert_eq!(Int(7).floordiv(Int(2)).unwrap(), Int(3));
        assert_eq!(Int(-7).modulo(Int(2)).unwrap(), Int(1));
        assert_eq!(Int(7).modulo(Int(-2)).unwrap(), Int(-1));
        assert_eq!(Int(1).truediv(Int(2)).unwrap(), Float(0.5));
        assert_eq!(Int(1).py_add(Float(0.5)).unwrap(), Float(1.5));
        assert_eq!(Bool(true).py_add(Int(1)).unwrap(), Int(2));
        assert!(Int(1).truediv(Int(0)).is_err());
        assert_eq!(Int(2).compare(Float(2.0)), Some(Ordering::Equal));
    }
}
