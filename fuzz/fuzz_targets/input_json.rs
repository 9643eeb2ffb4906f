#![no_main]
//! Documents from JSON (the CLI's JSON Lines and the server's POST body) on arbitrary text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = entente::input::document_from_json(data);
});
