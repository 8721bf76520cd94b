/// Where a binding came from, for `keymap show` and messages.
public struct BindingSource: Sendable, Equatable {
    public var path: String
    public var line: Int
}

/// Keys mapped to commands, per context (names were resolved when the file loaded).
public struct Keymap: Sendable {
    /// The base keymap's name (`default`, `vim`, `emacs`, or a path).
    public var name: String
    public private(set) var bindings: [KeyContext: [KeyPress: Command]] = [:]
    public private(set) var sources: [KeyContext: [KeyPress: BindingSource]] = [:]
    /// The order keys were first bound in, per context (help lists them in file order).
    public private(set) var order: [KeyContext: [KeyPress]] = [:]

    public init(name: String) { self.name = name }

    /// Binds `key` to `command` in `context`, or unbinds it when `command` is nil.
    public mutating func bind(_ key: KeyPress, to command: Command?, in context: KeyContext,
                              source: BindingSource? = nil) {
        if let command {
            if bindings[context, default: [:]][key] == nil { order[context, default: []].append(key) }
            bindings[context, default: [:]][key] = command
            if let source { sources[context, default: [:]][key] = source }
        } else {
            bindings[context]?[key] = nil
            sources[context]?[key] = nil
            order[context]?.removeAll { $0 == key }
        }
    }

    /// The command a key runs in a context: the context's own binding, else the global one.
    /// In the prompt and the editor, plain printable keys are text and never reach `global`.
    public func command(for key: KeyPress, in context: KeyContext) -> Command? {
        if let c = bindings[context]?[key] { return c }
        if context == .prompt || context == .editor {
            if case .character = key.base, !key.control, !key.alt { return nil }
        }
        return bindings[.global]?[key]
    }

    /// The keys that run `command` in `context` (own bindings first, then global ones that
    /// the context does not shadow), in file order.
    public func keys(for command: Command, in context: KeyContext) -> [KeyPress] {
        var result = (order[context] ?? []).filter { bindings[context]?[$0] == command }
        if context != .global {
            for key in order[.global] ?? [] where bindings[.global]?[key] == command
                && bindings[context]?[key] == nil && self.command(for: key, in: context) == command {
                result.append(key)
            }
        }
        return result
    }

    /// Every (key, command) of a context in file order, global ones after.
    public func entries(in context: KeyContext) -> [(key: KeyPress, command: Command)] {
        (order[context] ?? []).compactMap { k in bindings[context]?[k].map { (k, $0) } }
    }

    /// The first key of `command` in `context`, formatted, for footer hints.
    public func hint(for command: Command, in context: KeyContext) -> String? {
        keys(for: command, in: context).first.map(KeyName.format)
    }

    /// The keys bound to the command called `name` (none for an unknown name).
    public func keys(for name: String, in context: KeyContext) -> [KeyPress] {
        Command(name: name).map { keys(for: $0, in: context) } ?? []
    }
}
