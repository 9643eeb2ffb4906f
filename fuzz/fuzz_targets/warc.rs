#![no_main]
//! The WARC reader on arbitrary bytes: records, headers, chunked and compressed bodies.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for doc in entente_read::warc::documents(data, 1 << 20).take(1000) {
        let _ = doc;
    }
});
