//! The website's registration form (application/x-www-form-urlencoded)
//! through the whole HTTP contract: never a 5xx, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/registration.rs"]
mod registration;

fuzz_target!(|data: &[u8]| {
    registration::post_twice("application/x-www-form-urlencoded", data);
});
