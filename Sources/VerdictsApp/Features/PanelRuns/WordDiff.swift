/// A word-level difference between two review texts, for the "what changed between two runs" view.
struct WordDiff {
    enum Change: Equatable { case same, added, removed }

    struct Segment: Equatable {
        let text: String
        let change: Change
    }

    /// Longest common subsequence over words. Reviews are a few hundred words, so the quadratic
    /// table is small; longer inputs are compared as whole texts instead.
    static func segments(from old: String, to new: String) -> [Segment] {
        let a = old.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let b = new.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard a.count * b.count <= 1_000_000 else {
            return old == new ? [Segment(text: old, change: .same)] : [Segment(text: old, change: .removed), Segment(text: new, change: .added)]
        }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var words: [(String, Change)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                words.append((a[i], .same)); i += 1; j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                words.append((a[i], .removed)); i += 1  // removals first: read old, then new
            } else {
                words.append((b[j], .added)); j += 1
            }
        }
        // Runs of the same kind become one segment, so the page shows phrases, not single words.
        var result: [Segment] = []
        for (word, change) in words {
            if let last = result.last, last.change == change {
                result[result.count - 1] = Segment(text: last.text + " " + word, change: change)
            } else {
                result.append(Segment(text: word, change: change))
            }
        }
        return result
    }
}
