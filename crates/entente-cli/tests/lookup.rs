//! `entente lookup` answers for organisations and office holders with their kind and state.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_entente");

fn lookup(name: &str, date: &str) -> String {
    let out = Command::new(BIN).args(["lookup", name, "--date", date]).output().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_kind_with_its_state() {
    let cases = [
        ("Petrobras", "BRA", "company Petrobras"),
        ("Statoil", "NOR", "company Equinor"),
        ("Aeroflot", "SUN", "company Aeroflot"),
        ("Bundesbank", "DEU", "agency Bundesbank"),
        ("Tass", "SUN", "agency TASS"),
        ("MITI", "JPN", "ministry MITI"),
        ("Quai d'Orsay", "FRA", "ministry Quai d'Orsay"),
        ("Clayton K. Yeutter", "USA", "as office holder: Clayton K. Yeutter"),
    ];
    for (name, code, kind) in cases {
        let out = lookup(name, "1987-06-01");
        assert!(out.contains(&format!("-> {code} ")) && out.contains(kind), "{name}: {out}");
    }
}

#[test]
fn a_phrase_with_a_title_or_a_premodifier() {
    let out = lookup("Italian Finance Minister Paolo Verdiani", "1987-06-01");
    assert!(out.contains("-> ITA ") && out.contains("finance minister"), "{out}");
    let out = lookup("the Brazilian state oil company Petrobras", "1987-06-01");
    assert!(out.contains("-> BRA ") && out.contains("company Petrobras"), "{out}");
}

#[test]
fn an_unknown_company_is_no_actor() {
    let out = Command::new(BIN).args(["lookup", "Vantorix Systems"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no actor"));
}
