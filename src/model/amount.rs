//! Money: [`Amount`], held exactly as written, and the exact totals of
//! many projects in one unit. Kept apart from the rest of the model
//! because every figure on a page and in a download goes through it, and
//! its arithmetic (exact unit conversion, checked sums) is what keeps the
//! published figures faithful.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use super::{AmountUnit, Project};

/// An amount of money, held exactly as written, in the unit of its file
/// (see [`AmountUnit`]).
///
/// YAML numbers reach it as text (`1.00` is read as the characters "1.00"),
/// so no amount ever passes through a binary float, and the number of
/// decimals written is kept: `330.984` stays `330.984`, `10606.7522` keeps
/// its four decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

/// How many 元 make one 万元, as a power of ten.
const WAN_SCALE: u32 = 4;

impl Amount {
    /// Nothing: the start of every sum.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The sum of `amounts`, exactly, or `None` when it is beyond the 28
    /// digits a decimal holds (a figure near that limit is legal on its
    /// own, so a sum must never assume it fits). The result keeps the
    /// largest number of decimals among the addends.
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Option<Amount> {
        amounts
            .into_iter()
            .try_fold(Decimal::ZERO, |sum, a| exact_add(sum, a.0))
            .map(Amount)
    }

    /// The same sum of money in another unit, exactly: 元 → 万元 moves the
    /// decimal point four places (`3309840.00` 元 is `330.984` 万元), never
    /// dividing. `None` only beyond the 28 digits a decimal holds.
    pub(crate) fn convert(self, from: AmountUnit, to: AmountUnit) -> Option<Amount> {
        let mut d = self.0;
        match (from, to) {
            (a, b) if a == b => return Some(self),
            (AmountUnit::Yuan, AmountUnit::Wan) => {
                let scale = d.scale() + WAN_SCALE;
                if scale > 28 {
                    d = d.normalize();
                    if d.scale() + WAN_SCALE > 28 {
                        return None;
                    }
                    d.set_scale(d.scale() + WAN_SCALE).ok()?;
                } else {
                    d.set_scale(scale).ok()?;
                }
            }
            // 万元 → 元 moves the point the other way: fewer decimals, or
            // zeros appended to the digits. `checked_mul` would round away
            // decimals that do not fit instead of failing.
            _ if d.scale() >= WAN_SCALE => d.set_scale(d.scale() - WAN_SCALE).ok()?,
            _ => {
                let factor = 10i128.pow(WAN_SCALE - d.scale());
                let mantissa = d.mantissa().checked_mul(factor)?;
                d = Decimal::try_from_i128_with_scale(mantissa, 0).ok()?;
            }
        }
        Some(Amount(d.normalize()))
    }

    /// The decimals the figure needs to be shown exactly: as written, and
    /// at least two.
    pub fn decimals(self) -> u32 {
        self.0.scale().max(2)
    }

    /// The figure with exactly `decimals` decimals, when that loses nothing
    /// (padding with zeros only; a figure is never rounded).
    pub(crate) fn with_decimals(self, decimals: u32) -> String {
        let d = self.0;
        if d.normalize().scale() > decimals {
            return d.to_string();
        }
        // Padding that does not fit in the 28 digits would round: the
        // figure is then shown as it is (loading refuses such a figure,
        // and `check` such a total, so this is only a safety net).
        exact_rescale(d, decimals).unwrap_or(d).to_string()
    }

    /// The yuan value, for rules that compare with costs in 元.
    pub(crate) fn in_yuan(self, unit: AmountUnit) -> Option<Decimal> {
        self.convert(unit, AmountUnit::Yuan).map(|a| a.0)
    }
}

/// `a + b`, exactly, or `None`: `Decimal::checked_add` rounds away the
/// last decimals of a sum that does not fit in its 28 digits, and a total
/// must never be rounded.
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    (sum.scale() >= a.scale().max(b.scale())).then_some(sum)
}

/// `a - b`, exactly, or `None` (see [`exact_add`]).
pub(crate) fn exact_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let difference = a.checked_sub(b)?;
    (difference.scale() >= a.scale().max(b.scale())).then_some(difference)
}

/// `d` with exactly `decimals` decimals, when that only adds or drops
/// zeros; `None` when the digits would not fit (rescaling would round).
fn exact_rescale(d: Decimal, decimals: u32) -> Option<Decimal> {
    let mut r = d;
    r.rescale(decimals);
    (r.scale() == decimals && r == d).then_some(r)
}

/// The figure as written, never rounded, with at least two decimals
/// (`200` is shown as `200.00`; `330.984` stays `330.984`).
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.with_decimals(self.decimals()))
    }
}

/// Reads an amount from its text, exactly or not at all: exponent notation
/// (`1.26e1`, what a spreadsheet exports for a badly formatted cell) and
/// figures with more digits than a decimal holds (which `Decimal`'s own
/// parser would round silently) are refused, so that the page never shows
/// a figure other than the one in the file.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(deserializer)?;
        let shown: String = text.chars().take(40).collect();
        let shown = if shown.len() < text.len() {
            format!("{shown}…")
        } else {
            shown
        };
        if text.contains(['e', 'E']) && text.chars().any(|c| c.is_ascii_digit()) {
            return Err(D::Error::custom(crate::t!(
                "amount-exponent",
                shown = shown
            )));
        }
        // `Decimal`'s reader skips underscores: `1_0.5` would be 10.5.
        if text.contains('_') {
            return Err(D::Error::custom(crate::t!(
                "amount-underscore",
                shown = shown
            )));
        }
        let d = Decimal::from_str_exact(text.trim()).map_err(|e| match e {
            rust_decimal::Error::ErrorString(_) => {
                D::Error::custom(crate::t!("amount-not-a-number", shown = shown))
            }
            _ => D::Error::custom(crate::t!("amount-too-many-digits", shown = shown)),
        })?;
        // Every figure is shown with at least two decimals; one whose
        // digits leave no room for them could only be shown rounded.
        let amount = Amount(d);
        if exact_rescale(d, amount.decimals()).is_none() {
            return Err(D::Error::custom(crate::t!(
                "amount-beyond-exact",
                shown = shown
            )));
        }
        Ok(amount)
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(&self.0, serializer)
    }
}

/// The exact sum of `projects`' amounts in `unit`, each converted from its
/// own unit (`site_default` where it names none). The sum carries every
/// decimal an addend needs, and at least two.
///
/// Pages call this only for sites that passed [`check`](crate::check),
/// which rejects a site whose totals do not fit (see [`checked_total_of`]);
/// should one slip through, the total shows as zero rather than panicking.
pub fn total_of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    site_default: AmountUnit,
    unit: AmountUnit,
) -> Amount {
    checked_total_of(projects, site_default, unit).unwrap_or_default()
}

/// [`total_of`], or the project whose amount could not be converted to
/// `unit` or added to the sum of those before it.
pub fn checked_total_of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    site_default: AmountUnit,
    unit: AmountUnit,
) -> Result<Amount, &'a Project> {
    let mut sum = Decimal::ZERO;
    let mut decimals = 2;
    let mut last = None;
    for p in projects {
        let a = p.amount_in(site_default, unit).ok_or(p)?;
        sum = exact_add(sum, a.0).ok_or(p)?;
        decimals = decimals.max(a.decimals());
        last = Some(p);
    }
    let sum = sum.normalize();
    if sum.scale() >= decimals {
        return Ok(Amount(sum));
    }
    // The total is shown with every decimal an addend has: when the digits
    // leave no room for them, it is as much beyond range as an overflow.
    match (exact_rescale(sum, decimals), last) {
        (Some(sum), _) => Ok(Amount(sum)),
        (None, Some(p)) => Err(p),
        (None, None) => Ok(Amount(sum)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_display_keeps_every_written_decimal() {
        let a = |s: &str| Amount(s.parse().unwrap());
        assert_eq!(a("1.005").to_string(), "1.005");
        assert_eq!(a("330.984").to_string(), "330.984");
        assert_eq!(a("10606.7522").to_string(), "10606.7522");
        assert_eq!(a("1.5000").to_string(), "1.5000");
        assert_eq!(a("200").to_string(), "200.00");
        assert_eq!(a("0.1").to_string(), "0.10");
    }

    #[test]
    fn conversion_between_yuan_and_wan_is_exact() {
        let a = |s: &str| Amount(s.parse().unwrap());
        let wan = a("3309840.00")
            .convert(AmountUnit::Yuan, AmountUnit::Wan)
            .unwrap();
        assert_eq!(wan.to_string(), "330.984");
        let yuan = a("10606.7522")
            .convert(AmountUnit::Wan, AmountUnit::Yuan)
            .unwrap();
        assert_eq!(yuan.to_string(), "106067522.00");
        assert_eq!(
            a("0.01")
                .convert(AmountUnit::Yuan, AmountUnit::Wan)
                .unwrap()
                .to_string(),
            "0.000001"
        );
    }

    #[test]
    fn totals_carry_the_decimals_their_addends_need() {
        let p = |amount: &str, unit: Option<AmountUnit>| {
            let mut p: Project = crate::yaml::from_str(&format!(
                "{{year: 2023, name: p, amount: \"{amount}\", goals: [g], indicators: []}}"
            ))
            .unwrap();
            p.amount_unit = unit;
            p
        };
        let projects = [
            p("1.00", None),
            p("3309840.00", Some(AmountUnit::Yuan)),
            p("10606.7522", None),
        ];
        let total = total_of(&projects, AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "10938.7362");
        let total = total_of(&projects[..2], AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "331.984");
        let total = total_of(&projects[..1], AmountUnit::Wan, AmountUnit::Wan);
        assert_eq!(total.to_string(), "1.00");
    }

    #[test]
    fn amounts_never_pass_through_floats() {
        // 0.1 + 0.2 is 0.30000000000000004 in f64; exact decimals sum to 0.3.
        let a: Amount = crate::yaml::from_str("0.1").unwrap();
        let b: Amount = crate::yaml::from_str("\"0.2\"").unwrap();
        assert_eq!(
            Amount::sum([&a, &b]).unwrap().0,
            "0.3".parse::<Decimal>().unwrap()
        );
        // At the decimal limit a sum overflows: `None`, never a panic.
        let max = Amount(Decimal::MAX);
        assert_eq!(Amount::sum([&max, &max]), None);
        // Exponent notation and figures beyond 28 digits are refused.
        assert!(crate::yaml::from_str::<Amount>("1.26e1").is_err());
        assert!(crate::yaml::from_str::<Amount>("\"1.26E1\"").is_err());
        assert!(
            crate::yaml::from_str::<Amount>("\"0.1000000000000000055511151231257827\"").is_err()
        );
        // Seventeen significant digits survive, which an f64 cannot hold.
        let big: Amount = crate::yaml::from_str("12345678901234567.89").unwrap();
        assert_eq!(big.0.to_string(), "12345678901234567.89");
    }

    #[test]
    fn a_figure_beyond_exact_range_or_with_an_underscore_is_refused() {
        for text in [
            "\"7922816251426433759354395033.5\"",
            "79228162514264337593543950335",
            "1_0.5",
            "\"1_000\"",
        ] {
            let err = crate::yaml::from_str::<Amount>(text).unwrap_err();
            assert!(
                err.message.starts_with("amount `") || err.message.starts_with("金额 `"),
                "{text}: {}",
                err.message
            );
        }
        // 26 digits and two decimals fit.
        let a: Amount = crate::yaml::from_str("\"79228162514264337593543950.33\"").unwrap();
        assert_eq!(a.to_string(), "79228162514264337593543950.33");
    }

    #[test]
    fn sums_that_would_round_are_none() {
        let a = Amount("39614081257132168796771975.16".parse().unwrap());
        let b = Amount("39614081257132168796771975.17".parse().unwrap());
        // 79228162514264337593543950.33 fits exactly.
        assert_eq!(
            Amount::sum([&a, &b]).unwrap().to_string(),
            "79228162514264337593543950.33"
        );
        // One more cent at the fifth decimal does not: rounding is refused.
        let c = Amount("0.00001".parse().unwrap());
        assert_eq!(Amount::sum([&a, &b, &c]), None);
        assert_eq!(
            exact_sub(Decimal::MAX, "0.01".parse().unwrap()),
            None,
            "the difference needs 30 digits"
        );
    }

    #[test]
    fn conversion_to_yuan_never_rounds() {
        let a = |s: &str| Amount(s.parse().unwrap());
        assert_eq!(
            a("7922816251426433759354395.0335").convert(AmountUnit::Wan, AmountUnit::Yuan),
            Some(a("79228162514264337593543950335"))
        );
        assert_eq!(
            a("79228162514264337593543950.33").convert(AmountUnit::Wan, AmountUnit::Yuan),
            None
        );
        assert_eq!(
            a("1.5").convert(AmountUnit::Wan, AmountUnit::Yuan),
            Some(a("15000"))
        );
    }
}
