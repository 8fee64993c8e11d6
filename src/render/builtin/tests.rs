use super::*;
use crate::render::scene::{Dash, LegendRow, SceneEdge, SceneNode, Shape};

fn node(label: &str, shape: Shape) -> SceneNode {
    SceneNode {
        label: label.to_owned(),
        shape,
        fill: "#f7f7f7".to_owned(),
        pen_width: 1.0,
        tooltip: format!("{label}, tooltip"),
        link: None,
    }
}

fn edge(from: usize, to: usize, label: &str, directed: bool) -> SceneEdge {
    SceneEdge {
        from,
        to,
        label: label.to_owned(),
        color: "#0077bb".to_owned(),
        dash: Dash::Solid,
        pen_width: 1.75,
        directed,
        tooltip: String::new(),
    }
}

fn two_countries_and_a_group() -> Scene {
    Scene {
        title: "Russia and its partners".to_owned(),
        nodes: vec![
            node("Russia", Shape::RoundedBox),
            node("North Korea", Shape::RoundedBox),
            node("Western sanctioning states", Shape::Hexagon),
        ],
        edges: vec![
            edge(0, 1, "Arms supply (2023)", true),
            edge(1, 0, "Munitions (2023)", true),
            edge(0, 1, "Strategic partnership", false),
            edge(2, 0, "Sanctions", true),
        ],
        legend: vec![
            LegendRow::Line {
                label: "cooperative".to_owned(),
                color: "#0077bb".to_owned(),
                dash: Dash::Solid,
                directed: true,
            },
            LegendRow::Node {
                label: "group".to_owned(),
                shape: Shape::Hexagon,
                fill: "#f7f7f7".to_owned(),
            },
        ],
    }
}

fn parsed(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"))
}

fn groups<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .collect()
}

fn texts(node: roxmltree::Node<'_, '_>) -> Vec<String> {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            t.descendants()
                .filter(|d| d.is_text() && !d.parent().is_some_and(|p| p.has_tag_name("title")))
                .filter_map(|d| d.text())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

#[test]
fn an_empty_scene_is_an_empty_picture() {
    let svg = draw(&Scene::default());
    assert_eq!(parsed(&svg).root_element().tag_name().name(), "svg");
}

#[test]
fn arrowheads_only_on_directed_edges() {
    let svg = draw(&two_countries_and_a_group());
    let doc = parsed(&svg);
    let arrows: Vec<usize> = groups(&doc, "edge")
        .iter()
        .map(|g| g.children().filter(|c| c.has_tag_name("polygon")).count())
        .collect();
    assert_eq!(arrows, [1, 1, 0, 1]);
}

#[test]
fn groups_are_hexagons_and_countries_rounded_boxes() {
    let svg = draw(&two_countries_and_a_group());
    let doc = parsed(&svg);
    let outlines: Vec<(&str, Option<&str>)> = groups(&doc, "node")
        .iter()
        .map(|g| {
            let shape = g
                .children()
                .find(|c| c.has_tag_name("rect") || c.has_tag_name("polygon"))
                .unwrap();
            (shape.tag_name().name(), shape.attribute("rx"))
        })
        .collect();
    assert_eq!(
        outlines,
        [("rect", Some("6")), ("rect", Some("6")), ("polygon", None)]
    );
    let hexagon = groups(&doc, "node")[2]
        .children()
        .find(|c| c.has_tag_name("polygon"))
        .unwrap();
    assert_eq!(hexagon.attribute("points").unwrap().split(' ').count(), 6);
}

#[test]
fn every_label_title_and_legend_row_is_drawn() {
    let scene = two_countries_and_a_group();
    let svg = draw(&scene);
    let doc = parsed(&svg);
    let all = texts(doc.root());
    for wanted in [
        "Russia and its partners",
        "Russia",
        "Western sanctioning states",
        "Arms supply (2023)",
        "cooperative",
        "group",
    ] {
        assert!(
            all.iter().any(|t| t == wanted),
            "{wanted} missing in {all:?}"
        );
    }
    let legend = groups(&doc, "legend");
    assert_eq!(texts(legend[0]), ["cooperative", "group"]);
}

#[test]
fn parallel_edges_take_distinct_paths() {
    let scene = two_countries_and_a_group();
    let svg = draw(&scene);
    let doc = parsed(&svg);
    let paths: Vec<&str> = groups(&doc, "edge")[..3]
        .iter()
        .map(|g| {
            let path = g.children().find(|c| c.has_tag_name("path")).unwrap();
            path.attribute("d").unwrap()
        })
        .collect();
    let control = |d: &str| {
        d.split('Q')
            .nth(1)
            .unwrap()
            .split(' ')
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let controls: Vec<String> = paths.iter().map(|d| control(d)).collect();
    assert_ne!(controls[0], controls[1]);
    assert_ne!(controls[0], controls[2]);
    assert_ne!(controls[1], controls[2]);
}

#[test]
fn nodes_never_overlap() {
    let scene = Scene {
        nodes: (0..40)
            .map(|i| {
                node(
                    &format!("Entity number {i} with a long name"),
                    Shape::RoundedBox,
                )
            })
            .collect(),
        ..Scene::default()
    };
    let placed = place(&scene);
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            let apart_x = (a.centre.x - b.centre.x).abs() >= a.half_width + b.half_width;
            let apart_y = (a.centre.y - b.centre.y).abs() >= a.half_height + b.half_height;
            assert!(apart_x || apart_y, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn names_are_escaped_and_drawn_as_written() {
    let name = "A&amp; <B> \"C\" \u{7} \u{ffff}";
    let mut scene = two_countries_and_a_group();
    scene.nodes[0].label = name.to_owned();
    scene.nodes[0].link = Some("report.html#entity-\"x\"".to_owned());
    let svg = draw(&scene);
    let doc = parsed(&svg);
    let drawn = texts(groups(&doc, "node")[0]);
    assert_eq!(drawn, ["A&amp; <B> \"C\" \u{fffd} \u{fffd}"]);
    let link = groups(&doc, "node")[0]
        .children()
        .find(|c| c.has_tag_name("a"))
        .unwrap();
    assert_eq!(link.attribute("href"), Some("report.html#entity-\"x\""));
}

#[test]
fn a_colour_from_data_cannot_break_its_attribute() {
    let mut scene = two_countries_and_a_group();
    scene.edges[0].color = "red\" onload=\"x".to_owned();
    let svg = draw(&scene);
    assert!(!svg.contains("onload"));
    parsed(&svg);
}

#[test]
fn one_scene_gives_one_svg() {
    let scene = two_countries_and_a_group();
    assert_eq!(draw(&scene), draw(&scene));
}

#[test]
fn the_legend_sits_right_of_the_drawing() {
    let svg = draw(&two_countries_and_a_group());
    let doc = parsed(&svg);
    let legend_left: f64 = groups(&doc, "legend")[0]
        .children()
        .find(|c| c.has_tag_name("rect"))
        .and_then(|r| r.attribute("x"))
        .unwrap()
        .parse()
        .unwrap();
    for g in groups(&doc, "node") {
        let rect = g.children().find(|c| c.has_tag_name("rect"));
        if let Some(rect) = rect {
            let x: f64 = rect.attribute("x").unwrap().parse().unwrap();
            let w: f64 = rect.attribute("width").unwrap().parse().unwrap();
            assert!(
                x + w < legend_left,
                "node at {x}+{w} reaches the legend at {legend_left}"
            );
        }
    }
}

#[test]
fn a_self_loop_is_drawn_above_its_node() {
    let mut scene = two_countries_and_a_group();
    scene.edges = vec![edge(0, 0, "Internal", true)];
    parsed(&draw(&scene));
}

#[test]
fn a_junction_is_a_dot_with_its_label_above_and_lines_ending_at_it() {
    let mut hub = node("Deterrence (2023)", Shape::Junction);
    hub.fill = "#cc3311".to_owned();
    let scene = Scene {
        title: String::new(),
        nodes: vec![
            node("Japan", Shape::RoundedBox),
            hub,
            node("China", Shape::RoundedBox),
        ],
        edges: vec![edge(0, 1, "", false), edge(1, 2, "", true)],
        legend: Vec::new(),
    };
    let svg = draw(&scene);
    let doc = parsed(&svg);
    let dot = doc
        .descendants()
        .find(|n| n.has_tag_name("circle"))
        .expect("a dot");
    assert_eq!(dot.attribute("fill"), Some("#cc3311"));
    let (cx, cy): (f64, f64) = (
        dot.attribute("cx").unwrap().parse().unwrap(),
        dot.attribute("cy").unwrap().parse().unwrap(),
    );
    let label = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("text")
                && n.text() != Some("")
                && n.descendants()
                    .any(|t| t.text() == Some("Deterrence (2023)"))
        })
        .expect("the label");
    let label_y: f64 = label.attribute("y").unwrap().parse().unwrap();
    assert!(label_y < cy, "label above the dot: {svg}");
    // The line out of the junction starts at the dot, not at its label's box.
    let paths: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("d"))
        .collect();
    let starts_at_dot = paths.iter().any(|d| {
        let numbers: Vec<f64> = d
            .trim_start_matches('M')
            .split([' ', ','])
            .take(2)
            .filter_map(|n| n.trim_start_matches(['M', 'Q']).parse().ok())
            .collect();
        numbers.len() == 2 && (numbers[0] - cx).hypot(numbers[1] - cy) < 5.0
    });
    assert!(starts_at_dot, "{paths:?}");
}
