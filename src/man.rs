//! The man pages: `journeymap(1)` and one `journeymap-COMMAND(1)` per
//! subcommand, rendered by clap_mangen from the command-line definitions.
//!
//! The top page's SUBCOMMANDS section names `journeymap-check(1)` and the
//! others, so every one of those pages exists; each page ends with a SEE ALSO
//! section naming only pages in this set. clap's `help` subcommand has no
//! page and is not listed (`--help` is on every page).

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli::Cli;

/// One rendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `journeymap`, `journeymap-check`.
    pub name: String,
    /// The roff source.
    pub roff: String,
}

impl Page {
    /// `journeymap-check.1`.
    pub fn file_name(&self) -> String {
        format!("{}.{SECTION}", self.name)
    }
}

/// Every page is in section 1, user commands.
const SECTION: &str = "1";

/// The top page, then one per subcommand in `--help` order.
pub fn pages() -> std::io::Result<Vec<Page>> {
    let mut top = Cli::command().disable_help_subcommand(true);
    top.build();
    let mut names = vec![top.get_name().to_owned()];
    for sub in top.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        names.push(page_name(&top, sub));
    }
    let mut pages = vec![render(&top, &names[1..], &names[0])?];
    for sub in top.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = page_name(&top, sub);
        pages.push(render(sub, &[names[0].clone()], &name)?);
    }
    Ok(pages)
}

/// The page of one subcommand (`check`), or the top page for `None`.
pub fn page(command: Option<&str>) -> std::io::Result<Option<Page>> {
    let wanted = match command {
        Some(command) => format!("{}-{command}", Cli::command().get_name()),
        None => Cli::command().get_name().to_owned(),
    };
    Ok(pages()?.into_iter().find(|page| page.name == wanted))
}

/// `journeymap-check`: what the top page's SUBCOMMANDS section calls it.
fn page_name(top: &clap::Command, sub: &clap::Command) -> String {
    sub.get_display_name().map_or_else(
        || format!("{}-{}", top.get_name(), sub.get_name()),
        str::to_owned,
    )
}

fn render(command: &clap::Command, see_also: &[String], name: &str) -> std::io::Result<Page> {
    let mut bytes = Vec::new();
    // Every page's footer names the program and its version (a subcommand has none of its own).
    let source = format!("journeymap {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(command.clone())
        .title(name)
        .section(SECTION)
        .source(source)
        .render(&mut bytes)?;
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let mut references = Vec::new();
    for (i, other) in see_also.iter().enumerate() {
        if i > 0 {
            references.push(roman(", "));
        }
        references.push(bold(other.as_str()));
        references.push(roman(format!("({SECTION})")));
    }
    roff.text(references);
    // `to_roff`: the page already opens with the apostrophe preamble `render` writes.
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    text.push_str(&roff.to_roff());
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(Page {
        name: name.to_owned(),
        roff: text,
    })
}
