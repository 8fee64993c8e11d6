//! Rendering DOT to SVG, PNG or PDF.
//!
//! Graphviz does the work when it is installed: its `dot` program runs as a
//! subprocess, fed through a pipe, under a time limit, and its error output
//! is shown when it fails. Without Graphviz, SVG still works through the
//! built-in renderer ([`builtin`]), and PNG or PDF are an error
//! that says how to install Graphviz. Large diagrams get the `sfdp` layout
//! unless a layout is asked for.

pub mod builtin;
pub mod dot_scene;
pub mod scene;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use self::scene::Scene;
use crate::error::Error;

/// Diagrams with more edges than this are laid out with `sfdp` by default:
/// `dot`'s layered layout with edge labels grows steeply (measured with
/// Graphviz 2.43: 250 edges 0.7 s, 300 edges 6 s, 813 edges over 100 s),
/// while `sfdp` draws 1,000 edges in 0.5 s.
pub const SFDP_ABOVE_EDGES: usize = 200;

/// An image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
    /// Portable document format.
    Pdf,
}

impl ImageFormat {
    /// The name Graphviz and file extensions use.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Layered, for directed graphs.
    Dot,
    /// Spring model.
    Neato,
    /// Force-directed.
    Fdp,
    /// Scalable force-directed, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
}

impl Layout {
    fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Sfdp => "sfdp",
            Layout::Circo => "circo",
        }
    }
}

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Output format.
    pub format: ImageFormat,
    /// Layout engine; chosen by size when absent.
    pub layout: Option<Layout>,
    /// Give up on Graphviz after this long.
    pub timeout: Duration,
    /// The Graphviz program to run.
    pub program: String,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            format: ImageFormat::Svg,
            layout: None,
            timeout: Duration::from_secs(60),
            program: "dot".to_owned(),
        }
    }
}

/// A rendered image and what the user should be told about how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The image.
    pub bytes: Vec<u8>,
    /// Notes for stderr.
    pub notes: Vec<RenderNote>,
}

/// Something the user should know about how an image was made.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RenderNote {
    /// The diagram has this many edges, so `sfdp` laid it out.
    Sfdp {
        /// Edges in the diagram.
        edges: usize,
    },
    /// Graphviz was not found, so the built-in renderer drew the SVG.
    BuiltIn {
        /// The Graphviz program looked for.
        program: String,
    },
}

impl std::fmt::Display for RenderNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderNote::Sfdp { edges } => write!(
                f,
                "{edges} edges: using the sfdp layout (choose another with --layout)"
            ),
            RenderNote::BuiltIn { program } => write!(
                f,
                "Graphviz ({program}) not found: drawn with the built-in renderer, which ignores --layout"
            ),
        }
    }
}

/// How many edges a DOT text draws: its edge operators (`->`, `--`) outside
/// quoted strings, HTML labels and comments. An edge statement `a -> b -> c`
/// draws two.
///
/// ```
/// use relgraph::render::count_edges;
/// let dot = "digraph { /* a -> b */ a -> b [label=\"x -> y\"]; b -> c -> d; // e -> f\n}";
/// assert_eq!(count_edges(dot), 3);
/// ```
pub fn count_edges(dot: &str) -> usize {
    let bytes = dot.as_bytes();
    let (mut at, mut edges, mut html_depth) = (0, 0, 0usize);
    while at < bytes.len() {
        let rest = &bytes[at..];
        at += match rest {
            [b'"', ..] => quoted_length(rest),
            [b'<', ..] => {
                html_depth += 1;
                1
            }
            [b'>', ..] if html_depth > 0 => {
                html_depth -= 1;
                1
            }
            _ if html_depth > 0 => 1,
            [b'/', b'*', ..] => comment_length(rest, b"*/"),
            [b'/', b'/', ..] | [b'#', ..] => comment_length(rest, b"\n"),
            [b'-', b'>' | b'-', ..] => {
                edges += 1;
                2
            }
            _ => 1,
        };
    }
    edges
}

/// Length of the quoted string at the start of `text`, quotes included.
fn quoted_length(text: &[u8]) -> usize {
    let mut at = 1;
    while at < text.len() {
        match text[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    text.len()
}

/// Length of the comment at the start of `text`, up to and including `end`.
fn comment_length(text: &[u8], end: &[u8]) -> usize {
    text.windows(end.len())
        .skip(2)
        .position(|w| w == end)
        .map_or(text.len(), |i| i + 2 + end.len())
}

/// Renders `dot` (a DOT text with `edges` edges) as `options` say. Without
/// Graphviz, an SVG is drawn from `scene` by the built-in renderer when one
/// is given (the same diagram as plain drawing instructions), else from the
/// DOT text read back as a scene ([`dot_scene`]).
pub fn render(
    dot: &str,
    edges: usize,
    scene: Option<&Scene>,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let mut notes = Vec::new();
    let layout = options.layout.unwrap_or_else(|| {
        if edges > SFDP_ABOVE_EDGES {
            notes.push(RenderNote::Sfdp { edges });
            Layout::Sfdp
        } else {
            Layout::Dot
        }
    });
    match graphviz(dot, layout, options) {
        Ok(bytes) if options.format == ImageFormat::Svg => Ok(Rendered {
            bytes: without_titles(&bytes),
            notes,
        }),
        Ok(bytes) => Ok(Rendered { bytes, notes }),
        Err(Missing) if options.format == ImageFormat::Svg => {
            notes.push(RenderNote::BuiltIn {
                program: options.program.clone(),
            });
            let drawing = match scene {
                Some(scene) => Drawing::Scene(scene.clone()),
                None => Drawing::Dot(dot.to_owned()),
            };
            Ok(Rendered {
                bytes: builtin_svg(drawing, options.timeout)?,
                notes,
            })
        }
        Err(Missing) => Err(Error::GraphvizMissing {
            program: options.program.clone(),
            format: options.format.as_str(),
        }),
        Err(Failed(error)) => Err(error),
    }
}

/// Graphviz's SVG without its `<title>` elements, which hold internal
/// names (`%3`, `A->B`) that browsers would show on hover; the tooltips set
/// in the DOT stay, as link titles.
fn without_titles(svg: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(svg);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bare = line.trim();
        if !(bare.starts_with("<title>") && bare.ends_with("</title>")) {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

/// What draws SVGs here: `Graphviz <version>` when `program` runs, else
/// the built-in renderer.
pub fn renderer_name(program: &str) -> String {
    match graphviz_version(program) {
        Some(version) => format!("Graphviz {version}"),
        None => "built-in".to_owned(),
    }
}

/// The version `program -V` reports (`dot - graphviz version 2.43.0 (0)`
/// gives `2.43.0`), or `None` when it does not run.
pub fn graphviz_version(program: &str) -> Option<String> {
    let output = Command::new(program).arg("-V").output().ok()?;
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let after = text.split("version").nth(1)?;
    after.split_whitespace().next().map(str::to_owned)
}

/// Why Graphviz gave no image.
enum GraphvizError {
    /// The program is not installed.
    Missing,
    /// It ran and failed, or took too long.
    Failed(Error),
}
use GraphvizError::{Failed, Missing};

fn graphviz(dot: &str, layout: Layout, options: &RenderOptions) -> Result<Vec<u8>, GraphvizError> {
    if options.timeout.is_zero() && graphviz_version(&options.program).is_some() {
        return Err(Failed(failure(
            options,
            "no answer within 0 s (see --timeout)",
        )));
    }
    let spawned = Command::new(&options.program)
        .arg(format!("-K{}", layout.as_str()))
        .arg(format!("-T{}", options.format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Err(Missing),
        Err(err) => return Err(Failed(failure(options, &err.to_string()))),
    };
    let input = dot.as_bytes().to_vec();
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(&input)));
    let stdout = read_in_background(child.stdout.take());
    let stderr = read_in_background(child.stderr.take());
    let deadline = Instant::now() + options.timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                let seconds = options.timeout.as_secs_f64();
                return Err(Failed(failure(
                    options,
                    &format!("no answer within {seconds} s (see --timeout)"),
                )));
            }
            Err(err) => return Err(Failed(failure(options, &err.to_string()))),
        }
    };
    let _ = writer.join();
    let (out, err) = (join(stdout), join(stderr));
    if status.success() && !out.is_empty() {
        Ok(out)
    } else {
        Err(Failed(failure(
            options,
            String::from_utf8_lossy(&err).trim(),
        )))
    }
}

fn read_in_background<R: Read + Send + 'static>(
    pipe: Option<R>,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

fn join(handle: std::thread::JoinHandle<Vec<u8>>) -> Vec<u8> {
    handle.join().unwrap_or_default()
}

fn failure(options: &RenderOptions, reason: &str) -> Error {
    Error::GraphvizFailed {
        program: options.program.clone(),
        reason: reason.to_owned(),
    }
}

/// What the built-in renderer is given.
enum Drawing {
    /// A diagram of the graph: drawn by relgraph's own renderer.
    Scene(Scene),
    /// A DOT file's text: read as a scene, then drawn.
    Dot(String),
}

/// SVG from the built-in renderer, given `timeout`; its failures (even
/// panics, kept off stderr) become errors. A diagram with no node is an
/// empty picture.
fn builtin_svg(drawing: Drawing, timeout: Duration) -> Result<Vec<u8>, Error> {
    let no_answer = || Error::BuiltInRenderer {
        reason: format!(
            "gave no answer within {} s (see --timeout): install Graphviz \
             (apt-get install graphviz), which draws large diagrams far faster",
            timeout.as_secs_f64()
        ),
    };
    if timeout.is_zero() {
        return Err(no_answer());
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let drawn = quietly(move || match drawing {
            Drawing::Scene(scene) => Ok(builtin::draw(&scene)),
            Drawing::Dot(text) => dot_scene::scene_of(&text).map(|s| builtin::draw(&s)),
        });
        let _ = sender.send(drawn);
    });
    match receiver.recv_timeout(timeout) {
        Ok(Ok(Ok(svg))) => Ok(svg.into_bytes()),
        Ok(Ok(Err(reason))) => Err(Error::BuiltInRenderer {
            reason: format!("cannot read this DOT: {reason}"),
        }),
        Ok(Err(())) => Err(Error::BuiltInRenderer {
            reason: "failed on this diagram: install Graphviz (apt-get install graphviz)".into(),
        }),
        Err(_) => Err(no_answer()),
    }
}

thread_local! {
    /// Whether a panic on this thread is caught and shown as an error, so the
    /// panic hook must not print it.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work`, turning a panic into `Err(())` without printing it.
fn quietly<T>(work: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, ()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(work).map_err(|_| ());
    QUIET.with(|quiet| quiet.set(false));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOT: &str = "digraph {\n  \"A\" -> \"B\" [label=\"ally\"];\n}\n";

    fn without_graphviz(format: ImageFormat) -> RenderOptions {
        RenderOptions {
            format,
            program: "relgraph-test-no-such-graphviz".into(),
            ..RenderOptions::default()
        }
    }

    #[test]
    fn svg_falls_back_to_the_built_in_renderer() {
        let rendered = render(DOT, 1, None, &without_graphviz(ImageFormat::Svg)).unwrap();
        assert!(String::from_utf8(rendered.bytes).unwrap().contains("<svg"));
        assert!(
            rendered.notes[0].to_string().contains("built-in renderer"),
            "{:?}",
            rendered.notes
        );
    }

    #[test]
    fn png_without_graphviz_says_how_to_install_it() {
        let err = render(DOT, 1, None, &without_graphviz(ImageFormat::Png))
            .unwrap_err()
            .to_string();
        assert!(err.contains("PNG output needs Graphviz"), "{err}");
        assert!(err.contains("apt-get install graphviz"), "{err}");
    }

    #[test]
    fn large_diagrams_get_sfdp() {
        let rendered = render(
            DOT,
            SFDP_ABOVE_EDGES + 1,
            None,
            &without_graphviz(ImageFormat::Svg),
        )
        .unwrap();
        assert!(
            rendered.notes[0]
                .to_string()
                .contains("using the sfdp layout"),
            "{:?}",
            rendered.notes
        );
    }

    #[test]
    fn formats_follow_file_extensions() {
        let format = |name: &str| ImageFormat::from_extension(std::path::Path::new(name));
        assert_eq!(format("a/graph.PNG"), Some(ImageFormat::Png));
        assert_eq!(format("graph.pdf"), Some(ImageFormat::Pdf));
        assert_eq!(format("graph.dot"), None);
    }
}
