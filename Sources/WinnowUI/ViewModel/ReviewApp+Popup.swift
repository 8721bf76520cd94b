import WinnowCore

extension ReviewApp {
    /// The which-key popup after a prefix, or the command line's completions.
    func popupModel() -> PopupListModel? {
        if !state.pendingKeys.isEmpty {
            let prefix = state.pendingKeys
            let rows = keymap.continuations(of: prefix, in: state.mode.keyContext).map { entry in
                (key: entry.sequence.keys.dropFirst(prefix.count).map(KeyName.format).joined(separator: " "),
                 label: entry.command.summary)
            }
            let title = prefix.map(KeyName.format).joined(separator: " ") + " …  (esc cancels)"
            return PopupListModel(title: title, rows: rows, selected: nil, alignRight: true)
        }
        if case .prompt(let p) = state.mode, p.purpose == .command {
            let typed = p.completionBase ?? p.input.text
            if Int(typed.hasPrefix("#") ? String(typed.dropFirst()) : typed) != nil { return nil }
            let matches = CommandCompletion.matches(for: typed)
            guard !matches.isEmpty else { return nil }
            let rows = matches.map { command -> (key: String, label: String) in
                let keys = keymap.keyNames(for: command, in: .review)
                let bound = keys.isEmpty ? "" : "  (\(keys.prefix(2).joined(separator: ", ")))"
                return (key: command.name, label: command.summary + bound)
            }
            return PopupListModel(title: "commands · tab completes · a number goes to that index",
                                  rows: rows, selected: p.completionIndex, alignRight: false)
        }
        return nil
    }
}
