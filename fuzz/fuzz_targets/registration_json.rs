//! The JSON registration body (application/json) through the whole HTTP
//! contract: never a 5xx, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/registration.rs"]
mod registration;

fuzz_target!(|data: &[u8]| {
    registration::post_twice("application/json", data);
});
