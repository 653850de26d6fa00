//! Literal default values read as values of their field's type: the one
//! place that decides whether `"2024-02-30"` is a date. The checker reports
//! what does not parse, and the exports write what does, so no export drops
//! a default the checker let through.

use thiserror::Error;

use super::{Document, FieldType};

/// A literal default that fits its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A whole number (smallint, int, bigint), in range for its type.
    Integer(i64),
    /// A finite floating-point number (float, double).
    Float(f64),
    /// An exact number as written, within its precision and scale.
    Decimal(String),
    Bool(bool),
    /// Text of a text-like type: text, varchar, uuid, date, time, the
    /// timestamps (with `T` between date and time) and enum values.
    Text(String),
}

/// "an int", "a uuid": the type's name with its article, by how it is said.
fn with_article(ty: &str) -> String {
    let an = ty.starts_with(['a', 'e', 'i', 'o']);
    format!("{} {ty}", if an { "an" } else { "a" })
}

/// Why a literal does not fit its type. Each reads as the end of a
/// sentence that starts with the field's name.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LiteralError {
    #[error("{value:?} is not {}", with_article(ty))]
    NotA { value: String, ty: String },
    #[error("is longer than {0} characters")]
    TooLong(u32),
    #[error("{value:?} is not one of the values of enum “{name}”")]
    NotInEnum { value: String, name: String },
    /// The enum type does not exist (reported on its own by the checker).
    #[error("has an enum type that does not exist")]
    UnknownEnum,
    #[error("is a literal, which a {0} column cannot take; use Sql(..)")]
    NoLiterals(String),
}

impl FieldType {
    /// Reads `v` as a value of this type. Dates are real calendar dates,
    /// times are `HH:MM:SS[.ffffff]`, timestamps are a date and a time
    /// (`T` or a space between them), with `Z` or `±HH:MM` for
    /// `timestamptz`, and UUIDs are 8-4-4-4-12 hex digits. Enum values are
    /// looked up in `doc`.
    pub fn parse_literal(&self, v: &str, doc: &Document) -> Result<Literal, LiteralError> {
        let not_a = || LiteralError::NotA {
            value: v.to_owned(),
            ty: self.to_string(),
        };
        let text = |ok: bool| ok.then(|| Literal::Text(v.to_owned())).ok_or_else(not_a);
        match self {
            Self::SmallInt => v
                .parse::<i16>()
                .map(|n| Literal::Integer(i64::from(n)))
                .map_err(|_| not_a()),
            Self::Int => v
                .parse::<i32>()
                .map(|n| Literal::Integer(i64::from(n)))
                .map_err(|_| not_a()),
            Self::BigInt => v.parse::<i64>().map(Literal::Integer).map_err(|_| not_a()),
            Self::Float | Self::Double => v
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Literal::Float)
                .ok_or_else(not_a),
            Self::Decimal(p, s) => decimal_fits(v, *p, *s)
                .then(|| Literal::Decimal(v.to_owned()))
                .ok_or_else(not_a),
            Self::Bool => match v {
                "true" => Ok(Literal::Bool(true)),
                "false" => Ok(Literal::Bool(false)),
                _ => Err(not_a()),
            },
            Self::Text => Ok(Literal::Text(v.to_owned())),
            Self::Varchar(n) => {
                if v.chars().count() > *n as usize {
                    Err(LiteralError::TooLong(*n))
                } else {
                    Ok(Literal::Text(v.to_owned()))
                }
            }
            Self::Uuid => text(is_uuid(v)),
            Self::Date => text(is_date(v)),
            Self::Time => text(is_time(v)),
            Self::Timestamp => timestamp(v, false).map(Literal::Text).ok_or_else(not_a),
            Self::TimestampTz => timestamp(v, true).map(Literal::Text).ok_or_else(not_a),
            Self::Enum(id) => match doc.enum_type(id) {
                Some(e) if e.values.iter().any(|x| x == v) => Ok(Literal::Text(v.to_owned())),
                Some(e) => Err(LiteralError::NotInEnum {
                    value: v.to_owned(),
                    name: e.name.clone(),
                }),
                None => Err(LiteralError::UnknownEnum),
            },
            Self::Array(_) | Self::Json | Self::Bytes => {
                Err(LiteralError::NoLiterals(self.to_string()))
            }
        }
    }
}

/// Whether `v` is `[-]digits[.digits]` with at most `precision - scale`
/// digits before the point (leading zeros aside) and `scale` after it.
pub fn decimal_fits(v: &str, precision: u8, scale: u8) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let whole = usize::from(precision.saturating_sub(scale));
    let int_ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && int.trim_start_matches('0').len() <= whole;
    let frac_ok = match frac {
        None => true,
        Some(f) => {
            !f.is_empty() && f.len() <= usize::from(scale) && f.bytes().all(|b| b.is_ascii_digit())
        }
    };
    int_ok && frac_ok
}

fn is_uuid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// The number in `v[range]`, when it is all ASCII digits.
fn digits(v: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let s = v.get(range)?;
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD`, a day that exists (leap years included).
fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(v, 0..4), digits(v, 5..7), digits(v, 8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// `HH:MM:SS` with an optional fraction of 1–6 digits.
fn is_time(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(s)) = (digits(v, 0..2), digits(v, 3..5), digits(v, 6..8)) else {
        return false;
    };
    let fraction = match &v[8..] {
        "" => true,
        f => f
            .strip_prefix('.')
            .is_some_and(|f| (1..=6).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())),
    };
    h < 24 && m < 60 && s < 60 && fraction
}

/// A date, `T` or a space, a time, and (`with_zone`) `Z` or `±HH:MM`: the
/// text with `T` between date and time, or `None`.
fn timestamp(v: &str, with_zone: bool) -> Option<String> {
    let date = v.get(..10).filter(|d| is_date(d))?;
    let rest = v.get(10..)?.strip_prefix(['T', ' '])?;
    let (time, zone) = if !with_zone {
        (rest, "")
    } else if let Some(time) = rest.strip_suffix('Z') {
        (time, "Z")
    } else {
        let at = rest.len().checked_sub(6)?;
        let zone = rest.get(at..).filter(|z| is_offset(z))?;
        (rest.get(..at)?, zone)
    };
    is_time(time).then(|| format!("{date}T{time}{zone}"))
}

/// `+HH:MM` or `-HH:MM`.
fn is_offset(z: &str) -> bool {
    let b = z.as_bytes();
    b.len() == 6
        && matches!(b[0], b'+' | b'-')
        && b[3] == b':'
        && digits(z, 1..3).is_some_and(|h| h < 24)
        && digits(z, 4..6).is_some_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EnumType;

    fn parse(ty: &FieldType, v: &str) -> Result<Literal, LiteralError> {
        let mut doc = Document::new("t");
        doc.enums.push(EnumType {
            id: "status".into(),
            name: "status".into(),
            values: vec!["active".into(), "gone".into()],
            comment: String::new(),
        });
        ty.parse_literal(v, &doc)
    }

    fn ok(ty: &FieldType, v: &str) -> bool {
        parse(ty, v).is_ok()
    }

    #[test]
    fn dates_are_days_of_the_calendar() {
        for good in ["2024-01-31", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(ok(&FieldType::Date, good), "{good}");
        }
        for bad in [
            "2024-13-45",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-00-10",
            "2024-01-00",
            "2024-1-01",
            "20240101",
            "2024-01-01 ",
            "+024-01-01",
            "2024-0a-01",
            "２０２４-01-01",
        ] {
            assert!(!ok(&FieldType::Date, bad), "{bad}");
        }
    }

    #[test]
    fn uuids_have_their_dashes_in_place() {
        assert!(ok(&FieldType::Uuid, "123e4567-e89b-12d3-a456-426614174000"));
        for bad in [
            "123e4567e-89b-12d3-a456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400g",
            "123e4567-e89b-12d3-a456-4266141740000",
            "123e4567e89b12d3a456426614174000----",
        ] {
            assert!(!ok(&FieldType::Uuid, bad), "{bad}");
        }
    }

    #[test]
    fn times_and_timestamps() {
        assert!(ok(&FieldType::Time, "23:59:59"));
        assert!(ok(&FieldType::Time, "08:00:00.123456"));
        for bad in [
            "24:00:00",
            "12:60:00",
            "12:00",
            "12:00:00.",
            "12:00:00.1234567",
        ] {
            assert!(!ok(&FieldType::Time, bad), "{bad}");
        }
        assert_eq!(
            parse(&FieldType::Timestamp, "2024-05-01 08:30:00"),
            Ok(Literal::Text("2024-05-01T08:30:00".into()))
        );
        assert!(!ok(&FieldType::Timestamp, "2024-05-01T08:30:00Z"));
        assert!(!ok(&FieldType::Timestamp, "2024-02-30T08:30:00"));
        assert_eq!(
            parse(&FieldType::TimestampTz, "2024-05-01 08:30:00+02:00"),
            Ok(Literal::Text("2024-05-01T08:30:00+02:00".into()))
        );
        assert!(ok(&FieldType::TimestampTz, "2024-05-01T08:30:00.5Z"));
        for bad in [
            "2024-05-01T08:30:00",
            "2024-05-01T08:30:00+2:00",
            "2024-05-01T08:30:00+24:00",
            "2024-05-01T08:30",
        ] {
            assert!(!ok(&FieldType::TimestampTz, bad), "{bad}");
        }
    }

    #[test]
    fn numbers_fit_their_type() {
        assert_eq!(
            parse(&FieldType::SmallInt, "-32768"),
            Ok(Literal::Integer(-32768))
        );
        assert!(!ok(&FieldType::SmallInt, "32768"));
        assert!(!ok(&FieldType::Int, "1.0"));
        assert_eq!(parse(&FieldType::Double, "1e3"), Ok(Literal::Float(1000.0)));
        assert!(!ok(&FieldType::Float, "inf"));
        assert!(!ok(&FieldType::Float, "NaN"));
        assert!(ok(&FieldType::Decimal(5, 2), "-123.45"));
        assert!(ok(&FieldType::Decimal(5, 2), "000123"));
        for bad in ["1234.5", "1.234", "1.", ".5", "--1", "1e2", ""] {
            assert!(!ok(&FieldType::Decimal(5, 2), bad), "{bad}");
        }
    }

    #[test]
    fn the_messages_name_what_is_wrong() {
        let msg = |ty: FieldType, v: &str| parse(&ty, v).map(|_| ()).expect_err(v).to_string();
        assert_eq!(msg(FieldType::Bool, "yes"), "\"yes\" is not a bool");
        assert_eq!(msg(FieldType::Int, "twelve"), "\"twelve\" is not an int");
        assert_eq!(
            msg(FieldType::Varchar(2), "abc"),
            "is longer than 2 characters"
        );
        assert_eq!(
            msg(FieldType::Enum("status".into()), "lost"),
            "\"lost\" is not one of the values of enum “status”"
        );
        assert_eq!(
            msg(FieldType::Enum("nope".into()), "x"),
            "has an enum type that does not exist"
        );
        assert_eq!(
            msg(FieldType::Json, "{}"),
            "is a literal, which a json column cannot take; use Sql(..)"
        );
        assert_eq!(
            parse(&FieldType::Varchar(2), "éé"),
            Ok(Literal::Text("éé".into()))
        );
    }
}
