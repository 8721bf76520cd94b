/// How the UI is coloured: colours for colour terminals, attributes only for monochrome or
/// `NO_COLOR` (https://no-color.org), so emphasis survives without colour.
public struct Theme: Sendable, Equatable {
    public var header: CellStyle
    public var footer: CellStyle
    public var message: CellStyle
    public var error: CellStyle
    /// Lint findings: worth a look, not an error.
    public var warning: CellStyle
    public var label: CellStyle
    public var humanRole: CellStyle
    public var gptRole: CellStyle
    public var otherRole: CellStyle
    public var imageMarker: CellStyle
    public var match: CellStyle
    public var currentMatch: CellStyle
    public var dim: CellStyle
    public var accepted: CellStyle
    public var rejected: CellStyle
    public var edited: CellStyle
    public var skipped: CellStyle
    public var undecided: CellStyle
    public var selection: CellStyle
    public var border: CellStyle
    public var keyHint: CellStyle

    /// Colours (256-colour indices that also read well on 8/16-colour terminals).
    public static let color = Theme(
        header: CellStyle(foreground: .indexed(15), background: .indexed(4), attributes: .bold),
        footer: CellStyle(foreground: .indexed(0), background: .indexed(7)),
        message: CellStyle(foreground: .indexed(2), attributes: .bold),
        error: CellStyle(foreground: .indexed(1), attributes: .bold),
        warning: CellStyle(foreground: .indexed(3), attributes: .bold),
        label: CellStyle(foreground: .indexed(6)),
        humanRole: CellStyle(foreground: .indexed(4), attributes: .bold),
        gptRole: CellStyle(foreground: .indexed(2), attributes: .bold),
        otherRole: CellStyle(foreground: .indexed(5), attributes: .bold),
        imageMarker: CellStyle(foreground: .indexed(0), background: .indexed(3)),
        match: CellStyle(foreground: .indexed(0), background: .indexed(11)),
        currentMatch: CellStyle(foreground: .indexed(0), background: .indexed(9), attributes: .bold),
        dim: CellStyle(attributes: .dim),
        accepted: CellStyle(foreground: .indexed(0), background: .indexed(2), attributes: .bold),
        rejected: CellStyle(foreground: .indexed(15), background: .indexed(1), attributes: .bold),
        edited: CellStyle(foreground: .indexed(0), background: .indexed(6), attributes: .bold),
        skipped: CellStyle(foreground: .indexed(0), background: .indexed(7)),
        undecided: CellStyle(foreground: .indexed(0), background: .indexed(3)),
        selection: CellStyle(attributes: .reverse),
        border: CellStyle(foreground: .indexed(8)),
        keyHint: CellStyle(foreground: .indexed(0), background: .indexed(7), attributes: .bold)
    )

    /// No colours: bold, underline, reverse and dim only.
    public static let monochrome = Theme(
        header: CellStyle(attributes: [.reverse, .bold]),
        footer: CellStyle(attributes: .reverse),
        message: CellStyle(attributes: .bold),
        error: CellStyle(attributes: [.bold, .underline]),
        warning: CellStyle(attributes: .bold),
        label: CellStyle(attributes: .underline),
        humanRole: CellStyle(attributes: [.bold, .underline]),
        gptRole: CellStyle(attributes: .bold),
        otherRole: CellStyle(attributes: [.bold, .italic]),
        imageMarker: CellStyle(attributes: .reverse),
        match: CellStyle(attributes: [.reverse]),
        currentMatch: CellStyle(attributes: [.reverse, .bold, .underline]),
        dim: CellStyle(attributes: .dim),
        accepted: CellStyle(attributes: [.bold, .reverse]),
        rejected: CellStyle(attributes: [.bold, .reverse, .underline]),
        edited: CellStyle(attributes: [.bold, .reverse, .italic]),
        skipped: CellStyle(attributes: .reverse),
        undecided: CellStyle(attributes: .bold),
        selection: CellStyle(attributes: .reverse),
        border: CellStyle(attributes: .dim),
        keyHint: CellStyle(attributes: [.reverse, .bold])
    )

    /// The theme for an environment: monochrome when `NO_COLOR` is set and not empty.
    public static func forEnvironment(_ env: [String: String], colorsAvailable: Bool = true) -> Theme {
        if let v = env["NO_COLOR"], !v.isEmpty { return .monochrome }
        return colorsAvailable ? .color : .monochrome
    }
}
