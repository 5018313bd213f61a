//! The fixed-format words every request carries and every answer writes, read and written at
//! level 3 like the figures: a date's numbers, whole numbers, a curve's cents.

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

/// A whole number's text (ASCII), written into `digits` from its end.
pub fn whole_text(digits: &mut [u8; 21], negative: bool, mut n: u64) -> &[u8] {
    // Filled from the end: `start` is where the text begins.
    let mut start = digits.len();
    while let Some(d) = start.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        // n % 10 < 10: one digit.
        *d = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if let (true, Some(sign)) = (negative, start.checked_sub(1)) {
        start = sign;
        if let Some(d) = digits.get_mut(sign) {
            *d = b'-';
        }
    }
    digits.get(start..).unwrap_or_default()
}

/// A curve's amounts in cents, comma-separated, `null` where there is none (`12,-3,null`): a
/// curve writes a thousand of them.
#[inline(never)]
pub fn append_cents(out: &mut Vec<u8>, cents: &[Option<i64>]) {
    let mut digits = [0u8; 21];
    for (i, c) in cents.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match c {
            Some(c) => out.extend_from_slice(whole_text(&mut digits, *c < 0, c.unsigned_abs())),
            None => out.extend_from_slice(b"null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_written_as_json_numbers() {
        let mut out = Vec::new();
        append_cents(
            &mut out,
            &[Some(0), Some(-7), None, Some(i64::MIN), Some(i64::MAX)],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("0,-7,null,{},{}", i64::MIN, i64::MAX)
        );
    }

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
