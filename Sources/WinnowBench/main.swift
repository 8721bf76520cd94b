import Foundation
import WinnowCore

// winnow-bench SUBCOMMAND [options]: each benchmark is its own small file.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "merge": MergeBenchmark.run(arguments)
case "replay": JournalBenchmarks.replay(arguments)
case "append": JournalBenchmarks.append(arguments)
case "ui": UIBenchmark.run(arguments)
default:
    print("usage: winnow-bench merge|replay|append|ui [--dataset PATH] [--decisions N] [--entries N] [--count N]")
}
