import WinnowStore
import WinnowUI

/// The review screen writes to the team store through the same protocol as to a journal file.
extension StoreJournal: DecisionLog {}
