//! ISO 20022 camt.053 / camt.054 statements: any bytes, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spica_portal::domain::statement::parse_camt;

#[path = "common/statement.rs"]
mod statement;

fuzz_target!(|data: &[u8]| {
    statement::check(parse_camt(data));
});
