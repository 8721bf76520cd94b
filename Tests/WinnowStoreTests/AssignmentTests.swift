import Foundation
import Testing
import WinnowCore
@testable import WinnowStore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Work assignment")
struct AssignmentTests {
    @Test func concurrentClaimersGiveEverySampleExactlyOverlapDistinctReviewers() throws {
        let f = try StoreFixture(samples: 300)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: Array(0..<300), overlap: 2)
        let location = try f.location
        let failures = Counter()
        let twice = Counter()
        DispatchQueue.concurrentPerform(iterations: 5) { n in
            do {
                let j = try StoreJournal.open(location: location, dataset: data, reviewer: "r\(n)")
                defer { j.close() }
                let claimer = try StoreClient(location: location)
                defer { claimer.close() }
                var seen = Set<Int>()
                while true {
                    let batch = try claimer.claim(dataset: reg, reviewer: "r\(n)", batch: 7, leaseSeconds: 60)
                    if batch.isEmpty { break }
                    for i in batch {
                        if !seen.insert(i).inserted { twice.increment() }
                        try j.append(.accept, index: i)
                    }
                }
            } catch { failures.increment() }
        }
        #expect(failures.value == 0)
        #expect(twice.value == 0)
        let done = try c.doneReviewers(dataset: reg)
        #expect(done.count == 300)
        #expect(done.values.allSatisfy { $0.count == 2 })
        let p = try c.assignmentProgress(dataset: reg)
        #expect(p?.completeSamples == 300)
        #expect(p?.done == 600)
    }

    @Test func anIdleClaimReturnsToThePoolAndIsNeverGivenToTheSameReviewerTwice() throws {
        let f = try StoreFixture(samples: 3)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: [0, 1, 2], overlap: 2)
        #expect(try c.claim(dataset: reg, reviewer: "ann", batch: 10, leaseSeconds: 1) == [0, 1, 2])
        // bob gets the second slots meanwhile; ann's idle claims are not available yet.
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 10, leaseSeconds: 60) == [0, 1, 2])
        #expect(try c.claim(dataset: reg, reviewer: "cy", batch: 10, leaseSeconds: 60) == [])
        usleep(1_300_000)
        // ann's lease ran out: her slots go to cy, never to bob who holds the other slot.
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 10, leaseSeconds: 60) == [0, 1, 2])
        #expect(try c.claim(dataset: reg, reviewer: "cy", batch: 10, leaseSeconds: 60) == [0, 1, 2])
        #expect(try c.claim(dataset: reg, reviewer: "ann", batch: 10, leaseSeconds: 60) == [])
    }
}
