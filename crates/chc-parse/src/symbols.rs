//! Symbol fonts (Wingdings, Webdings, Symbol): their codes are pictures, not letters. Forms
//! tick "Comply" with them, so both the DOCX and the PDF readers turn the ticks (✓), crosses
//! (✗), check boxes (☑ ☒ ticked, ☐ empty) and bullets into Unicode and drop the other
//! pictures; `chc_code::answers::parse_comply` reads the boxes ("Yes ☒ No ☐").

pub(crate) fn is_symbol_font(font: &str) -> bool {
    let f = font.trim().to_ascii_lowercase();
    f.starts_with("wingdings") || f.starts_with("webdings") || f == "symbol"
}

/// A character of a symbol font as Unicode: ticks and crosses as ✓/✗, bullets as •, empty
/// boxes as ☐. `None` for the font's other pictures (dropped: their code points would read
/// as unrelated letters). Codes may be given in the private-use range (U+F0xx).
pub(crate) fn symbol_char(font: &str, code: u32) -> Option<char> {
    let c = if (0xF000..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    let f = font.trim().to_ascii_lowercase();
    let mapped = if f.starts_with("wingdings 2") || f.starts_with("wingdings2") {
        match c {
            0x50 => '✓',
            0x52 => '☑',
            0x53 | 0x54 => '☒',
            0x4F | 0x51 | 0xCF => '✗',
            0xA3 | 0x2A => '☐',
            0x97 | 0x98 | 0x9E | 0x9F => '•',
            _ => return None,
        }
    } else if f.starts_with("wingdings 3") {
        return None;
    } else if f.starts_with("wingdings") {
        match c {
            0xFC => '✓',
            0xFE => '☑',
            0xFB => '✗',
            0xFD => '☒',
            0xA8 | 0x6F | 0x71 | 0x72 => '☐',
            0x6C | 0x6E | 0x9F | 0xA1 | 0xA7 | 0x77 | 0xD8 => '•',
            _ => return None,
        }
    } else if f.starts_with("webdings") {
        match c {
            0x61 => '✓',
            0x72 => '✗',
            0x3D => '•',
            _ => return None,
        }
    } else if f == "symbol" {
        match c {
            0xD6 => '✓', // the radical sign, typed as a tick
            0xB4 => '×',
            0xB7 => '•',
            0x20..=0x39 => char::from_u32(c)?,
            _ => return None,
        }
    } else {
        // A Unicode font (MS Gothic ☐/☒, Segoe UI Symbol ✓): the code is the character.
        return char::from_u32(code).filter(|ch| !ch.is_control());
    };
    Some(mapped)
}

/// Private-use code points Word writes for Wingdings ticks when the font is not known.
pub(crate) fn private_use_tick(c: char) -> Option<char> {
    match c {
        '\u{F0FC}' => Some('✓'),
        '\u{F0FE}' => Some('☑'),
        '\u{F0FB}' => Some('✗'),
        '\u{F0FD}' => Some('☒'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wingdings_boxes_read_as_check_boxes() {
        assert_eq!(symbol_char("Wingdings", 0xFD), Some('☒'));
        assert_eq!(symbol_char("Wingdings", 0xF0FE), Some('☑'));
        assert_eq!(symbol_char("Wingdings", 0xA8), Some('☐'));
        assert_eq!(symbol_char("Wingdings", 0xFC), Some('✓'));
        assert_eq!(symbol_char("Wingdings 2", 0x54), Some('☒'));
        assert_eq!(symbol_char("Wingdings 2", 0xA3), Some('☐'));
        assert_eq!(symbol_char("Segoe UI Symbol", 0x2612), Some('☒'));
        assert_eq!(private_use_tick('\u{F0FD}'), Some('☒'));
    }
}
