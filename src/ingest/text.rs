//! Decoding of text files. UTF-8 is taken as is (a BOM is skipped and its
//! bytes accounted for in offsets); UTF-16 (with a BOM, or without one when
//! its NUL bytes give it away) and Windows-1252 (a superset of Latin-1's
//! printable characters) are decoded with a warning; bytes that look binary
//! are refused rather than turned into garbage.

use super::error::IngestError;

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// Bytes of the file before `text` starts (a UTF-8 BOM), so offsets into
    /// `text` plus this are offsets into the file.
    pub base_offset: usize,
    pub encoding: &'static str,
    pub warning: Option<String>,
}

/// Share of control bytes above which the input is taken as binary.
const MAX_CONTROL_SHARE: f64 = 0.01;

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    sample.contains(&0) || control as f64 / sample.len() as f64 > MAX_CONTROL_SHARE
}

fn utf16_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    if enc == encoding_rs::UTF_16LE {
        "utf-16le"
    } else {
        "utf-16be"
    }
}

/// UTF-16 without a byte-order mark, recognised the way text editors do: in
/// Latin-script text nearly every other byte is NUL (the high byte of each
/// code unit), on the odd positions for little-endian and the even ones for
/// big-endian, while the other positions are almost never NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let pairs = sample.len() / 2;
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let most = |n: usize| n * 10 >= pairs * 6;
    let few = |n: usize| n * 100 <= pairs;
    if most(odd_nul) && few(even_nul) {
        Some(encoding_rs::UTF_16LE)
    } else if most(even_nul) && few(odd_nul) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes a text file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded {
                text: t.to_string(),
                base_offset: 3,
                encoding: "utf-8",
                warning: None,
            }),
            Err(e) => Err(IngestError::Undecodable(format!(
                "UTF-8 BOM but invalid UTF-8 at byte {}",
                e.valid_up_to() + 3
            ))),
        };
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                return Err(IngestError::Undecodable(format!(
                    "invalid {} text",
                    enc.name()
                )));
            }
            let name = utf16_name(enc);
            return Ok(Decoded {
                text: text.into_owned(),
                base_offset: 0,
                encoding: name,
                warning: Some(format!(
                    "decoded from {name}; offsets refer to the `licscan text` output"
                )),
            });
        }
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let name = utf16_name(enc);
        if had_errors {
            return Err(IngestError::Undecodable(format!(
                "looks like {name} without a byte-order mark, but is not valid {name}"
            )));
        }
        if looks_binary(text.as_bytes()) {
            return Err(IngestError::Undecodable(format!(
                "looks like {name} without a byte-order mark, but decodes to control characters"
            )));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            base_offset: 0,
            encoding: name,
            warning: Some(format!(
                "no byte-order mark: decoded as {name}, recognised by its NUL bytes; offsets refer to the `licscan text` output"
            )),
        });
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        if looks_binary(bytes) {
            return Err(IngestError::Undecodable(
                "control characters or NUL bytes: binary data".into(),
            ));
        }
        return Ok(Decoded {
            text: t.to_string(),
            base_offset: 0,
            encoding: "utf-8",
            warning: None,
        });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Undecodable(
            "not UTF-8 and contains control characters or NUL bytes".into(),
        ));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        base_offset: 0,
        encoding: "windows-1252",
        warning: Some(
            "not valid UTF-8: decoded as Windows-1252; offsets refer to the `licscan text` output"
                .into(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is() {
        let d = decode("Licence – “Territory”".as_bytes()).unwrap();
        assert_eq!(d.text, "Licence – “Territory”");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf8_bom_is_skipped_and_counted_in_base_offset() {
        let d = decode(b"\xEF\xBB\xBFTerm").unwrap();
        assert_eq!(d.text, "Term");
        assert_eq!(d.base_offset, 3);
    }

    #[test]
    fn windows_1252_curly_quotes_decode_with_a_warning() {
        let d = decode(b"the \x93Field\x94 means").unwrap();
        assert_eq!(d.text, "the \u{201C}Field\u{201D} means");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warning.is_some());
    }

    #[test]
    fn latin1_accented_letters_decode() {
        assert_eq!(decode(b"Qu\xe9bec").unwrap().text, "Québec");
    }

    #[test]
    fn utf16le_with_bom_decodes() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Royalty".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "Royalty");
        assert_eq!(d.encoding, "utf-16le");
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let text = "The Licensee shall pay a royalty of 5% in Qu\u{e9}bec.\r\n";
        let d = decode(&utf16(text, true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "utf-16le"));
        assert!(d.warning.unwrap().contains("no byte-order mark"));
        let d = decode(&utf16(text, false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "utf-16be"));
    }

    #[test]
    fn odd_length_or_scattered_nul_bytes_are_not_utf16() {
        let mut b = utf16("Licence", true);
        b.push(b'x');
        assert_eq!(decode(&b).unwrap_err().kind(), "undecodable");
        // NUL bytes on both positions: binary, not text
        let b: Vec<u8> = b"ab\0\0cd\0\0ef\0\0gh\0\0".to_vec();
        assert_eq!(decode(&b).unwrap_err().kind(), "undecodable");
    }

    #[test]
    fn utf16_without_bom_that_decodes_to_control_characters_is_refused() {
        let b: Vec<u8> = (0..200u8).flat_map(|i| [i % 8 + 1, 0]).collect();
        assert_eq!(decode(&b).unwrap_err().kind(), "undecodable");
    }

    #[test]
    fn random_binary_is_refused() {
        let b: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(decode(&b).unwrap_err().kind(), "undecodable");
    }

    #[test]
    fn empty_file_decodes_to_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
