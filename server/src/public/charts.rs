//! Server-drawn SVG charts (plotters), from public totals only.

use app::format;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: u32 = 640;
const BAR_HEIGHT: i32 = 26;
const TOP: i32 = 56;
const LABEL_WIDTH: i32 = 230;
const BAR_COLOR: RGBColor = RGBColor(0x1d, 0x4e, 0x89);

/// A horizontal bar chart of amounts, with an accessible title and description.
///
/// `bars` are (label, cents); `note` is printed under the chart (source, as-of date).
pub fn bar_chart(title: &str, description: &str, note: &str, bars: &[(String, i64)]) -> String {
    let height = (TOP + BAR_HEIGHT * bars.len().max(1) as i32 + 48) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let title_style = TextStyle::from(("sans-serif", 20).into_font()).color(&BLACK);
        let _ = root.draw(&Text::new(title.to_string(), (12, 14), title_style));
        let label_style =
            TextStyle::from(("sans-serif", 14).into_font()).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        let value_style =
            TextStyle::from(("sans-serif", 14).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        let bar_space = WIDTH as i32 - LABEL_WIDTH - 110;
        for (i, (label, cents)) in bars.iter().enumerate() {
            let y = TOP + i as i32 * BAR_HEIGHT;
            let len = ((*cents as f64 / max as f64) * bar_space as f64).round() as i32;
            let mid = y + BAR_HEIGHT / 2 - 2;
            let _ = root.draw(&Text::new(label.clone(), (LABEL_WIDTH - 8, mid), label_style.clone()));
            let _ = root.draw(&Rectangle::new(
                [(LABEL_WIDTH, y + 3), (LABEL_WIDTH + len.max(1), y + BAR_HEIGHT - 7)],
                BAR_COLOR.filled(),
            ));
            let _ = root.draw(&Text::new(format::money(*cents), (LABEL_WIDTH + len + 6, mid), value_style.clone()));
        }
        let note_style = TextStyle::from(("sans-serif", 12).into_font()).color(&RGBColor(0x33, 0x33, 0x33));
        let _ = root.draw(&Text::new(note.to_string(), (12, height as i32 - 24), note_style));
        let _ = root.present();
    }
    // Name the image for assistive technology: role, <title> and <desc> (escaped by maud).
    let names = maud::html! { title #chart-title { (title) } desc #chart-desc { (description) } }.into_string();
    match svg.find("<svg").and_then(|start| svg[start..].find('>').map(|end| (start, start + end + 1))) {
        Some((start, open_end)) => {
            let tag = svg[start..open_end].replacen(
                "<svg",
                "<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"",
                1,
            );
            [&svg[..start], &tag, &names, &svg[open_end..]].concat()
        }
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_bars_with_title_and_description() {
        let svg = bar_chart(
            "Spending by category",
            "Cyber Security: $100",
            "Source: published expenditures",
            &[("Cyber Security".into(), 10_000), ("Other <x>".into(), 5_000)],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<title id=\"chart-title\">Spending by category</title>"));
        assert!(svg.contains("<desc id=\"chart-desc\">Cyber Security: $100</desc>"));
        assert!(svg.contains("Cyber Security"));
        assert!(svg.contains("$100"));
        assert!(svg.contains("Other &lt;x&gt;"));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("<rect"));
    }
}
