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
    id.len() == 11
        && id.is_ascii()
        && id.as_bytes()[..6].iter().all(u8::is_ascii_digit)
        && century(id.as_bytes()[6] as char).is_some()
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
    if id.len() != 11 || !id.is_ascii() {
        return Err(HetuError::Length);
    }
    let b = id.as_bytes();
    let sign = b[6] as char;
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
    let date = NaiveDate::from_ymd_opt(base + year as i32, month, day).ok_or(HetuError::Date)?;
    let individual = digits(7..10).ok_or(HetuError::IndividualNumber)?;
    if individual < 2 {
        return Err(HetuError::IndividualNumber);
    }
    let number: u64 = format!("{}{}", &id[0..6], &id[7..10])
        .parse()
        .map_err(|_| HetuError::Date)?;
    let expected = CHECK_CHARS[(number % 31) as usize] as char;
    if b[10] as char != expected {
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
