/// A small boxed list over the bottom of the body: what keys can follow a prefix, or which
/// commands the command line would complete to.
struct PopupListModel {
    /// The box's title (`z…`, `commands`).
    var title: String
    /// Left column (a key or a command name) and its description.
    var rows: [(key: String, label: String)]
    /// The highlighted row (the completion `tab` would pick next), if any.
    var selected: Int?
    /// Right-aligned (which-key, like helix) or left-aligned under the text being typed.
    var alignRight: Bool
}
