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
    /// Key sequences (`z m`), per context, in the order they were first bound.
    public private(set) var sequences: [KeyContext: [(sequence: KeySequence, command: Command, source: BindingSource?)]] = [:]

    public init(name: String) { self.name = name }

    /// Binds `key` to `command` in `context`, or unbinds it when `command` is nil.
    public mutating func bind(_ key: KeyPress, to command: Command?, in context: KeyContext,
                              source: BindingSource? = nil) {
        // A key of its own replaces every sequence it began (a child keymap's `z: …` wins).
        sequences[context]?.removeAll { $0.sequence.keys.first == key }
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

    /// Binds a key sequence, or unbinds it when `command` is nil. Its first key becomes a
    /// prefix: a single-key binding of that key in the context is removed.
    public mutating func bind(_ sequence: KeySequence, to command: Command?, in context: KeyContext,
                              source: BindingSource? = nil) {
        if let first = sequence.keys.first, bindings[context]?[first] != nil {
            bindings[context]?[first] = nil
            sources[context]?[first] = nil
            order[context]?.removeAll { $0 == first }
        }
        var list = sequences[context] ?? []
        if let command {
            if let i = list.firstIndex(where: { $0.sequence == sequence }) {
                list[i] = (sequence, command, source)
            } else {
                list.append((sequence, command, source))
            }
        } else {
            list.removeAll { $0.sequence == sequence }
        }
        sequences[context] = list
    }

    /// The sequences of a context and of `global` (the context's own first) that continue
    /// `prefix`. Prompts and the editor have none: there a typed key is text.
    public func continuations(of prefix: [KeyPress], in context: KeyContext) -> [(sequence: KeySequence, command: Command)] {
        guard !prefix.isEmpty, KeySequence.contexts.contains(context) || context == .global else { return [] }
        var result: [(sequence: KeySequence, command: Command)] = []
        for ctx in context == .global ? [.global] : [context, .global] {
            for entry in sequences[ctx] ?? [] where entry.sequence.extends(prefix)
                && !result.contains(where: { $0.sequence == entry.sequence }) {
                // A context's own single key shadows a global prefix.
                if ctx == .global, context != .global, let first = prefix.first, bindings[context]?[first] != nil { continue }
                result.append((entry.sequence, entry.command))
            }
        }
        return result
    }

    /// The command a complete sequence runs in a context (its own, else global).
    public func command(for sequence: [KeyPress], in context: KeyContext) -> Command? {
        guard sequence.count >= 2 else { return nil }
        return continuations(of: Array(sequence.dropLast()), in: context)
            .first { $0.sequence.keys == sequence }?.command
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

    /// Every (sequence, command) bound in a context, in file order.
    public func sequenceEntries(in context: KeyContext) -> [(sequence: KeySequence, command: Command)] {
        (sequences[context] ?? []).map { ($0.sequence, $0.command) }
    }

    /// Where a sequence binding came from.
    public func source(of sequence: KeySequence, in context: KeyContext) -> BindingSource? {
        sequences[context]?.first { $0.sequence == sequence }?.source
    }

    /// Every way to run `command` in `context`, formatted: single keys first, then
    /// sequences (`z m`). Help and hints use this.
    public func keyNames(for command: Command, in context: KeyContext) -> [String] {
        var names = keys(for: command, in: context).map(KeyName.format)
        for ctx in context == .global ? [.global] : [context, .global] {
            for entry in sequences[ctx] ?? [] where entry.command == command {
                let name = entry.sequence.name
                if !names.contains(name), self.command(for: entry.sequence.keys, in: context) == command { names.append(name) }
            }
        }
        return names
    }

    /// The first key of `command` in `context`, formatted, for footer hints.
    public func hint(for command: Command, in context: KeyContext) -> String? {
        keyNames(for: command, in: context).first
    }

    /// The keys bound to the command called `name` (none for an unknown name).
    public func keys(for name: String, in context: KeyContext) -> [KeyPress] {
        Command(name: name).map { keys(for: $0, in: context) } ?? []
    }
}
