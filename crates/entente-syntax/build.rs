//! Lays out the shipped model's weights as they are in memory (see `src/layout.rs`), for the
//! crate to read in place at start-up instead of decoding them.

// The modules are the crate's own; the build script uses a part of them.
#![allow(dead_code)]

#[path = "src/bytes.rs"]
mod bytes;
#[path = "src/hash.rs"]
mod hash;
#[path = "src/layout.rs"]
mod layout;
#[path = "src/perceptron.rs"]
mod perceptron;

use std::path::PathBuf;

fn main() {
    for f in ["build.rs", "model/en_ewt.bin", "src/bytes.rs", "src/hash.rs", "src/layout.rs", "src/perceptron.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    // A model that does not decode lays out as nothing: the crate then decodes the file.
    let model = std::fs::read("model/en_ewt.bin").unwrap_or_default();
    let laid = layout::lay_out(&model).unwrap_or_default();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("en_ewt.layout");
    std::fs::write(&out, laid).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
