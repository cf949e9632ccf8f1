//! The arithmetic under the charts: round tick values for an axis, a
//! linear map from values to drawing units, and numbers written the way
//! each language writes them.

use crate::i18n::Locale;

/// An axis from `low` to `high` (both tick values) in steps of `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub low: f64,
    pub high: f64,
    pub step: f64,
}

impl Axis {
    /// Round ticks (1, 2 or 5 times a power of ten) that cover every value
    /// in `values` and zero, about `ticks` of them. Zero stays on the axis so
    /// a bar's length, or a line's height, is read against nothing.
    pub fn covering(values: impl IntoIterator<Item = f64>, ticks: usize) -> Self {
        let (mut low, mut high) = (0.0_f64, 0.0_f64);
        for value in values.into_iter().filter(|value| value.is_finite()) {
            low = low.min(value);
            high = high.max(value);
        }
        if high <= low {
            high = low + 1.0;
        }
        let rough = (high - low) / ticks.max(1) as f64;
        let power = 10_f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|factor| factor * power)
            .find(|step| *step >= rough)
            .unwrap_or(10.0 * power);
        Self {
            low: (low / step).floor() * step,
            high: (high / step).ceil() * step,
            step,
        }
    }

    /// The tick values from low to high.
    pub fn ticks(&self) -> Vec<f64> {
        let count = ((self.high - self.low) / self.step).round() as usize;
        (0..=count)
            .map(|index| self.low + index as f64 * self.step)
            .collect()
    }

    /// Where `value` falls between `from` (at `low`) and `to` (at `high`).
    pub fn place(&self, value: f64, from: f64, to: f64) -> f64 {
        from + (value - self.low) / (self.high - self.low) * (to - from)
    }
}

/// `value` with at most two decimals, grouped in thousands: `12 345,5` in
/// Norwegian (a no-break space and a decimal comma), `12,345.5` in English.
pub fn format_number(value: f64, locale: Locale) -> String {
    let (group, decimal) = match locale {
        Locale::Nb | Locale::Nn => ('\u{a0}', ','),
        Locale::En => (',', '.'),
    };
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let sign = if rounded < 0.0 { "−" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

/// A value and its unit, as a chart writes it beside a bar or a line.
pub fn with_unit(value: f64, unit: &str, locale: Locale) -> String {
    let number = format_number(value, locale);
    if unit.is_empty() {
        number
    } else {
        format!("{number}\u{a0}{unit}")
    }
}

/// A drawing coordinate, to one decimal: enough on a 640-unit canvas.
pub fn coordinate(value: f64) -> String {
    format!("{:.1}", value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_take_round_steps_and_keep_zero() {
        assert_eq!(
            Axis::covering([3.0, 47.0], 5),
            Axis {
                low: 0.0,
                high: 50.0,
                step: 10.0
            }
        );
        assert_eq!(
            Axis::covering([120.0, 135.0], 4),
            Axis {
                low: 0.0,
                high: 150.0,
                step: 50.0
            }
        );
        assert_eq!(Axis::covering([-12.0, 8.0], 4).low, -15.0);
        assert_eq!(Axis::covering([0.3, 0.7], 4).step, 0.2);
        assert_eq!(Axis::covering([0.3, 0.7], 4).high, 0.8);
    }

    #[test]
    fn an_axis_of_nothing_or_one_value_still_has_a_length() {
        let empty = Axis::covering([], 4);
        assert!(empty.high > empty.low);
        let zeros = Axis::covering([0.0, 0.0], 4);
        assert!(zeros.high > zeros.low);
        assert_eq!(
            Axis::covering([f64::NAN, 4.0], 4).high,
            4.0,
            "an unreadable value is left out"
        );
    }

    #[test]
    fn ticks_run_from_low_to_high() {
        let axis = Axis::covering([0.0, 47.0], 5);
        assert_eq!(axis.ticks(), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(axis.place(25.0, 0.0, 200.0), 100.0);
        assert_eq!(
            axis.place(25.0, 200.0, 0.0),
            100.0,
            "upwards, as a y axis runs"
        );
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(format_number(12345.5, Locale::Nb), "12\u{a0}345,5");
        assert_eq!(format_number(12345.5, Locale::En), "12,345.5");
        assert_eq!(format_number(1234567.0, Locale::Nn), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(0.125, Locale::Nb), "0,13");
        assert_eq!(format_number(-40.0, Locale::En), "−40");
        assert_eq!(format_number(999.999, Locale::En), "1,000");
        assert_eq!(with_unit(3.5, "dager", Locale::Nb), "3,5\u{a0}dager");
        assert_eq!(with_unit(7.0, "", Locale::Nb), "7");
    }
}
