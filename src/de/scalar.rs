//! Scalars from trimmed text, the same for the tree and the pull: what each
//! type takes, and why a text is refused.

/// Calls `$m!` with every scalar `deserialize_*` method of serde's
/// `Deserializer`, its visitor method and its type: one list for the tree's
/// deserializer and the pull's.
macro_rules! scalars {
    ($m:ident) => {
        $m! {
            deserialize_i8 => visit_i8, i8;
            deserialize_i16 => visit_i16, i16;
            deserialize_i32 => visit_i32, i32;
            deserialize_i64 => visit_i64, i64;
            deserialize_i128 => visit_i128, i128;
            deserialize_u8 => visit_u8, u8;
            deserialize_u16 => visit_u16, u16;
            deserialize_u32 => visit_u32, u32;
            deserialize_u64 => visit_u64, u64;
            deserialize_u128 => visit_u128, u128;
            deserialize_char => visit_char, char;
            deserialize_bool => visit_bool, bool;
            deserialize_f32 => visit_f32, f32;
            deserialize_f64 => visit_f64, f64;
        }
    };
}
pub(crate) use scalars;

/// Why a text is not a value of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not written as one at all.
    Invalid,
    /// Written as one, but beyond the type's range.
    OutOfRange,
}

/// A scalar read from trimmed text.
pub(crate) trait FromText: Sized {
    /// What was expected, for error messages: `an integer`.
    const WHAT: &'static str;
    /// The Rust type, for range errors: `u8`.
    const TYPE: &'static str;

    fn from_text(s: &str) -> Result<Self, Refused>;

    /// The error message for a refused text.
    fn expected(refused: Refused) -> String {
        match refused {
            Refused::Invalid => format!("expected {}", Self::WHAT),
            Refused::OutOfRange => {
                format!("expected {} in the range of `{}`", Self::WHAT, Self::TYPE)
            }
        }
    }
}

macro_rules! integer {
    ($($ty:ty => $what:literal;)*) => {$(
        impl FromText for $ty {
            const WHAT: &'static str = $what;
            const TYPE: &'static str = stringify!($ty);

            /// Decimal digits, with an optional sign (`+`; `-` for signed
            /// types), as `str::parse` takes them.
            fn from_text(s: &str) -> Result<Self, Refused> {
                use std::num::IntErrorKind;
                s.parse().map_err(|e: std::num::ParseIntError| match e.kind() {
                    IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => Refused::OutOfRange,
                    _ => Refused::Invalid,
                })
            }
        }
    )*};
}

integer! {
    i8 => "an integer";
    i16 => "an integer";
    i32 => "an integer";
    i64 => "an integer";
    i128 => "an integer";
    u8 => "a non-negative integer";
    u16 => "a non-negative integer";
    u32 => "a non-negative integer";
    u64 => "a non-negative integer";
    u128 => "a non-negative integer";
}

macro_rules! float {
    ($($ty:ident;)*) => {$(
        impl FromText for $ty {
            const WHAT: &'static str = "a float";
            const TYPE: &'static str = stringify!($ty);

            /// Smithy's `NaN`, `Infinity` and `-Infinity`, exactly; else a
            /// decimal (optional sign, digits with an optional fraction, an
            /// optional exponent) rounded to the nearest value of the type,
            /// refused when it rounds to an infinity. `str::parse` alone
            /// would also take `inf`, `nan` and `infinity` in any case, and
            /// give an infinity for `1e400`.
            fn from_text(s: &str) -> Result<Self, Refused> {
                match s {
                    "NaN" => return Ok($ty::NAN),
                    "Infinity" => return Ok($ty::INFINITY),
                    "-Infinity" => return Ok($ty::NEG_INFINITY),
                    _ => {}
                }
                let decimal = s
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
                if !decimal {
                    return Err(Refused::Invalid);
                }
                match s.parse::<$ty>() {
                    Ok(v) if v.is_infinite() => Err(Refused::OutOfRange),
                    Ok(v) => Ok(v),
                    Err(_) => Err(Refused::Invalid),
                }
            }
        }
    )*};
}

float! {
    f32;
    f64;
}

impl FromText for char {
    const WHAT: &'static str = "one character";
    const TYPE: &'static str = "char";

    fn from_text(s: &str) -> Result<Self, Refused> {
        s.parse().map_err(|_| Refused::Invalid)
    }
}

impl FromText for bool {
    const WHAT: &'static str = "`true` or `false`";
    const TYPE: &'static str = "bool";

    /// `true` or `false`, exactly (no `1`, `0` or other case).
    fn from_text(s: &str) -> Result<Self, Refused> {
        match s {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(Refused::Invalid),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FromText, Refused};

    #[test]
    fn floats_refuse_what_overflows_and_other_spellings_of_infinity() {
        assert_eq!(f64::from_text("1e400"), Err(Refused::OutOfRange));
        assert_eq!(f64::from_text("-1e400"), Err(Refused::OutOfRange));
        assert_eq!(f32::from_text("1e39"), Err(Refused::OutOfRange));
        assert_eq!(f32::from_text("3.4028235e38"), Ok(f32::MAX));
        assert_eq!(f64::from_text("1e-400"), Ok(0.0));
        for s in [
            "inf",
            "Inf",
            "infinity",
            "+Infinity",
            "nan",
            "NAN",
            "",
            "1,5",
            "0x1",
        ] {
            assert_eq!(f64::from_text(s), Err(Refused::Invalid), "{s}");
        }
        assert!(f32::from_text("NaN").is_ok_and(f32::is_nan));
        assert_eq!(f64::from_text("-Infinity"), Ok(f64::NEG_INFINITY));
        assert_eq!(u8::from_text("256"), Err(Refused::OutOfRange));
        assert_eq!(u8::from_text("-1"), Err(Refused::Invalid));
        assert_eq!(i8::from_text("-129"), Err(Refused::OutOfRange));
        assert_eq!(
            u8::expected(Refused::OutOfRange),
            "expected a non-negative integer in the range of `u8`"
        );
    }
}
