//! Bank CSV exports: any bytes, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spica_portal::domain::statement::parse_csv;

#[path = "common/statement.rs"]
mod statement;

fuzz_target!(|data: &[u8]| {
    statement::check(parse_csv(data));
});
