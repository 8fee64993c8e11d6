//! report.html in a real browser (headless Chromium; CI installs it): the
//! first screen at 1,400 × 900 holds the findings and the whole main
//! diagram with labels of at least 10 px, every diagram enlarges, zooms and
//! closes by mouse and keyboard, and the page prints diagrams whole.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::test::root;

const PROBE: &str = include_str!("browser_probe.js");

/// The Chromium program, when installed; CI must have it.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name).arg("--version").output().is_ok() {
            return Some(PathBuf::from(name));
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install Chromium (apt-get install chromium)"
    );
    eprintln!("Chromium not installed: report.html not checked in a browser");
    None
}

/// Chromium's headless run of `page` with `args`; its stdout.
fn headless(browser: &Path, page: &Path, args: &[&str]) -> String {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1400,900",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the probe saw in the committed report.html.
fn probed(browser: &Path) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(root().join("output/report.html")).unwrap();
    let probed = dir.path().join("report.html");
    std::fs::write(
        &probed,
        page.replace("</body>", &format!("<script>\n{PROBE}</script>\n</body>")),
    )
    .unwrap();
    let dom = headless(
        browser,
        &probed,
        &["--virtual-time-budget=3000", "--dump-dom"],
    );
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&dom[start..end].replace("&quot;", "\"")).unwrap()
}

#[test]
fn the_first_screen_holds_the_findings_and_the_legible_main_diagram() {
    let Some(browser) = chromium() else { return };
    let seen = probed(&browser);
    assert_eq!(seen["width"], 1400, "{seen}");
    let findings = seen["findings"].as_u64().unwrap();
    assert!((4..=6).contains(&findings), "{seen}");
    assert!(seen["findings_links"].as_u64().unwrap() > 0, "{seen}");
    assert!(seen["findings_bottom"].as_f64().unwrap() <= 900.0, "{seen}");
    let diagram: Vec<f64> = serde_json::from_value(seen["diagram"].clone()).unwrap();
    assert!(diagram[0] >= 0.0 && diagram[2] <= 1400.0, "{seen}");
    assert!(diagram[1] >= 0.0 && diagram[3] <= 900.0, "{seen}");
    assert!(
        seen["smallest_label_px"].as_f64().unwrap() >= 10.0,
        "{seen}"
    );
}

#[test]
fn a_diagram_enlarges_zooms_and_closes_by_mouse_and_keyboard() {
    let Some(browser) = chromium() else { return };
    let seen = probed(&browser);
    for what in [
        "opened",
        "focus_in_dialog",
        "wheel_zooms",
        "zero_fits",
        "plus_zooms",
        "closed",
        "focus_back",
    ] {
        assert_eq!(seen[what], true, "{what}: {seen}");
    }
}

#[test]
fn large_diagrams_print_alone_on_landscape_pages() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    headless(
        &browser,
        &root().join("output/report.html"),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let pages = page_sizes(&std::fs::read(&pdf).unwrap());
    let landscape = pages.iter().filter(|(w, h)| w > h).count();
    let portrait = pages.len() - landscape;
    let html = std::fs::read_to_string(root().join("output/report.html")).unwrap();
    let large = html.matches("-landscape\" style=\"--print-width").count();
    assert!(large > 0, "no diagram of the bundled report prints alone");
    assert_eq!(landscape, large, "one landscape page per large diagram");
    assert!(portrait > 0);
}

/// The width and height of every page of a PDF, from its `/MediaBox`es.
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox [")
        .skip(1)
        .map(|rest| {
            let numbers: Vec<f64> = rest[..rest.find(']').unwrap()]
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            (numbers[2] - numbers[0], numbers[3] - numbers[1])
        })
        .collect()
}
