import SQLKit

extension SQLDatabase {
    /// Decodes every row of a raw query into `T`, mapping snake_case columns onto camelCase fields.
    func rows<T: Decodable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> [T] {
        try await raw(query).all(decoding: T.self, keyDecodingStrategy: keys(T.self))
    }

    func firstRow<T: Decodable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> T? {
        try await raw(query).first(decoding: T.self, keyDecodingStrategy: keys(T.self))
    }

    private func keys<T>(_ type: T.Type) -> SQLRowDecoder.KeyDecodingStrategy {
        type is any ColumnNamedRow.Type ? .useDefaultKeys : .convertFromSnakeCase
    }

    func count(_ query: SQLQueryString) async throws -> Int {
        try await raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
