import Yams
/// Placeholder so the target compiles; the keymap work replaces it.
enum KeymapPlaceholder {
    static var count: Int { EmbeddedKeymaps.files.count }
}
