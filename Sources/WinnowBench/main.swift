import Foundation
import WinnowCore

// winnow-bench SUBCOMMAND [options]: each benchmark is its own small file.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "merge": MergeBenchmark.run(arguments)
case "replay": JournalBenchmarks.replay(arguments)
case "append": JournalBenchmarks.append(arguments)
case "editor": EditorBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
    print("usage: winnow-bench merge|replay|append|editor [--dataset PATH] [--decisions N] [--entries N] [--count N]")
}
