//! Grading formulas of the rule objects, evaluated safely.
//!
//! bos-sync formats each formula with Python's `str.format` (placeholders such
//! as `{result.home}`, `{metric}`) and then calls `eval` on the text. `bos` does
//! the same two steps with [`format_template`] and a small expression evaluator
//! that knows only numbers, `True`/`False`, `+ - * / // %`, unary signs,
//! parentheses, comparisons (chained as in Python) and `and`/`or`/`not`, with
//! Python's numeric semantics ([`PyValue`]). Nothing else can be expressed, so a
//! rule on chain cannot run code.

use std::cmp::Ordering;

use super::pyvalue::{PyError, PyValue};

/// Grading errors, each naming the formula.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradingError {
    #[error("formula `{formula}`: unknown placeholder {{{name}}}")]
    UnknownPlaceholder { formula: String, name: String },
    #[error("formula `{formula}`: unbalanced braces")]
    Braces { formula: String },
    #[error("expression `{expr}`: {reason} at character {at}")]
    Syntax {
        expr: String,
        at: usize,
        reason: String,
    },
    #[error("expression `{expr}`: {source}")]
    Arithmetic {
        expr: String,
        #[source]
        source: PyError,
    },
    #[error("grading has {resolutions} resolution(s) for {markets} betting market(s)")]
    MarketCount { resolutions: usize, markets: usize },
    #[error("grading is not an object with `metric` and `resolutions`: {0}")]
    Shape(String),
}

/// Python `str.format` with named placeholders only (`{a.b}`); `{{` and `}}` are
/// literal braces. `lookup` gives a placeholder's text.
pub fn format_template(
    template: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, GradingError> {
    let mut out = String::with_capacity(template.len() + 8);
    let mut chars = template.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let rest = &template[i + 1..];
                let end = rest.find('}').ok_or_else(|| GradingError::Braces {
                    formula: template.into(),
                })?;
                let name = &rest[..end];
                if name.contains('{') {
                    return Err(GradingError::Braces {
                        formula: template.into(),
                    });
                }
                let value = lookup(name).ok_or_else(|| GradingError::UnknownPlaceholder {
                    formula: template.into(),
                    name: name.into(),
                })?;
                out.push_str(&value);
                for _ in 0..name.chars().count() + 1 {
                    chars.next();
                }
            }
            '}' => {
                return Err(GradingError::Braces {
                    formula: template.into(),
                })
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(PyValue),
    Op(&'static str),
    LParen,
    RParen,
    And,
    Or,
    Not,
}

fn tokenize(expr: &str) -> Result<Vec<(usize, Tok)>, GradingError> {
    let err = |at: usize, reason: &str| GradingError::Syntax {
        expr: expr.into(),
        at,
        reason: reason.into(),
    };
    let b = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            let mut is_float = false;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                i += 1;
            }
            if i < b.len() && b[i] == b'.' {
                is_float = true;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                let mut j = i + 1;
                if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                    j += 1;
                }
                if j < b.len() && b[j].is_ascii_digit() {
                    is_float = true;
                    i = j;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let text: String = expr[start..i].chars().filter(|&c| c != '_').collect();
            let v = if is_float {
                text.parse::<f64>()
                    .map(PyValue::Float)
                    .map_err(|_| err(start, "bad number"))?
            } else {
                if text.len() > 1 && text.starts_with('0') && text.bytes().any(|d| d != b'0') {
                    return Err(err(
                        start,
                        "leading zeros are not allowed in Python integers",
                    ));
                }
                text.parse::<i128>()
                    .map(PyValue::Int)
                    .map_err(|_| err(start, "integer too large"))?
            };
            out.push((start, Tok::Num(v)));
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let tok = match &expr[start..i] {
                "True" => Tok::Num(PyValue::Bool(true)),
                "False" => Tok::Num(PyValue::Bool(false)),
                "and" => Tok::And,
                "or" => Tok::Or,
                "not" => Tok::Not,
                word => {
                    return Err(err(
                        start,
                        &format!("name `{word}` is not allowed (only numbers, True and False)"),
                    ))
                }
            };
            out.push((start, tok));
            continue;
        }
        let two = expr.get(i..i + 2).unwrap_or("");
        let op2 = ["<=", ">=", "==", "!=", "//"]
            .iter()
            .find(|o| **o == two)
            .copied();
        if let Some(op) = op2 {
            out.push((i, Tok::Op(op)));
            i += 2;
            continue;
        }
        let tok = match c {
            b'+' => Tok::Op("+"),
            b'-' => Tok::Op("-"),
            b'*' => Tok::Op("*"),
            b'/' => Tok::Op("/"),
            b'%' => Tok::Op("%"),
            b'<' => Tok::Op("<"),
            b'>' => Tok::Op(">"),
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            _ => {
                let ch = expr[i..].chars().next().unwrap_or('?');
                return Err(err(i, &format!("character `{ch}` is not allowed")));
            }
        };
        out.push((i, tok));
        i += 1;
    }
    Ok(out)
}

struct Parser<'a> {
    expr: &'a str,
    toks: Vec<(usize, Tok)>,
    pos: usize,
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.expr.len(), |t| t.0)
    }
    fn syntax(&self, reason: &str) -> GradingError {
        GradingError::Syntax {
            expr: self.expr.into(),
            at: self.at(),
            reason: reason.into(),
        }
    }
    fn arith(&self, r: Result<PyValue, PyError>) -> Result<PyValue, GradingError> {
        r.map_err(|source| GradingError::Arithmetic {
            expr: self.expr.into(),
            source,
        })
    }

    // or_test := and_test ('or' and_test)*
    fn or_test(&mut self) -> Result<PyValue, GradingError> {
        let mut v = self.and_test()?;
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            let rhs = self.and_test()?;
            v = if v.truthy() { v } else { rhs };
        }
        Ok(v)
    }
    fn and_test(&mut self) -> Result<PyValue, GradingError> {
        let mut v = self.not_test()?;
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            let rhs = self.not_test()?;
            v = if v.truthy() { rhs } else { v };
        }
        Ok(v)
    }
    fn not_test(&mut self) -> Result<PyValue, GradingError> {
        if self.peek() == Some(&Tok::Not) {
            self.pos += 1;
            let v = self.not_test()?;
            return Ok(PyValue::Bool(!v.truthy()));
        }
        self.comparison()
    }
    // comparison := arith (op arith)*, chained: a < b < c == (a < b) and (b < c)
    fn comparison(&mut self) -> Result<PyValue, GradingError> {
        let first = self.arith_expr()?;
        let mut left = first;
        let mut result: Option<bool> = None;
        while let Some(Tok::Op(op @ ("<" | ">" | "<=" | ">=" | "==" | "!="))) = self.peek().cloned()
        {
            self.pos += 1;
            let right = self.arith_expr()?;
            let ord = left.compare(right);
            let holds = match (op, ord) {
                ("==", o) => o == Some(Ordering::Equal),
                ("!=", o) => o != Some(Ordering::Equal),
                ("<", Some(o)) => o == Ordering::Less,
                (">", Some(o)) => o == Ordering::Greater,
                ("<=", Some(o)) => o != Ordering::Greater,
                (">=", Some(o)) => o != Ordering::Less,
                _ => false, // NaN
            };
            result = Some(result.unwrap_or(true) && holds);
            left = right;
        }
        Ok(result.map_or(first, PyValue::Bool))
    }
    fn arith_expr(&mut self) -> Result<PyValue, GradingError> {
        let mut v = self.term()?;
        while let Some(Tok::Op(op @ ("+" | "-"))) = self.peek().cloned() {
            self.pos += 1;
            let rhs = self.term()?;
            v = self.arith(if op == "+" {
                v.py_add(rhs)
            } else {
                v.py_sub(rhs)
            })?;
        }
        Ok(v)
    }
    fn term(&mut self) -> Result<PyValue, GradingError> {
        let mut v = self.factor()?;
        while let Some(Tok::Op(op @ ("*" | "/" | "//" | "%"))) = self.peek().cloned() {
            self.pos += 1;
            let rhs = self.factor()?;
            v = self.arith(match op {
                "*" => v.py_mul(rhs),
                "/" => v.truediv(rhs),
                "//" => v.floordiv(rhs),
                _ => v.modulo(rhs),
            })?;
        }
        Ok(v)
    }
    fn factor(&mut self) -> Result<PyValue, GradingError> {
        match self.peek().cloned() {
            Some(Tok::Op("-")) => {
                self.pos += 1;
                let v = self.nested(Self::factor)?;
                self.arith(v.py_neg())
            }
            Some(Tok::Op("+")) => {
                self.pos += 1;
                Ok(self.nested(Self::factor)?.py_pos())
            }
            _ => self.atom(),
        }
    }
    fn atom(&mut self) -> Result<PyValue, GradingError> {
        match self.peek().cloned() {
            Some(Tok::Num(v)) => {
                self.pos += 1;
                Ok(v)
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let v = self.nested(Self::or_test)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.syntax("expected `)`"));
                }
                self.pos += 1;
                Ok(v)
            }
            None => Err(self.syntax("unexpected end")),
            Some(_) => Err(self.syntax("expected a number or `(`")),
        }
    }
    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<PyValue, GradingError>,
    ) -> Result<PyValue, GradingError> {
        if self.depth > 64 {
            return Err(self.syntax("nested too deeply"));
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }
}

/// Evaluates an expression with Python semantics.
pub fn eval(expr: &str) -> Result<PyValue, GradingError> {
    let toks = tokenize(expr)?;
    let mut p = Parser {
        expr,
        toks,
        pos: 0,
        depth: 0,
    };
    let v = p.or_test()?;
    if p.pos != p.toks.len() {
        return Err(p.syntax("unexpected text after the expression"));
    }
    Ok(v)
}

/// A rule's grading: a metric and, per betting market in bookiesports order, the
/// three conditions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Grading {
    pub metric: String,
    pub resolutions: Vec<ResolutionRule>,
}

/// The three conditions of one betting market.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct ResolutionRule {
    pub win: String,
    pub not_win: String,
    pub void: String,
}

/// What a grading decided for one betting market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Win,
    NotWin,
    /// The `void` condition held. bos-sync would emit the literal `void`, which the
    /// chain does not know; `bos` reports it so the caller can refuse to resolve.
    Void,
    /// Not exactly one condition held (bos-sync crashes on an assertion here, e.g.
    /// a tie under the moneyline rule); `bos` reports it as undecided.
    Undecided,
}

impl Grading {
    /// Parses the JSON text stored in a rule's `grading` description entry.
    pub fn from_json_text(text: &str) -> Result<Grading, GradingError> {
        serde_json::from_str(text).map_err(|e| GradingError::Shape(e.to_string()))
    }

    /// Grades every betting market. `vars` gives the placeholders' text
    /// (`result.home`, `handicaps.home`, `overunder.value`, ...); `{metric}` is
    /// added as the metric's Python repr.
    pub fn grade(
        &self,
        markets: usize,
        vars: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Vec<Outcome>, GradingError> {
        if self.resolutions.len() != markets {
            return Err(GradingError::MarketCount {
                resolutions: self.resolutions.len(),
                markets,
            });
        }
        let metric = eval(&format_template(&self.metric, vars)?)?;
        let metric_text = metric.to_string();
        let with_metric = |name: &str| {
            if name == "metric" {
                Some(metric_text.clone())
            } else {
                vars(name)
            }
        };
        let test = |f: &str| -> Result<bool, GradingError> {
            Ok(eval(&format_template(f, &with_metric)?)?.truthy())
        };
        self.resolutions
            .iter()
            .map(|r| {
                let (win, not_win, void) = (test(&r.win)?, test(&r.not_win)?, test(&r.void)?);
                Ok(match (win, not_win, void) {
                    (true, false, false) => Outcome::Win,
                    (false, true, false) => Outcome::NotWin,
                    (false, false, true) => Outcome::Void,
                    _ => Outcome::Undecided,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PyValue::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn python_expressions() {
        for (e, want) in [
            ("83 - -2", Int(85)),
            ("(99 - 2) - (83 - -2)", Int(12)),
            ("83 - 99", Int(-16)),
            ("99 + 83", Int(182)),
            ("182.0 > 50.5", Bool(true)),
            ("-16 < 0", Bool(true)),
            ("1 < 2 < 3", Bool(true)),
            ("3 > 2 > 2", Bool(false)),
            ("7 / 2", Float(3.5)),
            ("7 // 2", Int(3)),
            ("-7 % 3", Int(2)),
            ("2 == 2.0", Bool(true)),
            ("True + 1", Int(2)),
            ("not 0", Bool(true)),
            ("0 or 5", Int(5)),
            ("1 and 0.0", Float(0.0)),
            ("- - 3", Int(3)),
            ("1e3 + .5", Float(1000.5)),
            ("False", Bool(false)),
        ] {
            assert_eq!(eval(e).unwrap(), want, "{e}");
        }
    }

    #[test]
    fn refuses_anything_but_arithmetic() {
        for e in [
            "__import__('os')",
            "open('/etc/passwd')",
            "1 +",
            "(1",
            "1 2",
            "x > 1",
            "1; 2",
            "[1]",
            "1 ** 2",
            "07",
            "",
            "1/0",
            "\"a\"",
        ] {
            assert!(eval(e).is_err(), "{e} must be refused");
        }
        let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(eval(&deep).is_err());
        assert!(eval(&"-".repeat(10_000)).is_err());
    }

    #[test]
    fn templates() {
        let v = vars(&[("result.home", "99"), ("a.b", "-2")]);
        assert_eq!(
            format_template("{result.home} - {a.b}", &v).unwrap(),
            "99 - -2"
        );
        assert_eq!(format_template("{{x}}", &v).unwrap(), "{x}");
        assert!(matches!(
            format_template("{OU} > 1", &v),
            Err(GradingError::UnknownPlaceholder { .. })
        ));
        assert!(format_template("{result.home", &v).is_err());
        assert!(format_template("}", &v).is_err());
    }

    fn rule(metric: &str, r: &[(&str, &str, &str)]) -> Grading {
        Grading {
            metric: metric.into(),
            resolutions: r
                .iter()
                .map(|(w, n, v)| ResolutionRule {
                    win: w.to_string(),
                    not_win: n.to_string(),
                    void: v.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn worked_example_utah_99_toronto_83() {
        // ML: metric away - home = -16 -> away (Toronto) not_win, home (Utah) win.
        let ml = rule(
            "{result.awayteam} - {result.hometeam}",
            &[
                ("{metric} > 0", "{metric} < 0", "False"),
                ("{metric} < 0", "{metric} > 0", "False"),
            ],
        );
        let v = vars(&[("result.hometeam", "99"), ("result.awayteam", "83")]);
        assert_eq!(
            ml.grade(2, &v).unwrap(),
            vec![Outcome::NotWin, Outcome::Win]
        );
        // HCP, integer mode, handicaps [2, -2]: metric 12.
        let hcp = rule(
            "({result.home} - {handicaps.home}) - ({result.away} - {handicaps.away})",
            &[
                ("{metric} > 0", "{metric} < 0", "False"),
                ("{metric} < 0", "{metric} > 0", "False"),
            ],
        );
        let v = vars(&[
            ("result.home", "99"),
            ("result.away", "83"),
            ("handicaps.home", "2"),
            ("handicaps.away", "-2"),
        ]);
        assert_eq!(
            eval(&format_template(&hcp.metric, &v).unwrap()).unwrap(),
            Int(12)
        );
        assert_eq!(
            hcp.grade(2, &v).unwrap(),
            vec![Outcome::Win, Outcome::NotWin]
        );
        // OU 50.5 on total 182.0: Under not_win, Over win.
        let ou = rule(
            "{result.total}",
            &[
                (
                    "{metric} <= {overunder.value}",
                    "{metric} > {overunder.value}",
                    "False",
                ),
                (
                    "{metric} > {overunder.value}",
                    "{metric} <= {overunder.value}",
                    "False",
                ),
            ],
        );
        let v = vars(&[("result.total", "182.0"), ("overunder.value", "50.5")]);
        assert_eq!(
            ou.grade(2, &v).unwrap(),
            vec![Outcome::NotWin, Outcome::Win]
        );
    }

    #[test]
    fn a_tie_under_moneyline_is_undecided_not_a_crash() {
        let ml = rule(
            "{result.away} - {result.home}",
            &[
                ("{metric} > 0", "{metric} < 0", "False"),
                ("{metric} < 0", "{metric} > 0", "False"),
            ],
        );
        let v = vars(&[("result.home", "2"), ("result.away", "2")]);
        assert_eq!(
            ml.grade(2, &v).unwrap(),
            vec![Outcome::Undecided, Outcome::Undecided]
        );
        assert!(matches!(
            ml.grade(3, &v),
            Err(GradingError::MarketCount { .. })
        ));
    }

    #[test]
    fn grading_json_from_chain() {
        let g = Grading::from_json_text(r#"{"metric": "{result.total}", "resolutions": [{"not_win": "a", "void": "False", "win": "b"}]}"#).unwrap();
        assert_eq!(g.resolutions[0].win, "b");
        assert!(Grading::from_json_text("{}").is_err());
    }
}
