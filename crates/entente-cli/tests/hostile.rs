//! Inputs laid out to hang or multiply a run (issue 23): FIFOs, devices and symbolic-link loops
//! among the inputs. Each run is watched: a run that does not finish is killed and the test
//! fails (a guard against a hang, not a timing).

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::fresh_dir as tempdir;

/// Runs `entente ARGS`; kills it and panics if it has not finished after two minutes.
fn run(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(120)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("entente {args:?} did not finish: it hangs");
        }
    }
}

fn ids(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    v.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_string()).collect()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

const TEXT: &str =
    "Ghana and Togo agreed on Friday to share the costs of the new coastal road, the two governments said.\n";

#[test]
fn fifos_and_devices_among_the_inputs_are_skipped_not_read() {
    let dir = tempdir("fifo");
    write(&dir.join("a.txt"), TEXT);
    write(&dir.join("z.txt"), TEXT);
    let fifo = dir.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success(), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.jsonl")).unwrap();
    let d = dir.display().to_string();
    // In a directory.
    let out = run(&["read", "--format", "json", &d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("{d}/pipe.txt: a FIFO (named pipe), not a regular file")), "{err}");
    assert!(err.contains(&format!("{d}/zero.jsonl: a device, not a regular file")), "{err}");
    assert!(err.contains("2 document(s) skipped"), "{err}");
    assert_eq!(ids(&out), ["a", "z"]);
    // Named, between two files.
    let (a, z, p) = (format!("{d}/a.txt"), format!("{d}/z.txt"), fifo.display().to_string());
    let out = run(&["read", "--format", "json", &a, &p, &z]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&format!("{p}: a FIFO (named pipe), not a regular file")), "{err}");
    assert_eq!(ids(&out), ["a", "z"]);
}

#[test]
fn a_link_back_up_the_tree_is_not_followed_again() {
    let dir = tempdir("loop");
    write(&dir.join("a.txt"), TEXT);
    std::fs::create_dir(dir.join("sub")).unwrap();
    write(&dir.join("sub").join("b.txt"), TEXT);
    std::os::unix::fs::symlink("..", dir.join("sub").join("up")).unwrap();
    // A second link to a file already in the tree.
    std::os::unix::fs::symlink("../a.txt", dir.join("sub").join("c.txt")).unwrap();
    let d = dir.display().to_string();
    let out = run(&["read", "--format", "json", &d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(ids(&out), ["a", "b"], "{err}");
    assert!(err.contains(&format!("warning: {d}/sub/up: the same directory as {d}, already read")), "{err}");
    assert!(err.contains(&format!("warning: {d}/sub/c.txt: the same file as {d}/a.txt, already read")), "{err}");
}
