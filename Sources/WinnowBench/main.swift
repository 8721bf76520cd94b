import Foundation
import WinnowCore

let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "image":
    exit(ImageBenchmark.run(Array(benchArguments.dropFirst())))
default:
    print("winnow-bench: skeleton (try: winnow-bench image FILE)")
}
