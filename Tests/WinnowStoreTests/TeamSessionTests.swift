import Foundation
import Testing
import WinnowCore
@testable import WinnowStore

/// `review --assigned`'s claims, leases and progress (`TeamSession`) on a real server.
@Suite("Team session")
struct TeamSessionTests {
    func session(_ f: StoreFixture, _ data: Dataset, _ reviewer: String, batch: Int, lease: Int = 60) throws -> (TeamSession, StoreJournal) {
        let j = try StoreJournal.open(location: f.location, dataset: data, reviewer: reviewer)
        let s = TeamSession(location: try f.location, dataset: data, reviewer: reviewer, journal: j,
                            assignment: .init(batch: batch, leaseSeconds: lease))
        s.progressInterval = 0
        s.progressCostFactor = 0
        return (s, j)
    }

    @Test func theNextBatchIsClaimedOnlyOnceTheCurrentOneIsDecided() throws {
        let f = try StoreFixture(samples: 20)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        try c.assign(dataset: try c.find(dataset: data), samples: Array(0..<20), overlap: 2)
        let (s, j) = try session(f, data, "ann", batch: 3)
        defer { j.close() }
        var snap = try s.claimNow()
        #expect(snap.queue == [0, 1, 2])
        #expect(snap.done == 0 && snap.total == 40 && snap.countsAssignedReviews)
        try j.append(.accept, index: 0)
        try j.append(.reject(reasons: ["ocr"], note: nil), index: 1)
        snap = try s.claimNow()
        #expect(snap.queue == [0, 1, 2], "a batch with an undecided sample is not topped up")
        #expect(snap.generation == 1)
        try j.append(.skip, index: 2)
        snap = try s.claimNow()
        #expect(snap.queue == [0, 1, 2, 3, 4, 5])
        #expect(snap.generation == 2)
        #expect(snap.done == 3)
        #expect(!snap.offline && snap.unsynced == 0)
    }

    @Test func threeReviewersEndWithExactlyTwoDistinctReviewersPerSampleAndNoRepeats() throws {
        let f = try StoreFixture(samples: 12)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: Array(0..<12), overlap: 2)
        let team = try ["ann", "bob", "cy"].map { try session(f, data, $0, batch: 2) }
        defer { team.forEach { $0.1.close() } }
        var finished = Set<Int>()
        var rounds = 0
        while finished.count < team.count && rounds < 100 {
            rounds += 1
            for (n, (s, j)) in team.enumerated() where !finished.contains(n) {
                s.noteActivity()
                let snap = try s.claimNow()
                let queue = snap.queue ?? []
                #expect(Set(queue).count == queue.count, "a sample twice in one reviewer's queue: \(queue)")
                let open = queue.filter { j.review(at: $0).status == .undecided }
                if open.isEmpty && snap.poolEmpty { finished.insert(n); continue }
                // One decision per turn, so the reviewers interleave.
                if let i = open.first { try j.append(.accept, index: i) }
            }
        }
        #expect(finished.count == 3)
        let done = try c.doneReviewers(dataset: reg)
        #expect(done.count == 12)
        #expect(done.values.allSatisfy { $0.count == 2 }, "\(done)")
        var judged: [Int: [String]] = [:]
        for contents in try c.contents(dataset: reg) {
            for item in contents.items { judged[item.entry.index, default: []].append(item.entry.reviewer) }
        }
        #expect(judged.values.allSatisfy { $0.count == 2 && Set($0).count == 2 }, "\(judged)")
    }

    @Test func anActiveReviewersLeaseIsRenewedAnIdleOnesReturnsToThePool() throws {
        let f = try StoreFixture(samples: 2)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: [0, 1], overlap: 1)
        let (s, j) = try session(f, data, "ann", batch: 2, lease: 2)
        defer { j.close() }
        #expect(try s.claimNow().queue == [0, 1])
        Thread.sleep(forTimeInterval: 1.0)
        s.noteActivity()
        _ = try s.claimNow()  // renews: the lease now runs to about 3 s after the claim
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 5, leaseSeconds: 60) == [], "ann's renewed claims are still hers")
        // ann idle past her lease: the batch returns to the pool and bob gets it.
        Thread.sleep(forTimeInterval: 2.0)
        _ = try s.claimNow()
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 5, leaseSeconds: 60) == [0, 1])
        // Back at work, ann finds her lost claims gone from the queue, and no more work.
        s.noteActivity()
        var snap = try s.claimNow()
        #expect(snap.queue == [])
        snap = try s.claimNow()
        #expect(snap.poolEmpty)
    }

    @Test func stoppingGivesBackUndecidedClaimsAndKeepsDecidedOnes() throws {
        let f = try StoreFixture(samples: 4)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: [0, 1, 2, 3], overlap: 1)
        let (s, j) = try session(f, data, "ann", batch: 3)
        defer { j.close() }
        #expect(try s.claimNow().queue == [0, 1, 2])
        try j.append(.accept, index: 0)
        s.start()
        s.stop(release: true)
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 5, leaseSeconds: 60) == [1, 2, 3])
        let p = try c.assignmentProgress(dataset: reg)
        #expect(p?.done == 1)
    }

    @Test func releaseKeepsTheClaimsOfSamplesDecidedOffline() throws {
        let f = try StoreFixture(samples: 3)
        defer { f.remove() }
        let data = try f.dataset()
        let c = try f.client()
        defer { c.close() }
        let reg = try c.find(dataset: data)
        try c.assign(dataset: reg, samples: [0, 1, 2], overlap: 1)
        #expect(try c.claim(dataset: reg, reviewer: "ann", batch: 3, leaseSeconds: 60) == [0, 1, 2])
        try c.release(dataset: reg, reviewer: "ann", keeping: [1])
        #expect(try c.claim(dataset: reg, reviewer: "bob", batch: 5, leaseSeconds: 60) == [0, 2])
        #expect(try c.renew(dataset: reg, reviewer: "ann", leaseSeconds: 60) == [1])
    }

    @Test func progressWithoutAnAssignmentCountsSamplesDecidedBySomeone() throws {
        let f = try StoreFixture(samples: 10)
        defer { f.remove() }
        let data = try f.dataset()
        let ann = try StoreJournal.open(location: f.location, dataset: data, reviewer: "ann")
        defer { ann.close() }
        let bob = try StoreJournal.open(location: f.location, dataset: data, reviewer: "bob")
        defer { bob.close() }
        try ann.append(.accept, index: 0)
        try ann.append(.note(text: "look", flag: nil), index: 5)
        try bob.append(.accept, index: 0)
        try bob.append(.skip, index: 3)
        let s = TeamSession(location: try f.location, dataset: data, reviewer: "ann", journal: ann)
        s.progressInterval = 0
        let snap = try s.claimNow()
        #expect(snap.queue == nil)
        #expect(snap.done == 2 && snap.total == 10 && !snap.countsAssignedReviews)
        // A slow count is asked again only after many times its own duration.
        try bob.append(.accept, index: 7)
        s.progressCostFactor = 1e9
        #expect(try s.claimNow().done == 2)
        s.progressCostFactor = 0
        #expect(try s.claimNow().done == 3)
    }
}
