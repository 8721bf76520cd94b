#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The process's locale for the review screen. ncurses draws wide characters only under a
/// UTF-8 locale: under `LANG=C` (normal over SSH without `SendEnv LANG`) every Chinese turn
/// would be drawn blank while decisions still work on text nobody can see.
enum TerminalLocale {
    /// UTF-8 locales tried, in order, when the environment's locale is not UTF-8. C.UTF-8 is
    /// built into glibc 2.35 and later; en_US.UTF-8 is the most common generated one.
    /// `WINNOW_UTF8_LOCALES` (space-separated) replaces the list; tests use it to simulate a
    /// machine without any.
    static var candidates: [String] {
        if let list = ProcessInfo.processInfo.environment["WINNOW_UTF8_LOCALES"] {
            return list.split(separator: " ").map(String.init)
        }
        return ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]
    }

    /// What `adopt()` found: nil when the process runs under a UTF-8 locale, else why not.
    nonisolated(unsafe) private(set) static var problem: String?

    /// Sets the process's locale from the environment and, when that is not UTF-8, switches to
    /// the first installed UTF-8 locale (exporting it as LC_ALL so that ncurses, which calls
    /// `setlocale(LC_ALL, "")` again, and the external editor and viewer agree).
    static func adopt() {
        if setlocale(LC_ALL, "") != nil, isUTF8() { problem = nil; return }
        let current = describeEnvironment()
        for name in candidates where setlocale(LC_ALL, name) != nil && isUTF8() {
            setenv("LC_ALL", name, 1)
            problem = nil
            return
        }
        _ = setlocale(LC_ALL, "")
        problem = """
            the locale (\(current)) is not UTF-8, so Chinese text would be drawn blank,
            and no UTF-8 locale is installed.
            Fix: install one and run with LANG=C.UTF-8 (or en_US.UTF-8);
            on Debian/Ubuntu: apt-get install locales, enable it in /etc/locale.gen, run locale-gen.
            Over SSH, send your LANG (SendEnv LANG in ~/.ssh/config).
            """
    }

    /// Whether the current LC_CTYPE's character set is UTF-8.
    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// `LC_ALL=…`, `LC_CTYPE=…` or `LANG=…`, whichever decides, for the message.
    private static func describeEnvironment() -> String {
        let env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = env[key], !value.isEmpty { return "\(key)=\(value)" }
        }
        return "no LANG set"
    }
}
