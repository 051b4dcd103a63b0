import Foundation

/// An ISO 8601 week (Monday to Monday, UTC), the unit of the weekly digest.
public struct IsoWeek: Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public init?(year: Int, week: Int) {
        guard (2000...9999).contains(year), (1...53).contains(week) else { return nil }
        let start = IsoWeek.calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year))
        guard let start, IsoWeek.calendar.component(.weekOfYear, from: start) == week else { return nil }
        (self.year, self.week) = (year, week)
    }

    public init(containing date: Date) {
        let parts = IsoWeek.calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        (year, week) = (parts.yearForWeekOfYear!, parts.weekOfYear!)
    }

    /// `2026-W47` or `2026-w47`.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "-w")
        guard parts.count == 2, let year = Int(parts[0]), let week = Int(parts[1]) else { return nil }
        self.init(year: year, week: week)
    }

    public var start: Date {
        IsoWeek.calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year))!
    }

    public var end: Date { IsoWeek.calendar.date(byAdding: .day, value: 7, to: start)! }

    public var description: String { String(format: "%04d-W%02d", year, week) }
}
