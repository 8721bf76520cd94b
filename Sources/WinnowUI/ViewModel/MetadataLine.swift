/// One metadata row: a label and an untrusted value.
struct MetadataLine: Equatable {
    var label: String
    var value: String
    var isProblem = false
    /// A lint finding: shown in the warning style.
    var isWarning = false
}
