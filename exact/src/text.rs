//! The fixed-format words every request carries, read at level 3 like the figures: a date's
//! numbers.

/// The year, month and day numbers of a date written `YYYY-MM-DD` (any digits: the caller checks
/// the calendar), or `None` for another shape.
pub fn date_numbers(s: &str) -> Option<(u32, u32, u32)> {
    let bytes: &[u8; 10] = s.as_bytes().try_into().ok()?;
    let digit = |i: usize| {
        let b = bytes.get(i).copied().unwrap_or(0);
        b.is_ascii_digit().then(|| u32::from(b - b'0'))
    };
    let number = |from: usize, to: usize| (from..to).try_fold(0, |n, i| Some(n * 10 + digit(i)?));
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    Some((number(0, 4)?, number(5, 7)?, number(8, 10)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_three_numbers_between_dashes() {
        assert_eq!(date_numbers("2022-09-02"), Some((2022, 9, 2)));
        assert_eq!(date_numbers("0000-00-00"), Some((0, 0, 0)));
        for s in [
            "2022-9-02",
            "2022-09-2x",
            "2022/09/02",
            "2022-09-021",
            "",
            "٢٠٢٢-09-02",
            "+022-09-02",
        ] {
            assert_eq!(date_numbers(s), None, "{s}");
        }
    }
}
