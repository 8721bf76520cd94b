import Testing
@testable import WinnowUI

/// Which keys a terminal can send, and the warnings `keymap check` prints from that.
struct KeyDeliverabilityTests {
    func key(_ name: String) throws -> KeyPress { try #require(KeyName.parse(name), "\(name)") }

    @Test func controlBytesThatAreAlsoOtherKeysArriveAsThoseKeys() throws {
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-h")) == .arrivesAs(.named(.backspace)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-i")) == .arrivesAs(.named(.tab)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-m")) == .arrivesAs(.named(.enter)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-j")) == .arrivesAs(.named(.enter)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-[")) == .arrivesAs(.named(.escape)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-alt-h")) == .arrivesAs(KeyPress(.named(.backspace), alt: true)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-@")) == .arrivesAs(KeyPress(.character(" "), control: true)))
        #expect(KeyDeliverability.obstacle(for: try key("ctrl-tab")) == .arrivesAs(.named(.tab)))
        #expect(KeyDeliverability.obstacle(for: try key("alt-esc")) == .arrivesAs(.named(.escape)))
    }

    @Test func someKeysNeverArrive() throws {
        for name in ["ctrl-c", "ctrl-alt-c", "ctrl-1", "ctrl-.", "ctrl-f1", "alt-f5"] {
            guard case .neverArrives? = KeyDeliverability.obstacle(for: try key(name)) else {
                Issue.record("\(name) should never arrive")
                continue
            }
        }
    }

    @Test func whatTerminalsSendIsDeliverable() throws {
        for name in ["ctrl-a", "ctrl-s", "ctrl-z", "ctrl-space", "ctrl-]", "ctrl-_", "alt-x", "ctrl-alt-n",
                     "ctrl-up", "alt-down", "ctrl-home", "ctrl-end", "ctrl-left", "alt-right", "ctrl-pgdn",
                     "ctrl-delete", "backspace", "tab", "enter", "esc", "f1", "a", "?", "alt-backspace", "alt-<"] {
            #expect(KeyDeliverability.obstacle(for: try key(name)) == nil, "\(name)")
        }
    }

    @Test func aHarmlessAliasIsNotWarnedAboutButADeadBindingIs() throws {
        let text = "review:\n  ctrl-h: help\neditor:\n  backspace: delete-back\n  ctrl-h: delete-back\n  ctrl-m: editor-save\n"
        let (keymap, problems) = KeymapLoader.keymap(fromText: text, path: "k.yaml")
        #expect(problems.isEmpty)
        let warnings = KeyDeliverability.warnings(in: keymap, path: "k.yaml")
        #expect(warnings.map(\.line) == [2, 6])
        #expect(warnings.first?.description
                == "k.yaml:2: warning: 'ctrl-h: help' never runs: terminals send ctrl-h as backspace, which is unbound in [review]; bind another key")
        #expect(warnings.last?.message.contains("as enter") == true)
    }

    /// Only the file being checked is reported, not the keymap it inherits.
    @Test func inheritedBindingsAreNotReportedAgainstTheChild() throws {
        let (keymap, _) = KeymapLoader.keymap(fromText: "inherit: vim\nreview:\n  q: quit\n", path: "mine.yaml")
        #expect(KeyDeliverability.warnings(in: keymap, path: "mine.yaml").isEmpty)
    }

    @Test(arguments: ["default", "vim", "emacs"])
    func shippedKeymapsBindOnlyKeysTerminalsSend(name: String) throws {
        let text = try #require(KeymapLoader.builtInText(name))
        let path = "Keymaps/\(name).yaml"
        let (keymap, problems) = KeymapLoader.keymap(fromText: text, path: path)
        #expect(problems.isEmpty)
        #expect(KeyDeliverability.warnings(in: keymap, path: path).map(\.description) == [])
    }
}
