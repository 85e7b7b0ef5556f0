//! UTF-16 to UTF-8, exactly as `TextEncoder` does it (each lone surrogate becomes U+FFFD),
//! for JS strings that reach wasm as their UTF-16 code units.
//!
//! Writing a string's code units is a copy for the engine (Node's `Buffer#write(…,
//! "utf16le")`: 0.14 µs for the 1.4 KB benchmark payment), where `encodeInto` transcodes one
//! character at a time (1.0 µs in Node, 2 µs in workerd). Here ASCII runs are packed sixteen
//! units at a time with wasm SIMD (eight-byte words elsewhere), and only the other characters
//! one by one.

/// Writes the UTF-8 of the UTF-16LE code units in `units` (an odd last byte is ignored) to
/// the start of `out`, which must hold [`capacity`] bytes; returns how many it wrote.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
pub(crate) fn utf16_to_utf8(units: &[u8], out: &mut [u8]) -> usize {
    let count = units.len() / 2;
    let (mut read, mut written) = (0, 0);
    loop {
        // ASCII many units at a time, up to the first unit that is not (or the last few).
        (read, written) = ascii_run(units, out, read, written);
        // Then that character and the non-ASCII ones right after it (Hangul, say) one by one;
        // with fewer than a step's units left, all the rest.
        loop {
            let Some(unit) = unit_at(units, read) else {
                return written;
            };
            let Some(slot) = out
                .get_mut(written..written + 4)
                .and_then(|slot| <&mut [u8; 4]>::try_from(slot).ok())
            else {
                return written; // cannot happen: `out` holds `capacity` bytes
            };
            read += 1;
            let (bytes, len) = match unit {
                0..=0x7f => ([unit as u8, 0, 0, 0], 1),
                0x80..=0x7ff => ([0xc0 | (unit >> 6) as u8, tail(unit), 0, 0], 2),
                0xd800..=0xdbff => match unit_at(units, read) {
                    Some(low @ 0xdc00..=0xdfff) => {
                        read += 1;
                        let point = 0x10000
                            + ((u32::from(unit) - 0xd800) << 10)
                            + (u32::from(low) - 0xdc00);
                        let bytes = [
                            0xf0 | (point >> 18) as u8,
                            0x80 | (point >> 12 & 0x3f) as u8,
                            0x80 | (point >> 6 & 0x3f) as u8,
                            0x80 | (point & 0x3f) as u8,
                        ];
                        (bytes, 4)
                    }
                    _ => (REPLACEMENT, 3),
                },
                0xdc00..=0xdfff => (REPLACEMENT, 3),
                _ => (
                    [0xe0 | (unit >> 12) as u8, tail(unit >> 6), tail(unit), 0],
                    3,
                ),
            };
            *slot = bytes;
            written += len;
            let next_is_ascii = unit_at(units, read).is_some_and(|next| next < 0x80);
            if next_is_ascii && count - read >= BLOCK {
                break;
            }
        }
    }
}

/// The output room [`utf16_to_utf8`] needs for `units` bytes of UTF-16: three bytes per unit,
/// and four more (each character is written as four bytes, the extra ones overwritten).
pub(crate) fn capacity(units: usize) -> usize {
    units / 2 * 3 + 4
}

/// Units a SIMD step packs.
const BLOCK: usize = 16;

fn unit_at(units: &[u8], index: usize) -> Option<u16> {
    let pair = units.get(2 * index..2 * index + 2)?;
    <[u8; 2]>::try_from(pair).ok().map(u16::from_le_bytes)
}

/// U+FFFD, for a lone surrogate.
const REPLACEMENT: [u8; 4] = [0xef, 0xbf, 0xbd, 0];

/// The continuation byte holding the low six bits of `bits`.
fn tail(bits: u16) -> u8 {
    0x80 | (bits & 0x3f) as u8
}

/// Packs the ASCII units from unit `read` on into `out` from byte `written` on, while whole
/// steps of them are ASCII; returns the new positions. On wasm32 with SIMD (the only wasm
/// build with this module is the edge build, for engines that all have it).
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
#[inline]
fn ascii_run(units: &[u8], out: &mut [u8], read: usize, written: usize) -> (usize, usize) {
    simd::ascii_run(units, out, read, written)
}

/// [`ascii_run`] without SIMD, eight bytes at a time (native builds, for the tests).
#[cfg(not(target_arch = "wasm32"))]
fn ascii_run(units: &[u8], out: &mut [u8], mut read: usize, mut written: usize) -> (usize, usize) {
    // Four units (eight bytes) at a time into four bytes.
    while let (Some(word), Some(slot)) = (
        units
            .get(2 * read..2 * read + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes),
        out.get_mut(written..written + 4),
    ) {
        let packed = (word & 0xff)
            | (word >> 8 & 0xff00)
            | (word >> 16 & 0x00ff_0000)
            | (word >> 24 & 0xff00_0000);
        // The bytes from the first unit that is not ASCII on are overwritten afterwards.
        slot.copy_from_slice(&packed.to_le_bytes()[..4]);
        let wide = word & 0xff80_ff80_ff80_ff80;
        if wide != 0 {
            let ascii = (wide.trailing_zeros() / 16) as usize;
            return (read + ascii, written + ascii);
        }
        read += 4;
        written += 4;
    }
    (read, written)
}

#[cfg(target_arch = "wasm32")]
mod simd {
    use core::arch::wasm32::{
        i16x8_bitmask, i8x16_shuffle, u16x8_gt, u16x8_splat, v128, v128_and, v128_any_true,
        v128_load, v128_or, v128_store,
    };

    use super::BLOCK;

    /// [`super::ascii_run`], sixteen units (two vectors) into sixteen bytes at a time.
    #[target_feature(enable = "simd128")]
    #[inline]
    pub(super) fn ascii_run(
        units: &[u8],
        out: &mut [u8],
        mut read: usize,
        mut written: usize,
    ) -> (usize, usize) {
        while let (Some(src), Some(dst)) = (
            units.get(2 * read..2 * read + 2 * BLOCK),
            out.get_mut(written..written + BLOCK),
        ) {
            let (low, high) = (src.as_ptr(), src.as_ptr().wrapping_add(16));
            // SAFETY: `src` is 32 bytes long, so both 16-byte loads (unaligned, which
            // `v128_load` allows) read inside it.
            let (a, b) = unsafe {
                (
                    v128_load(low.cast::<v128>()),
                    v128_load(high.cast::<v128>()),
                )
            };
            // The low byte of each unit: the character itself when it is ASCII, and the
            // bytes from the first unit that is not on are overwritten afterwards.
            let packed =
                i8x16_shuffle::<0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30>(a, b);
            // SAFETY: `dst` is 16 bytes long, so the 16-byte store writes inside it.
            unsafe { v128_store(dst.as_mut_ptr().cast::<v128>(), packed) };
            if v128_any_true(v128_and(v128_or(a, b), u16x8_splat(0xff80))) {
                let ascii = u16x8_splat(0x7f);
                let wide = u32::from(i16x8_bitmask(u16x8_gt(a, ascii)))
                    | u32::from(i16x8_bitmask(u16x8_gt(b, ascii))) << 8;
                let ascii = wide.trailing_zeros() as usize;
                return (read + ascii, written + ascii);
            }
            read += BLOCK;
            written += BLOCK;
        }
        (read, written)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::utf16_to_utf8;

    fn transcoded(units: &[u16]) -> Vec<u8> {
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let mut out = vec![0; super::capacity(bytes.len())];
        let written = utf16_to_utf8(&bytes, &mut out);
        out.truncate(written);
        out
    }

    #[test]
    fn ascii_korean_emoji_and_lone_surrogates() {
        for text in [
            "",
            "a",
            "{\"imp_uid\":\"imp_1\"}",
            "당근 10kg",
            "🥕",
            "x".repeat(100).as_str(),
        ] {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(transcoded(&units), text.as_bytes(), "{text}");
        }
        assert_eq!(transcoded(&[0x61, 0xd800, 0x62]), "a\u{fffd}b".as_bytes());
        assert_eq!(transcoded(&[0xdc00, 0xd800]), "\u{fffd}\u{fffd}".as_bytes());
        assert_eq!(transcoded(&[0xd83e, 0xdd55]), "🥕".as_bytes());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        /// The same bytes as `TextEncoder`, which `String::from_utf16_lossy` matches.
        #[test]
        fn as_text_encoder_does(units in prop::collection::vec(prop_oneof![
            8 => 0x20u16..0x7f,
            2 => 0x80u16..0x800,
            2 => 0xac00u16..0xd7a4,
            1 => 0xd800u16..0xe000,
            1 => any::<u16>(),
        ], 0..80)) {
            prop_assert_eq!(transcoded(&units), String::from_utf16_lossy(&units).into_bytes());
        }
    }
}
