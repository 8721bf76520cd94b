import Foundation
import PackagePlugin

/// Embeds data files into the target as a generated Swift source, so that the built binary
/// carries them wherever it is installed.
///
/// - `WinnowUI` gets the package's `Keymaps/*.yaml` (one source of truth, read at build time).
/// - Any other target gets the files under its own `Demo/` folder (the bundled demo dataset).
@main
struct EmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let packageDir = context.package.directoryURL
        let inputDir: URL
        let symbol: String
        if target.name == "WinnowUI" {
            inputDir = packageDir.appending(path: "Keymaps")
            symbol = "EmbeddedKeymaps"
        } else {
            guard let sourceTarget = target as? SourceModuleTarget else { return [] }
            inputDir = sourceTarget.directoryURL.appending(path: "Demo")
            symbol = "EmbeddedDemo"
        }
        let inputs = Self.files(under: inputDir)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(symbol).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) files as \(symbol)",
                executable: try context.tool(named: "EmbedTool").url,
                arguments: [symbol, inputDir.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private static func files(under dir: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [URL] = []
        for case let url as URL in walker {
            let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
            if isFile && !url.lastPathComponent.hasPrefix(".") { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }
}
