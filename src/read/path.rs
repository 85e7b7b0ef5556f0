//! Where in the document a value is, kept on the stack while reading and rendered only for
//! an error (`response.cancel_history[0].amount`).

/// A field path, as a chain of borrowed segments.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'p> {
    /// The object being read, under `prefix` (`""` at the top, `"response"` in an envelope).
    Root(&'p str),
    /// A key of the parent object.
    Key(&'p Path<'p>, &'p str),
    /// An element of the parent list.
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The dotted path: keys joined with `.`, list elements as `[i]`.
    pub(crate) fn render(&self) -> String {
        match self {
            Path::Root(prefix) => (*prefix).to_owned(),
            Path::Key(parent, key) => {
                let mut path = parent.render();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                path
            }
            Path::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders_dotted_paths() {
        let root = Path::Root("response");
        let list = Path::Key(&root, "cancel_history");
        let element = Path::Index(&list, 0);
        assert_eq!(
            Path::Key(&element, "amount").render(),
            "response.cancel_history[0].amount"
        );
        assert_eq!(Path::Key(&Path::Root(""), "amount").render(), "amount");
    }
}
