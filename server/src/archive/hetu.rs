//! Finnish personal identity codes (henkilötunnus, hetu): `DDMMYYCZZZQ`.

use chrono::NaiveDate;

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HetuError {
    #[error("a personal identity code has 11 characters")]
    Length,
    #[error("unknown century sign {0:?}")]
    CenturySign(char),
    #[error("the date part is not a valid date")]
    Date,
    #[error("the individual number must be 002–999")]
    IndividualNumber,
    #[error("wrong check character: expected {expected:?}")]
    Checksum { expected: char },
}

/// Does `id` have the shape of a hetu (so that it must validate as one)?
pub fn looks_like_hetu(id: &str) -> bool {
    let chars: Vec<char> = id.chars().collect();
    chars.len() == 11
        && chars.iter().take(6).all(char::is_ascii_digit)
        && chars.get(6).copied().and_then(century).is_some()
}

fn century(sign: char) -> Option<i32> {
    match sign {
        '+' => Some(1800),
        '-' | 'Y' | 'X' | 'W' | 'V' | 'U' => Some(1900),
        'A' | 'B' | 'C' | 'D' | 'E' | 'F' => Some(2000),
        _ => None,
    }
}

/// Validates a hetu and returns the birth date it encodes.
pub fn validate(id: &str) -> Result<NaiveDate, HetuError> {
    let chars: Vec<char> = id.chars().collect();
    let (Some(&sign), Some(&check), true) = (chars.get(6), chars.get(10), chars.len() == 11) else {
        return Err(HetuError::Length);
    };
    if !id.is_ascii() {
        return Err(HetuError::Length);
    }
    let base = century(sign).ok_or(HetuError::CenturySign(sign))?;
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        id.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse().ok())
    };
    let (day, month, year) = (digits(0..2), digits(2..4), digits(4..6));
    let (Some(day), Some(month), Some(year)) = (day, month, year) else {
        return Err(HetuError::Date);
    };
    let year = base + i32::try_from(year).map_err(|_| HetuError::Date)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(HetuError::Date)?;
    let individual = digits(7..10).ok_or(HetuError::IndividualNumber)?;
    if individual < 2 {
        return Err(HetuError::IndividualNumber);
    }
    let number = u64::from(digits(0..6).ok_or(HetuError::Date)?) * 1000 + u64::from(individual);
    let expected = usize::try_from(number % 31)
        .ok()
        .and_then(|i| CHECK_CHARS.get(i))
        .map(|&c| char::from(c))
        .ok_or(HetuError::Date)?;
    if check != expected {
        return Err(HetuError::Checksum { expected });
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_codes_of_every_century() {
        assert_eq!(
            validate("131052-308T"),
            Ok(NaiveDate::from_ymd_opt(1952, 10, 13).unwrap())
        );
        assert_eq!(
            validate("010101A123N"),
            Ok(NaiveDate::from_ymd_opt(2001, 1, 1).unwrap())
        );
        assert!(validate("131052Y308T").is_ok());
        assert_eq!(
            validate("010199+123Y"),
            Ok(NaiveDate::from_ymd_opt(1899, 1, 1).unwrap())
        );
    }

    #[test]
    fn rejects_a_wrong_check_character() {
        assert_eq!(
            validate("131052-308U"),
            Err(HetuError::Checksum { expected: 'T' })
        );
    }

    #[test]
    fn rejects_an_unknown_century_sign_and_bad_dates() {
        assert_eq!(validate("131052G308T"), Err(HetuError::CenturySign('G')));
        assert_eq!(validate("310252-308T"), Err(HetuError::Date));
        assert_eq!(validate("131052-001T"), Err(HetuError::IndividualNumber));
        assert_eq!(validate("131052-308"), Err(HetuError::Length));
    }

    #[test]
    fn shape_detection() {
        assert!(looks_like_hetu("131052-308T"));
        assert!(!looks_like_hetu("temp-0001"));
    }
}
