//! An actor a person names (on the command line or in an API request) that the store has not
//! seen resolves through the gazetteer, by code or name, in any case.

use entente::{gazetteer_code, Gazetteer};

#[test]
fn a_gazetteer_actor_resolves_by_code_or_name_in_any_case() {
    let g = Gazetteer::builtin().unwrap();
    assert_eq!(gazetteer_code(&g, "Israel").as_deref(), Some("ISR"));
    assert_eq!(gazetteer_code(&g, "  israel ").as_deref(), Some("ISR"));
    assert_eq!(gazetteer_code(&g, "isr").as_deref(), Some("ISR"));
    assert_eq!(gazetteer_code(&g, "Atlantis of the North"), None);
    assert_eq!(gazetteer_code(&g, ""), None);
}
