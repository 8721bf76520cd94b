import WinnowCore

// Dispatcher: `winnow-bench <benchmark> [args...]`.
let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "editor":
    EditorBenchmark.run(arguments: Array(benchArguments.dropFirst()))
default:
    print("usage: winnow-bench editor")
}
