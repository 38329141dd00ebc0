//! Identifiers and secrets that look like the real ones.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

/// Meteor's id alphabet, which leaves out characters that read alike (0, 1, I, O, l...).
const METEOR_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A small deterministic generator (SplitMix64), so generated data is the same after every reset.
#[derive(Debug)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A 17-character Meteor-style `_id`.
    pub fn meteor_id(&mut self) -> String {
        self.string(METEOR_ALPHABET, 17)
    }

    pub fn string(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| {
                let index = usize::try_from(self.next_u64() % alphabet.len() as u64).unwrap_or(0);
                char::from(alphabet[index])
            })
            .collect()
    }
}

/// A fresh, unpredictable login token shaped like Rocket.Chat's (43 base64url characters).
pub fn random_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // RandomState is seeded from the OS per process; the counter makes each token differ.
    let seed = RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed));
    SplitMix::new(seed).string(TOKEN_ALPHABET, 43)
}

/// A generator seeded from a text (FNV-1a), so values derived from an id never change.
pub fn seeded_by(text: &str) -> SplitMix {
    let hash = text
        .bytes()
        .fold(0xCBF2_9CE4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3));
    SplitMix::new(hash)
}
