//! `journeymap man [COMMAND] [--output DIR]`.

use super::{EXIT_OK, Io, emit, trouble};
use crate::cli::ManArgs;
use crate::man::Page;
use crate::workspace::discover::describe_io_error;

/// Prints one page, or writes pages to a directory. Every page is rendered
/// before the first is written, and each file is written as every output
/// is ([`crate::files::write`]: whole or not at all, a new one `0666` less
/// the umask).
pub(super) fn man(args: ManArgs, io: &mut Io<'_>) -> u8 {
    let command = args.command.as_deref();
    let rendered = match (&args.output, command) {
        (Some(_), None) => crate::man::pages(),
        _ => crate::man::page(command).map(|page| page.into_iter().collect()),
    };
    let pages: Vec<Page> = match rendered {
        Ok(pages) if !pages.is_empty() => pages,
        // The argument parser takes only the commands there are.
        Ok(_) => return trouble(io, "no such man page"),
        Err(error) => return trouble(io, &format!("cannot render the man page: {error}")),
    };
    let Some(directory) = args.output else {
        let text: String = pages.iter().map(|page| page.roff.as_str()).collect();
        return emit(io, None, &text, EXIT_OK);
    };
    let shown = directory.display();
    if let Err(error) = std::fs::create_dir_all(&directory) {
        return trouble(
            io,
            &format!("cannot create {shown}: {}", describe_io_error(&error)),
        );
    }
    for page in &pages {
        let path = directory.join(page.file_name());
        if let Err(error) = crate::files::write::write(&path, page.roff.as_bytes()) {
            return trouble(
                io,
                &format!(
                    "cannot write {}: {}",
                    path.display(),
                    describe_io_error(&error)
                ),
            );
        }
        let _ = writeln!(io.stdout, "wrote {}", path.display());
    }
    EXIT_OK
}
